"""Saved offer searches (API.md §6.4): anyone signed in keeps an offer search by name and gets
a daily digest of the new offers it finds (portal/offers/alerts.py). A search is its owner's
alone: another user's is a 404. Unsubscribing works from the mail without logging in, through
a signed token (itsdangerous: HMAC, compared in constant time)."""
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from portal.core import audit
from portal.core.errors import Conflict, Invalid, NotFound
from portal.core.lookups import one_or_not_found
from portal.core.signed_links import LinkProblem, load, sign
from portal.core.use_case import use_case
from portal.extensions import db
from portal.offers.forms import OfferSearchForm
from portal.offers.models import SavedSearch

MAX_PER_USER = 20  # enough for any job coach; keeps one account from filling the alert run
UNSUBSCRIBE_SALT = "tandem.offer-alert.unsubscribe"


def checked_filters(filters):
    """The filters as GET /api/v1/offers takes them (validated codes, empty ones dropped), or
    Invalid naming `filters.<name>`. Alerts are about published offers: no other status."""
    if not isinstance(filters, dict) or not all(isinstance(v, str) for v in filters.values()):
        raise Invalid(fields={"filters": [_l("Must be an object of text values.")]})
    form = OfferSearchForm(formdata=MultiDict(filters), meta={"csrf": False})
    errors = {f"filters.{name}": [_l("This field cannot be set.")] for name in filters if name not in form._fields}
    if not form.validate():
        errors.update({f"filters.{name}": [str(m) for m in messages] for name, messages in form.errors.items()})
    if form.status.data not in ("", "published"):
        errors["filters.status"] = [_l("Alerts are about published offers only.")]
    if errors:
        raise Invalid(fields=errors)
    return {name: field.data.strip() for name, field in form._fields.items() if name in filters and field.data
            and field.data.strip()}


@use_case
def save_search(actor, data):
    """A signed-in user keeps a search under a name (at most MAX_PER_USER)."""
    filters = checked_filters(data.get("filters") or {})
    count = db.session.scalar(db.select(db.func.count()).select_from(SavedSearch)
                              .where(SavedSearch.user_id == actor.id))
    if count >= MAX_PER_USER:
        raise Conflict(_l("You keep %(max)s searches already: delete one first.", max=MAX_PER_USER))
    search = SavedSearch(user_id=actor.id, name=data["name"].strip(), filters=filters)
    db.session.add(search)
    audit.record(actor, "saved_search.create", search)
    return search


def searches_of(actor):
    return db.session.execute(db.select(SavedSearch).where(SavedSearch.user_id == actor.id)
                              .order_by(SavedSearch.created_at, SavedSearch.id)).scalars().all()


def get_search_for(actor, search_id):
    """The actor's own saved search, else NotFound."""
    return one_or_not_found(db.select(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.user_id == actor.id))


@use_case
def delete_search(actor, search_id):
    """The owner deletes a search (its alerts stop)."""
    search = get_search_for(actor, search_id)
    db.session.delete(search)
    audit.record(actor, "saved_search.delete", search)


def unsubscribe_token(search):
    return sign(UNSUBSCRIBE_SALT, {"search": search.id, "user": search.user_id})


def search_for_token(token):
    """The search a mail's unsubscribe link names, or NotFound for a bad, forged or stale token."""
    try:
        claims = load(UNSUBSCRIBE_SALT, token)
    except LinkProblem:
        raise NotFound() from None
    if not isinstance(claims, dict):
        raise NotFound()
    return one_or_not_found(db.select(SavedSearch).where(
        SavedSearch.id == claims.get("search"), SavedSearch.user_id == claims.get("user")))


@use_case
def unsubscribe(token):
    """Delete the search named by a signed token, without logging in."""
    search = search_for_token(token)
    db.session.delete(search)
    audit.record(None, "saved_search.unsubscribe", search)
    return search
