"""Rules on offers: who publishes and edits them, and which ones a visitor sees."""
from sqlalchemy import false, or_

from portal.core.actors import acts_for_type, organisation_of, own_organisation_id
from portal.core.errors import Forbidden
from portal.core.lookups import one_or_not_found
from portal.extensions import db
from portal.offers.models import Offer

# Drafts and closed offers are seen by the owner's members only.
PUBLIC_OFFER_STATUSES = ("published", "filled")


def can_publish_offers(user):
    """Members of an approved social integration enterprise or host organisation."""
    return acts_for_type(user, "sie", "host")


def can_edit_offer(user, offer):
    organisation = organisation_of(user)
    return organisation is not None and organisation.id == offer.organisation_id


def offers_visible_to(user):
    own = own_organisation_id(user)
    condition = Offer.status.in_(PUBLIC_OFFER_STATUSES)
    if own is not None:
        condition = or_(condition, Offer.organisation_id == own)
    return db.select(Offer).where(condition)


def get_offer_for(user, offer_id, options=()):
    """The offer if `user` may see it, else NotFound."""
    return one_or_not_found(offers_visible_to(user).where(Offer.id == offer_id).options(*options))


def get_offer_to_edit(user, offer_id, options=()):
    """The offer if `user` may edit it; NotFound if unseen, and for others too (no hint)."""
    own = own_organisation_id(user)
    owned = Offer.organisation_id == own if own is not None else false()
    statement = db.select(Offer).where(Offer.id == offer_id, owned).options(*options)
    offer = db.session.execute(statement).scalar_one_or_none()
    if offer is None:
        get_offer_for(user, offer_id)  # 404 when unseen …
        raise Forbidden()  # … 403 when public but someone else's
    return offer
