"""Reads of offers: the detail page and answer (lists and search are in search.py)."""
from sqlalchemy.orm import joinedload

from portal.offers import permissions
from portal.offers.models import Offer


def offer_for(actor, offer_id):
    """The offer, with its organisation, if the actor may see it (else NotFound)."""
    return permissions.get_offer_for(actor, offer_id, options=(joinedload(Offer.organisation),))


def offer_page(actor, offer_id):
    """The offer page: the offer, and the candidates the actor may refer to it (an audited
    read of the actor's OCMW's candidates; empty for everyone else)."""
    from portal.referrals.queries import referable_candidates

    offer = offer_for(actor, offer_id)
    return offer, referable_candidates(actor, offer)


def offer_to_edit(actor, offer_id):
    """The offer whose edit form is shown: the owner's members only (404 unseen, 403 others')."""
    return permissions.get_offer_to_edit(actor, offer_id)
