"""Service rules of offers: who publishes and edits, status moves, visibility."""
import pytest

from portal.core.errors import Conflict, Forbidden, NotFound
from portal.extensions import db
from portal.offers import permissions, services
from portal.offers.models import Offer
from tests.factories import member, organisation
from tests.referrals import builders as b


@pytest.mark.parametrize("who", ["sie_member", "host_member"])
def test_sie_and_host_members_publish_for_their_organisation(request, who):
    user = request.getfixturevalue(who)
    offer = b.offer(user)
    assert offer.organisation_id == user.membership.organisation_id and offer.status == "published"


@pytest.mark.parametrize("who", ["ocmw_member", "partner_member", "participant", "admin", "moderator"])
def test_others_cannot_publish(request, who):
    with pytest.raises(Forbidden):
        b.offer(request.getfixturevalue(who))
    assert db.session.query(Offer).count() == 0


def test_member_of_a_pending_sie_cannot_publish(app):
    pending = organisation("New SIE", "sie", status="pending")
    with pytest.raises(Forbidden):
        b.offer(member(pending, "x@new-sie.test"))


def test_draft_is_seen_only_by_the_owner(sie_member, sie_admin, host_member, ocmw_member, participant):
    draft = b.offer(sie_member, status="draft")
    assert permissions.get_offer_for(sie_admin, draft.id).id == draft.id
    for user in (host_member, ocmw_member, participant, None):
        with pytest.raises(NotFound):
            permissions.get_offer_for(user, draft.id)


def test_status_moves_follow_the_table(sie_member):
    offer = b.offer(sie_member, status="draft")
    with pytest.raises(Conflict):
        services.change_offer_status(sie_member, offer.id, "filled")
    services.change_offer_status(sie_member, offer.id, "published")
    services.change_offer_status(sie_member, offer.id, "filled")
    services.change_offer_status(sie_member, offer.id, "closed")
    with pytest.raises(Conflict):
        services.change_offer_status(sie_member, offer.id, "published")
    assert db.session.get(Offer, offer.id).status == "closed"


def test_only_the_owners_members_edit(sie_member, host_member, ocmw_member):
    offer = b.offer(sie_member)
    with pytest.raises(Forbidden):  # public offer of someone else: known, not allowed
        services.update_offer(host_member, offer.id, {"title": "Mine now"})
    draft = b.offer(sie_member, status="draft")
    with pytest.raises(NotFound):
        services.update_offer(ocmw_member, draft.id, {"title": "x"})
    assert db.session.get(Offer, offer.id).title != "Mine now"


def test_new_offer_cannot_start_filled_or_closed(sie_member):
    from portal.core.errors import Invalid

    with pytest.raises(Invalid):
        b.offer(sie_member, status="closed")
