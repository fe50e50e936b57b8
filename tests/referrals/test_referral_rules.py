"""Service rules of referrals: who refers what, the refusals, moves, history, mail."""
from datetime import date, timedelta

import pytest

from portal.core.audit import AuditEntry
from portal.core.errors import Conflict, Forbidden, Invalid, NotFound
from portal.core.types import utcnow
from portal.extensions import db
from portal.referrals import queries, services
from portal.referrals.models import Referral
from tests.referrals import builders as b


def test_ocmw_member_refers_own_candidate_to_published_offer(ocmw_member, host_member, mailbox):
    offer = b.offer(host_member)
    candidate = b.candidate(ocmw_member)
    referral = b.referral(ocmw_member, candidate, offer)
    assert referral.status == "submitted"
    assert (referral.ocmw_id, referral.host_id) == (candidate.organisation_id, offer.organisation_id)
    moves = db.session.execute(db.select(Referral).where(Referral.id == referral.id)).scalar_one()
    assert moves.respond_by > utcnow()
    assert [m["To"] for m in mailbox] == [host_member.email]
    body = mailbox[0].get_content()
    assert "Amina B." in body and "DOS-2026-001" not in body and "1990" not in body
    assert "Confidential note" not in body and f"/referrals/{referral.id}" in body


def test_referring_another_ocmws_candidate_is_not_found(ocmw_member, other_ocmw_member, host_member):
    offer = b.offer(host_member)
    theirs = b.candidate(other_ocmw_member)
    with pytest.raises(NotFound):
        b.referral(ocmw_member, theirs, offer)
    assert db.session.query(Referral).count() == 0


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_referring_to_a_draft_or_closed_offer_is_refused(ocmw_member, host_member, status):
    offer = b.offer(host_member, status="draft")
    if status == "closed":
        from portal.offers.services import change_offer_status

        change_offer_status(host_member, offer.id, "closed")
    with pytest.raises(NotFound):  # a draft or closed offer is not the OCMW's to see
        b.referral(ocmw_member, b.candidate(ocmw_member), offer)


def test_referring_to_a_filled_offer_is_a_conflict(ocmw_member, host_member):
    from portal.offers.services import change_offer_status

    offer = b.offer(host_member)
    change_offer_status(host_member, offer.id, "filled")
    with pytest.raises(Conflict):
        b.referral(ocmw_member, b.candidate(ocmw_member), offer)


def test_referring_an_erased_candidate_is_refused(ocmw_member, host_member):
    candidate = b.candidate(ocmw_member)
    services.erase_candidate(ocmw_member, candidate.id)
    with pytest.raises(Conflict):
        b.referral(ocmw_member, candidate, b.offer(host_member))


def test_referring_after_consent_revocation_is_refused(ocmw_member, host_member):
    candidate = b.candidate(ocmw_member)
    services.revoke_consent(ocmw_member, candidate.id)
    with pytest.raises(Conflict):
        b.referral(ocmw_member, candidate, b.offer(host_member))


def test_second_open_referral_to_same_offer_is_refused_but_allowed_after_close(ocmw_member, host_member):
    offer, candidate = b.offer(host_member), b.candidate(ocmw_member)
    first = b.referral(ocmw_member, candidate, offer)
    with pytest.raises(Conflict):
        b.referral(ocmw_member, candidate, offer)
    b.move(ocmw_member, first, "withdrawn", reason="found_elsewhere")
    assert b.referral(ocmw_member, candidate, offer).status == "submitted"


@pytest.mark.parametrize("who", ["sie_member", "host_member", "participant", "partner_member", "admin"])
def test_only_ocmw_members_refer(request, who, host_member, ocmw_member):
    offer, candidate = b.offer(host_member), b.candidate(ocmw_member)
    with pytest.raises((Forbidden, NotFound)):
        b.referral(request.getfixturevalue(who), candidate, offer)


