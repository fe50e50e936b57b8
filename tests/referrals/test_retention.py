"""Retention (API.md §5) and `flask --app wsgi purge`."""
from datetime import date, timedelta

from portal.core.types import utcnow
from portal.extensions import db
from portal.referrals import services
from portal.referrals.models import Candidate, Placement, Referral
from tests.referrals import builders as b


def _age(candidate, days):
    db.session.get(Candidate, candidate.id).created_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_candidate_without_referral_is_purged_after_twelve_months(ocmw_member):
    old, recent = b.candidate(ocmw_member), b.candidate(ocmw_member, first_name="Recent")
    _age(old, 366)
    _age(recent, 300)
    assert [c.id for c in services.purge()] == [old.id]
    assert db.session.get(Candidate, old.id).first_name == ""
    assert db.session.get(Candidate, recent.id).first_name == "Recent"


def test_purge_counts_from_the_last_closed_referral_and_keeps_placement_facts(ocmw_member, host_member):
    referral = b.placed(ocmw_member, host_member, started=date(2020, 1, 6))
    b.move(host_member, referral, "ended", date=date(2020, 12, 31), outcome="hired")
    running = b.placed(ocmw_member, host_member, started=date(2020, 1, 6))
    for candidate_id in (db.session.get(Referral, referral.id).candidate_id,
                         db.session.get(Referral, running.id).candidate_id):
        db.session.get(Candidate, candidate_id).created_at = utcnow() - timedelta(days=2000)
    db.session.commit()
    purged = services.purge()
    assert [c.id for c in purged] == [db.session.get(Referral, referral.id).candidate_id]
    placement = db.session.query(Placement).filter_by(referral_id=referral.id).one()
    assert (placement.ended_on, placement.outcome, placement.function) == (date(2020, 12, 31), "hired",
                                                                           "kitchen_help")


def test_recently_closed_referral_keeps_the_candidate(ocmw_member, host_member):
    candidate = b.candidate(ocmw_member)
    _age(candidate, 800)
    referral = b.referral(ocmw_member, candidate, b.offer(host_member))
    b.move(ocmw_member, referral, "withdrawn", reason="unreachable")
    assert services.purge() == []


def test_purge_command_prints_what_it_anonymised(ocmw_member, runner):
    old = b.candidate(ocmw_member)
    _age(old, 400)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert f"anonymised candidate {old.id}" in result.output and "1 candidate(s)" in result.output
    assert runner.invoke(args=["purge"]).output.startswith("0 candidate(s)")


def test_remind_command_mails_receivers_once(ocmw_member, host_member, runner, mailbox):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    db.session.get(Referral, referral.id).respond_by = utcnow() - timedelta(hours=1)
    db.session.commit()
    mailbox.clear()
    result = runner.invoke(args=["remind-referrals"])
    assert f"reminded the receivers of referral {referral.id}" in result.output
    assert [m["To"] for m in mailbox] == [host_member.email]
    assert "1990" not in mailbox[0].get_content()
    assert "0 overdue" in runner.invoke(args=["remind-referrals"]).output


def test_two_reminder_runs_at_once_mail_the_receivers_once(app, ocmw_member, host_member, mailbox):
    from tests.races import other_run_first

    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    db.session.get(Referral, referral.id).respond_by = utcnow() - timedelta(hours=1)
    db.session.commit()
    mailbox.clear()
    def remind():
        return [r.id for r in services.send_overdue_reminders()]

    with other_run_first(app, "UPDATE referrals SET reminder_sent_at", remind) as other:
        this = remind()
    assert other == [[referral.id]] and this == []
    assert [m["To"] for m in mailbox] == [host_member.email]


def test_two_purges_at_once_anonymise_and_log_each_candidate_once(app, ocmw_member):
    from portal.core.audit import AuditEntry
    from tests.races import other_run_first

    old = b.candidate(ocmw_member)
    _age(old, 400)
    def purge():
        return [c.id for c in services.purge()]

    with other_run_first(app, "UPDATE candidates SET erased_at", purge) as other:
        this = purge()
    assert other == [[old.id]] and this == []
    entries = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "candidate.purge")).scalars().all()
    assert [e.subject_id for e in entries] == [old.id]
