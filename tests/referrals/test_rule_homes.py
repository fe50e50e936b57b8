"""Each rule of the referrals domain has one home, named after it; where a rule is also written
as SQL (for lists), the two writings are checked to agree here."""
from datetime import timedelta

import pytest

from portal.core.errors import Conflict
from portal.core.types import utcnow
from portal.extensions import db
from portal.referrals import permissions, services, workflow
from portal.referrals.models import Referral
from tests.referrals import builders as b


def test_may_be_referred_and_the_offer_pages_choice_agree(ocmw_member, host_member):
    """permissions.may_be_referred (the service's check) and permissions.referable_candidates
    (the offer page's list) name the same candidates."""
    keeps = b.candidate(ocmw_member, first_name="Kept")
    revoked = b.candidate(ocmw_member, first_name="Revoked")
    erased = b.candidate(ocmw_member, first_name="Erased")
    services.revoke_consent(ocmw_member, revoked.id)
    services.erase_candidate(ocmw_member, erased.id)
    listed = set(db.session.execute(permissions.referable_candidates(ocmw_member)).scalars())
    everyone = [keeps, revoked, erased]
    assert {c for c in everyone if permissions.may_be_referred(db.session.get(type(c), c.id))} == listed == {keeps}
    offer = b.offer(host_member)
    for refused in (revoked, erased):
        with pytest.raises(Conflict):
            services.create_referral(ocmw_member, {"candidate_id": refused.id, "offer_id": offer.id})


def test_overdue_is_one_rule_in_python_and_in_sql(ocmw_member, host_member):
    """workflow.is_overdue (the page, the API) and workflow.overdue_condition (the dashboard,
    the reminder job) agree on every referral, before and after the deadline."""
    waiting = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    answered = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    b.move(host_member, answered, "accepted")
    for moment in (utcnow(), utcnow() + timedelta(days=5)):
        in_sql = set(db.session.execute(
            db.select(Referral.id).where(workflow.overdue_condition(Referral, moment))).scalars())
        in_python = {r.id for r in (db.session.get(Referral, waiting.id), db.session.get(Referral, answered.id))
                     if workflow.is_overdue(r, moment)}
        assert in_sql == in_python
    assert in_python == {waiting.id}


def test_the_sent_and_received_boxes_are_the_two_sides(ocmw_member, host_member):
    """permissions.in_box("sent"/"received") holds exactly the referrals whose side
    (permissions.referral_side) is sending/receiving for the one who asks."""
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    for user, side in ((ocmw_member, workflow.SENDING), (host_member, workflow.RECEIVING)):
        for box, box_side in permissions.BOXES.items():
            found = db.session.execute(
                permissions.referrals_visible_to(user).where(permissions.in_box(user, box))).scalars().all()
            assert ([r.id for r in found] == [referral.id]) == (box_side == side), (user, box)
        assert permissions.referral_side(user, db.session.get(Referral, referral.id)) == side
