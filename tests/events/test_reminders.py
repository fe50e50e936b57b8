"""`flask --app wsgi send-reminders`: confirmed registrants of events starting within 48 hours,
once each, in their language."""
from datetime import timedelta

from portal.core.types import utcnow
from portal.events import services
from tests import factories
from tests.events import helpers


def soon(partner, hours=24, **fields):
    start = utcnow() + timedelta(hours=hours)
    return helpers.event(partner, starts_at=start, ends_at=start + timedelta(hours=3),
                         registration_deadline=start - timedelta(hours=1), **fields)


def test_reminders_go_once_to_confirmed_registrants_of_events_within_48_hours(runner, partner, mailbox):
    tomorrow = soon(partner, capacity=1)
    next_week = soon(partner, hours=24 * 7)
    confirmed = factories.user("fr-person@example.test", language="fr")
    waiting = helpers.people(1, "waiting")[0]
    services.register(confirmed, tomorrow.id)
    services.register(waiting, tomorrow.id)
    services.register(helpers.people(1, "later")[0], next_week.id)
    mailbox.clear()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 reminder" in result.output
    assert [m["To"] for m in mailbox] == [confirmed.email]
    again = runner.invoke(args=["send-reminders"])
    assert "Sent 0 reminder" in again.output
    assert len(mailbox) == 1


def test_no_reminders_for_cancelled_or_started_events(runner, partner, participant, mailbox):
    cancelled = soon(partner)
    services.register(participant, cancelled.id)
    cancelled.status = "cancelled"
    started = soon(partner, hours=-1)
    from portal.events.models import Registration
    from portal.extensions import db

    db.session.add(Registration(event_id=started.id, user_id=participant.id, status="confirmed"))
    db.session.commit()
    mailbox.clear()
    assert "Sent 0 reminder" in runner.invoke(args=["send-reminders"]).output
    assert mailbox == []


def test_two_runs_at_once_mail_each_registrant_once(app, partner, mailbox):
    """Two machines' timers fire at the same minute: both read the same registrations; the
    conditional claim lets only one of them mail each person."""
    from portal.events.services import send_reminders
    from tests.races import other_run_first

    tomorrow = soon(partner)
    people = helpers.people(3, "soon")
    for person in people:
        services.register(person, tomorrow.id)
    mailbox.clear()
    with other_run_first(app, "UPDATE registrations SET reminded_at", send_reminders) as other:
        this = send_reminders()
    assert (other, this) == ([3], 0)
    assert sorted(m["To"] for m in mailbox) == sorted(p.email for p in people)
