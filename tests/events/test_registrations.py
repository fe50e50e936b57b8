"""The seat rules of services.register / cancel_registration, one rule per test."""
from datetime import timedelta

import icalendar
import pytest
from flask_babel import force_locale

from portal.core.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from portal.core.types import utcnow
from portal.events import queries, services
from portal.events.models import Registration
from portal.extensions import db
from tests import factories
from tests.events import helpers


def attachment(message, method):
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            assert part.get_param("method") == method
            return icalendar.Calendar.from_ical(part.get_payload(decode=True))
    raise AssertionError("no text/calendar attachment")


def test_registering_confirms_while_seats_are_left_and_mails_an_invitation(partner, participant, mailbox):
    event = helpers.event(partner, capacity=2)
    registration = services.register(participant, event.id)
    assert registration.status == "confirmed"
    assert registration.waitlist_position is None
    assert event.seats_taken == 1
    [message] = mailbox
    assert message["To"] == participant.email
    calendar = attachment(message, "REQUEST")
    assert str(calendar["METHOD"]) == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event.uid
    assert participant.email in str(vevent["ATTENDEE"])
    assert f"/events/{event.id}" in message.get_body(("plain",)).get_content()


def test_a_full_event_puts_people_on_the_waiting_list_in_order(partner, mailbox):
    event = helpers.event(partner, capacity=1)
    first, second, third = helpers.people(3)
    assert services.register(first, event.id).status == "confirmed"
    waiting = [services.register(second, event.id), services.register(third, event.id)]
    assert [(r.status, r.waitlist_position) for r in waiting] == [("waitlisted", 1), ("waitlisted", 2)]
    assert event.seats_taken == 1
    body = " ".join(mailbox[-1].get_body(("plain",)).get_content().split())  # SMTP wraps long lines
    assert f'The study day "{event.title}" is full. You are number 2 on the waiting list.' in body


def test_registering_twice_is_a_conflict(partner, participant):
    event = helpers.event(partner)
    services.register(participant, event.id)
    with pytest.raises(Conflict):
        services.register(participant, event.id)
    assert event.seats_taken == 1


def test_the_unique_index_refuses_a_second_active_registration(partner, participant):
    """Even when the service's own check is skipped (two simultaneous requests)."""
    from sqlalchemy.exc import IntegrityError

    event = helpers.event(partner)
    services.register(participant, event.id)
    db.session.add(Registration(event_id=event.id, user_id=participant.id, status="waitlisted", waitlist_number=1))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_cancelled_registration_does_not_block_registering_again(partner, participant):
    event = helpers.event(partner)
    services.register(participant, event.id)
    services.cancel_registration(participant, event.id)
    assert services.register(participant, event.id).status == "confirmed"
    assert db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one() == 2


def test_registration_after_the_deadline_is_refused(partner, participant):
    event = helpers.event(partner, registration_deadline=utcnow() - timedelta(minutes=1))
    with pytest.raises(Invalid) as refused, force_locale("en"):
        services.register(participant, event.id)
    assert "closed" in refused.value.message


def test_registration_for_a_cancelled_event_is_refused(partner, participant):
    event = helpers.event(partner, status="cancelled")
    with pytest.raises(Invalid) as refused, force_locale("en"):
        services.register(participant, event.id)
    assert "cancelled" in refused.value.message


def test_registration_for_a_draft_is_refused(partner, participant, partner_member):
    draft = helpers.event(partner, status="draft")
    with pytest.raises(NotFound):  # a draft is seen by its organisers only
        services.register(participant, draft.id)
    with pytest.raises(Invalid):  # and not open to them either
        services.register(partner_member, draft.id)


def test_an_unverified_user_cannot_register(partner, unverified):
    with pytest.raises(Forbidden):
        services.register(unverified, helpers.event(partner).id)


def test_anonymous_cannot_register(partner):
    from flask_login import AnonymousUserMixin

    with pytest.raises(Unauthorized):
        services.register(AnonymousUserMixin(), helpers.event(partner).id)


def test_cancelling_a_seat_promotes_the_first_in_line_who_is_mailed(partner, mailbox):
    event = helpers.event(partner, capacity=1)
    holder, first, second = helpers.people(3)
    for person in (holder, first, second):
        services.register(person, event.id)
    mailbox.clear()
    promoted = services.cancel_registration(holder, event.id)
    assert [r.user_id for r in promoted] == [first.id]
    db.session.expire_all()
    assert db.session.get(Registration, promoted[0].id).status == "confirmed"
    assert event.seats_taken == 1
    still_waiting = queries.active_registration(second, event)
    assert queries.waitlist_position(still_waiting) == 1
    by_recipient = {m["To"]: m for m in mailbox}
    assert set(by_recipient) == {holder.email, first.email}
    attachment(by_recipient[holder.email], "CANCEL")
    invitation = attachment(by_recipient[first.email], "REQUEST")
    assert str(invitation.walk("VEVENT")[0]["UID"]) == event.uid


def test_cancel_and_invitation_share_the_uid(partner, participant, mailbox):
    event = helpers.event(partner)
    services.register(participant, event.id)
    services.cancel_registration(participant, event.id)
    request_uid = attachment(mailbox[0], "REQUEST").walk("VEVENT")[0]["UID"]
    cancel = attachment(mailbox[1], "CANCEL")
    assert str(cancel["METHOD"]) == "CANCEL"
    assert cancel.walk("VEVENT")[0]["UID"] == request_uid
    assert str(cancel.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_leaving_the_waiting_list_promotes_nobody(partner):
    event = helpers.event(partner, capacity=1)
    holder, waiting, later = helpers.people(3)
    for person in (holder, waiting, later):
        services.register(person, event.id)
    assert services.cancel_registration(waiting, event.id) == []
    assert queries.waitlist_position(queries.active_registration(later, event)) == 1
    assert event.seats_taken == 1


def test_cancelling_without_a_registration_is_not_found(partner, participant):
    with pytest.raises(NotFound):
        services.cancel_registration(participant, helpers.event(partner).id)


def test_mail_is_sent_only_after_commit(partner, participant, mailbox, monkeypatch):
    """A registration whose transaction fails mails nobody."""
    event = helpers.event(partner)

    def broken_commit():
        raise RuntimeError("database gone")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        services.register(participant, event.id)
    db.session.rollback()
    monkeypatch.undo()
    assert mailbox == []
    assert db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one() == 0


def test_the_confirmation_is_in_the_recipients_language(partner, mailbox):
    """Subject, text and calendar in French for a French-speaking registrant, whatever the
    language of the request that registered them."""
    event = helpers.event(partner)
    person = factories.user("fr@example.test", language="fr")
    services.register(person, event.id)
    [message] = mailbox
    assert message["To"] == person.email
    assert message["Subject"].replace("\xa0", " ") == f"Inscription confirmée : {event.title}"
    text = message.get_body(("plain",)).get_content().replace("\xa0", " ")  # French typography
    assert "Bonjour" in text and "Votre inscription est confirmée pour :" in text
    assert "L'invitation jointe ajoute la journée d'étude à votre calendrier." in text
    assert "Your registration is confirmed" not in text and "Hello" not in text
