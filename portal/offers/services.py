"""The rules on offers: who publishes, who edits, which status moves are allowed."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from portal.core import actors, audit
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.translated import apply_translations
from portal.core.types import utcnow
from portal.core.use_case import parsed, use_case
from portal.extensions import db
from portal.offers import permissions
from portal.offers.forms import CREATION_STATUSES, OFFER_MOVES, OFFER_STATUSES, WRITABLE_FIELDS
from portal.offers.models import Offer


def offer_values(offer):
    """The writable fields of an offer, as a form or the API takes them."""
    return {name: getattr(offer, name) for name in WRITABLE_FIELDS}


@use_case(keeps_loaded=True)
def create_offer(actor, data):
    """Members of an approved SIE or host publish offers; the offer is their organisation's.
    `data` may be a parser, run once the actor is known to publish (rights before the body)."""
    if not permissions.can_publish_offers(actor):
        raise Forbidden(_l("Only members of an approved social integration enterprise or host "
                           "organisation publish offers."))
    data = parsed(data)
    if data.get("status", "draft") not in CREATION_STATUSES:
        raise Invalid(fields={"status": [_l("A new offer is a draft or published.")]})
    offer = Offer(organisation=actors.organisation_of(actor), created_by_id=actor.id, translations={})
    _assign(offer, data)
    db.session.add(offer)
    audit.record(actor, "offer.create", offer, organisation_id=offer.organisation_id, status=offer.status)
    return offer


@use_case(keeps_loaded=True)
def update_offer(actor, offer_id, data):
    """Only the owner's members edit; a status change must follow OFFER_MOVES (else 409).
    `data` may be a parser of the offer (a PATCH validated merged over it)."""
    offer = permissions.get_offer_to_edit(actor, offer_id, options=(joinedload(Offer.organisation),))
    data = parsed(data, offer)
    to = data.get("status", offer.status)
    if to != offer.status and to not in OFFER_MOVES[offer.status]:
        raise Conflict(_l("An offer that is “%(current)s” cannot become “%(status)s”.",
                          current=OFFER_STATUSES.label(offer.status), status=OFFER_STATUSES.label(to)))
    before = offer.status
    _assign(offer, data)
    audit.record(actor, "offer.update", offer, organisation_id=offer.organisation_id,
                 **({"from": before, "to": to} if before != to else {}))
    return offer


@use_case
def change_offer_status(actor, offer_id, to):
    """Publish, mark filled, close or reopen: a move of OFFER_MOVES by the owner's members."""
    if to not in OFFER_STATUSES:
        raise Invalid(fields={"status": [_l("Not a valid choice.")]})
    return update_offer(actor, offer_id, {"status": to})


def _assign(offer, data):
    """Set the writable fields present in `data`; `translations` (validated changes) merge
    per language and field (core/translated.py)."""
    if data.get("language") is None and "language" in data:
        data = {**data, "language": offer.language or "nl"}
    apply_translations(offer, data.get("translations"), data.get("language") or offer.language or "nl")
    if data.get("status") == "published" and offer.published_at is None:
        offer.published_at = utcnow()  # the first publication: what offer alerts look for
    for name in WRITABLE_FIELDS:
        if name in data:
            value = data[name]
            if name == "languages":
                value = list(dict.fromkeys(value or []))
            if name == "description":
                value = (value or "").replace("\r\n", "\n")
            setattr(offer, name, value)
