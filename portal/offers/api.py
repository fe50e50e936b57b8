"""/api/v1 routes of the offers domain (API.md "Placement offers")."""
from flask import request
from flask_babel import gettext as _

from portal.api import api_user, bp
from portal.api.inputs import as_written, json_body, validated
from portal.api.pagination import paginated
from portal.api.serialise import iso_date, iso_datetime
from portal.core import cache
from portal.core.errors import Invalid
from portal.core.translated import translations_input
from portal.core.web import form_values
from portal.offers import queries, saved_searches, services
from portal.offers.forms import OfferEditForm, OfferForm, OfferSearchForm
from portal.offers.models import Offer
from portal.offers.openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS  # noqa: F401  (for /api/v1/openapi.json)
from portal.offers.search import DOMAINS, paginate_offers


def serialise_offer(offer):
    return {
        "id": offer.id,
        "title": offer.title,
        "description": offer.description,
        "language": offer.language,
        "translations": offer.translations or {},
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


def _new_offer():
    """A new offer's body, with its translations (in its language, Dutch unless it says)."""
    payload = json_body()
    translations = translations_input(payload, Offer, payload.get("language") or "nl")
    return {**form_values(validated(OfferForm, payload)), "translations": translations}


def _offer_patch(offer):
    """A PATCH validated merged over the offer as it is; only the fields sent change, and the
    translations merge per language and field."""
    payload = json_body()
    translations = translations_input(payload, Offer, payload.get("language") or offer.language, partial=True)
    merged = {**as_written(services.offer_values(offer)), **payload}
    return {**form_values(validated(OfferEditForm, merged), only=payload), "translations": translations}


@bp.post("/offers")
def api_create_offer():
    offer = services.create_offer(api_user(), _new_offer)  # rights before the body
    return serialise_offer(offer), 201


@bp.get("/offers/<int:offer_id>")
def api_offer(offer_id):
    return serialise_offer(queries.offer_for(api_user(required=False), offer_id))


@bp.patch("/offers/<int:offer_id>")
def api_update_offer(offer_id):
    # access before validation: the service looks the offer up, then parses the body over it
    offer = services.update_offer(api_user(), offer_id, _offer_patch)
    return serialise_offer(offer)


# --- saved searches (API.md §6.4) ----------------------------------------------------------

def serialise_saved_search(search):
    return {"id": search.id, "name": search.name, "filters": dict(search.filters or {}),
            "created_at": iso_datetime(search.created_at)}


@bp.post("/saved-searches")
def api_save_search():
    user = api_user()
    payload = json_body()
    unknown = set(payload) - {"name", "filters"}
    errors = {name: [_("This field cannot be set.")] for name in unknown}
    name = payload.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 200 or "\x00" in name:
        errors["name"] = [_("Give a name of at most 200 characters.")]
    if errors:
        raise Invalid(fields=errors)
    search = saved_searches.save_search(user, {"name": name, "filters": payload.get("filters") or {}})
    return serialise_saved_search(search), 201


@bp.get("/saved-searches")
def api_saved_searches():
    items = [serialise_saved_search(s) for s in saved_searches.searches_of(api_user())]
    return {"items": items, "total": len(items), "page": 1, "per_page": saved_searches.MAX_PER_USER}


@bp.delete("/saved-searches/<int:search_id>")
def api_delete_saved_search(search_id):
    saved_searches.delete_search(api_user(), search_id)
    return "", 204
