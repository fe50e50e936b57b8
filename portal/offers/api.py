"""/api/v1 routes of the offers domain (API.md "Placement offers")."""
from flask import request

from portal.api import api_user, bp
from portal.api.inputs import body_of
from portal.api.pagination import paginated
from portal.api.serialise import iso_date, iso_datetime
from portal.core import cache
from portal.core.errors import Invalid
from portal.offers import queries, services
from portal.offers.forms import OfferEditForm, OfferForm, OfferSearchForm
from portal.offers.openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS  # noqa: F401  (for /api/v1/openapi.json)
from portal.offers.search import DOMAINS, paginate_offers


def serialise_offer(offer):
    return {
        "id": offer.id,
        "title": offer.title,
        "description": offer.description,
        "sector": offer.sector,
        "function": offer.function,
        "commune": offer.commune,
        "positions": offer.positions,
        "languages": list(offer.languages or []),
        "hours_per_week": offer.hours_per_week,
        "start_date": iso_date(offer.start_date),
        "contract_type": offer.contract_type,
        "status": offer.status,
        "application_deadline": iso_date(offer.application_deadline),
        "organisation": {"id": offer.organisation.id, "name": offer.organisation.name,
                         "type": offer.organisation.type},
        "created_at": iso_datetime(offer.created_at),
        "updated_at": iso_datetime(offer.updated_at),
    }


def search_filters(args):
    """Validated filters from the query string (422 naming an unknown code)."""
    form = OfferSearchForm(formdata=args, meta={"csrf": False})
    if not form.validate():
        raise Invalid(fields={name: [str(m) for m in messages] for name, messages in form.errors.items()})
    return {name: field.data for name, field in form._fields.items()}


@bp.get("/offers")
@cache.anonymous_response(*DOMAINS)
def api_offers():
    user = api_user(required=False)
    filters = search_filters(request.args)
    return paginated(None, serialise_offer,
                     paginate=lambda page, per_page: paginate_offers(user, filters, page, per_page))


@bp.post("/offers")
def api_create_offer():
    offer = services.create_offer(api_user(), body_of(OfferForm))  # rights before the body
    return serialise_offer(offer), 201


@bp.get("/offers/<int:offer_id>")
def api_offer(offer_id):
    return serialise_offer(queries.offer_for(api_user(required=False), offer_id))


@bp.patch("/offers/<int:offer_id>")
def api_update_offer(offer_id):
    # access before validation: the service looks the offer up, then parses the body over it
    offer = services.update_offer(api_user(), offer_id, body_of(OfferEditForm, services.offer_values))
    return serialise_offer(offer)