def test_full_workflow_keeps_history_oldest_first(ocmw_member, host_member, mailbox):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    for to in ("in_review", "interview", "accepted"):
        b.move(host_member, referral, to, comment=f"now {to}")
    b.move(ocmw_member, referral, "started", date=date(2026, 1, 5))
    b.move(host_member, referral, "ended", date=date(2026, 6, 30), outcome="hired")
    referral, _side = queries.referral_page(ocmw_member, referral.id)
    assert [(m.from_status, m.to_status) for m in referral.history] == [
        (None, "submitted"), ("submitted", "in_review"), ("in_review", "interview"),
        ("interview", "accepted"), ("accepted", "started"), ("started", "ended")]
    assert referral.history[1].comment == "now in_review" and referral.history[1].by_id == host_member.id
    assert referral.placement.started_on == date(2026, 1, 5)
    assert (referral.placement.ended_on, referral.placement.outcome) == (date(2026, 6, 30), "hired")
    assert referral.placement.function == "kitchen_help"
    # each move mails the other party: host moves → OCMW, OCMW move → host
    recipients = [m["To"] for m in mailbox]
    assert recipients.count(ocmw_member.email) == 4 and recipients.count(host_member.email) == 2


def test_wrong_side_is_forbidden_and_out_of_order_is_conflict(ocmw_member, host_member):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    with pytest.raises(Forbidden):
        b.move(ocmw_member, referral, "accepted")
    with pytest.raises(Forbidden):
        b.move(host_member, referral, "withdrawn")
    with pytest.raises(Conflict):
        b.move(host_member, referral, "started", date=date(2026, 1, 5))
    assert db.session.get(Referral, referral.id).status == "submitted"


def test_started_needs_a_date_and_ended_an_outcome_and_no_end_before_start(ocmw_member, host_member):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    b.move(host_member, referral, "accepted")
    with pytest.raises(Invalid) as problem:
        b.move(host_member, referral, "started")
    assert "date" in problem.value.fields
    b.move(host_member, referral, "started", date=date(2021, 3, 1))  # in the past: fine
    with pytest.raises(Invalid) as problem:
        b.move(host_member, referral, "ended", date=date(2021, 6, 1))
    assert "outcome" in problem.value.fields
    with pytest.raises(Invalid) as problem:
        b.move(host_member, referral, "ended", date=date(2021, 2, 1), outcome="hired")
    assert "date" in problem.value.fields
    assert db.session.get(Referral, referral.id).status == "started"


def test_moves_are_audit_logged_for_both_parties(ocmw_member, host_member):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    b.move(host_member, referral, "in_review")
    orgs = {e.organisation_id for e in db.session.query(AuditEntry).filter_by(action="referral.move")}
    assert orgs == {referral.ocmw_id, referral.host_id}


def test_overdue_after_two_working_days_and_reminded_once(ocmw_member, host_member, mailbox):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    mailbox.clear()
    assert services.send_overdue_reminders(utcnow()) == []
    later = utcnow() + timedelta(days=5)  # whatever the weekday, 2 working days have passed
    assert [r.id for r in services.send_overdue_reminders(later)] == [referral.id]
    assert [m["To"] for m in mailbox] == [host_member.email]
    assert db.session.get(Referral, referral.id).reminder_sent_at is not None
    assert services.send_overdue_reminders(later + timedelta(days=1)) == []
    assert len(mailbox) == 1


def test_a_move_by_the_receiver_clears_the_overdue_flag(ocmw_member, host_member):
    from portal.referrals.workflow import is_overdue

    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    assert is_overdue(db.session.get(Referral, referral.id), utcnow() + timedelta(days=5))
    b.move(host_member, referral, "accepted")
    assert not is_overdue(db.session.get(Referral, referral.id), utcnow() + timedelta(days=5))


def test_database_refuses_a_second_pending_referral_even_in_a_race(ocmw_member, host_member):
    from sqlalchemy.exc import IntegrityError

    from portal.referrals import workflow
    from portal.referrals.models import PENDING_STATUSES

    assert set(PENDING_STATUSES) == set(workflow.BLOCKS_NEW_REFERRAL)
    first = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    row = db.session.get(Referral, first.id)
    twin = Referral(candidate_id=row.candidate_id, offer_id=row.offer_id, ocmw_id=row.ocmw_id,
                    host_id=row.host_id, status="in_review")
    db.session.add(twin)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    twin = Referral(candidate_id=row.candidate_id, offer_id=row.offer_id, ocmw_id=row.ocmw_id,
                    host_id=row.host_id, status="declined")  # closed ones may repeat
    db.session.add(twin)
    db.session.commit()
