"""/api/v1 routes of the offers domain (API.md "Placement offers")."""
from flask import request
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from portal.api import api_user, bp
from portal.api.inputs import json_body, validated
from portal.api.pagination import paginated
from portal.api.serialise import iso_date, iso_datetime
from portal.core import cache, permissions
from portal.core.errors import Forbidden, Invalid
from portal.core.translated import translations_input
from portal.offers import saved_searches, services
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


def form_values(form, only=None):
    return {name: field.data for name, field in form._fields.items()
            if name != "csrf_token" and (only is None or name in only)}


def search_filters(args):
    """Validated filters from the query string (422 naming an unknown code)."""
    form = OfferSearchForm(formdata=args, meta={"csrf": False})
    if not form.validate():
        raise Invalid(fields={name: [str(m) for m in messages] for name, messages in form.errors.items()})
    return {name: field.data for name, field in form._fields.items()}


def _offer(user, offer_id):
    return permissions.get_offer_for(user, offer_id, options=(joinedload(Offer.organisation),))


@bp.get("/offers")
@cache.anonymous_response(*DOMAINS)
def api_offers():
    user = api_user(required=False)
    filters = search_filters(request.args)
    return paginated(None, serialise_offer,
                     paginate=lambda page, per_page: paginate_offers(user, filters, page, per_page))


@bp.post("/offers")
def api_create_offer():
    user = api_user()
    payload = json_body()
    if not permissions.can_publish_offers(user):
        raise Forbidden()  # rights before the body is looked at
    translations = translations_input(payload, Offer, payload.get("language") or "nl")
    form = validated(OfferForm, payload)
    offer = services.create_offer(user, {**form_values(form), "translations": translations})
    return serialise_offer(_offer(user, offer.id)), 201


@bp.get("/offers/<int:offer_id>")
def api_offer(offer_id):
    return serialise_offer(_offer(api_user(required=False), offer_id))


@bp.patch("/offers/<int:offer_id>")
def api_update_offer(offer_id):
    user = api_user()
    offer = permissions.get_offer_to_edit(user, offer_id)  # access before validation
    payload = json_body()
    translations = translations_input(payload, Offer, payload.get("language") or offer.language, partial=True)
    merged = {**services.offer_values(offer), **payload}
    merged = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in merged.items()}
    form = validated(OfferEditForm, merged)
    services.update_offer(user, offer_id, {**form_values(form, only=payload), "translations": translations})
    return serialise_offer(_offer(user, offer_id))


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
