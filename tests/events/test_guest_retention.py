"""What is kept of guests, and for how long (events/services/retention.py, `flask purge`):
expired guest links' requests are deleted, guests' registrations of long-past study days lose
name, e-mail, organisation and answers and keep their seat, attendance and figures."""
from datetime import timedelta

from portal.core.audit import AuditEntry
from portal.core.types import utcnow
from portal.events import services
from portal.events.models import Event, Registration
from portal.events.models_study_day import GuestRequest
from portal.extensions import db
from tests.events import helpers
from tests.events.test_guests import GUEST, ask, link_in


def _guest_registration(client, event, mailbox, email="aicha@example.be"):
    ask(client, event, {**GUEST, "email": email})
    confirm = link_in(mailbox[-1], "confirm")
    assert client.get(f"/events/guest/confirm/{confirm}").status_code == 200
    return db.session.execute(db.select(Registration).where(Registration.guest_email == email)).scalar_one()


def test_requests_go_once_their_link_has_expired(app, client, partner, mailbox):
    event = helpers.event(partner)
    ask(client, event)
    ask(client, event, {**GUEST, "email": "other@example.be"})
    assert services.purge_guest_data() == (0, 0)
    later = utcnow() + timedelta(seconds=app.config["GUEST_LINK_MAX_AGE"] + 1)
    assert services.purge_guest_data(now=later) == (2, 0)
    assert db.session.execute(db.select(GuestRequest)).first() is None


def test_a_long_past_days_guests_are_erased_and_their_seats_stay(app, client, partner, participant, mailbox):
    event = helpers.event(partner, capacity=5)
    first = _guest_registration(client, event, mailbox).id
    second = _guest_registration(client, event, mailbox, email="bram@example.be").id
    member = services.register(db.session.merge(participant), event.id).id
    ended = db.session.get(Event, event.id).ends_at
    assert services.purge_guest_data(now=ended + timedelta(days=app.config["GUEST_RETENTION_DAYS"] - 1))[1] == 0
    requests, erased = services.purge_guest_data(now=ended + timedelta(days=app.config["GUEST_RETENTION_DAYS"] + 1))
    assert erased == 2
    db.session.expire_all()
    for registration_id in (first, second):
        guest = db.session.get(Registration, registration_id)
        assert (guest.guest_name, guest.guest_email, guest.organisation_name, guest.answers) == ("", None, None, {})
        assert guest.status == "confirmed" and guest.person.email == ""
    assert db.session.get(Registration, member).user_id == participant.id  # members keep their registration
    assert db.session.get(Event, event.id).seats_taken == 3
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "guests.purge")).scalars().all()[-1]
    assert entry.details == {"requests": requests, "registrations": 2}


def test_an_erased_guest_gets_no_mail(app, client, admin, partner, mailbox):
    event = helpers.event(partner)
    _guest_registration(client, event, mailbox)
    ended = db.session.get(Event, event.id).ends_at
    services.purge_guest_data(now=ended + timedelta(days=app.config["GUEST_RETENTION_DAYS"] + 1))
    mailbox.clear()
    assert services.message_registrants(admin, event.id, "Nog dit", "Dank u.") == 0
    assert mailbox == []


def test_the_purge_command_prints_both_domains(app, client, partner, runner, mailbox):
    event = helpers.event(partner)
    ask(client, event)
    output = runner.invoke(args=["purge"]).output
    assert "0 candidate(s) anonymised" in output and "0 expired guest request(s) deleted" in output
