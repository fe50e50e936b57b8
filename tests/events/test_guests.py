"""Guests without an account (API.md §6.3): request, mailed link, the seat taken when it is
opened, the cancellation link, organisers registering someone, rate limits, no enumeration."""
import re

import pytest

from portal.events import services
from portal.events.models import Registration
from portal.events.models_study_day import GuestRequest, RegistrationQuestion
from portal.extensions import db
from tests import factories
from tests.events import helpers
from tests.events.test_organise_pages import token as csrf_from

GUEST = {"name": "Aïcha El Idrissi", "email": "Aicha@Example.be", "language": "fr",
         "organisation_name": "CPAS de Forest"}


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, kind):
    return re.search(rf"https?://\S+/events/guest/{kind}/(\S+)", body_of(message)).group(1)


def ask(client, event, payload=None):
    return client.post(f"/api/v1/events/{event.id}/registrations", json=payload or GUEST)


def test_a_guest_request_is_202_mails_a_link_and_takes_no_seat(client, partner, mailbox):
    event = helpers.event(partner, capacity=1)
    response = ask(client, event)
    assert response.status_code == 202 and response.get_json()["status"] == "pending"
    [message] = mailbox
    assert message["To"] == "aicha@example.be" and "/events/guest/confirm/" in body_of(message)
    assert "Confirmez" in message["Subject"] or "Confirm" in message["Subject"]
    assert db.session.execute(db.select(Registration)).first() is None
    db.session.refresh(event)
    assert event.seats_taken == 0


def test_opening_the_link_takes_the_seat_once_and_mails_a_cancellation_link(client, partner, mailbox):
    event = helpers.event(partner, capacity=1)
    ask(client, event)
    confirm = link_in(mailbox[0], "confirm")
    mailbox.clear()
    response = client.get(f"/events/guest/confirm/{confirm}")
    assert response.status_code == 200
    registration = db.session.execute(db.select(Registration)).scalar_one()
    assert (registration.status, registration.user_id, registration.guest_email, registration.guest_language,
            registration.organisation_name) == ("confirmed", None, "aicha@example.be", "fr", "CPAS de Forest")
    [mail] = mailbox
    assert "/events/guest/cancel/" in body_of(mail)
    assert any(part.get_content_type() == "text/calendar" for part in mail.iter_attachments())
    assert client.get(f"/events/guest/confirm/{confirm}").status_code == 400  # used
    assert db.session.execute(db.select(Registration)).scalars().all() == [registration]


def test_a_second_guest_joins_the_waiting_list_and_is_promoted_when_the_first_cancels(client, partner, mailbox):
    event = helpers.event(partner, capacity=1)
    ask(client, event)
    ask(client, event, {**GUEST, "email": "second@example.be", "name": "Second"})
    first, second = (link_in(m, "confirm") for m in mailbox)
    client.get(f"/events/guest/confirm/{first}")
    assert "waiting list" in client.get(f"/events/guest/confirm/{second}").get_data(as_text=True)
    cancel = link_in([m for m in mailbox if "aicha@example.be" in m["To"]][-1], "cancel")
    page = client.get(f"/events/guest/cancel/{cancel}")
    assert page.status_code == 200 and "Cancel your registration?" in page.get_data(as_text=True)
    assert db.session.execute(db.select(Registration).where(Registration.status == "cancelled")).first() is None
    mailbox.clear()
    response = client.post(f"/events/guest/cancel/{cancel}", data={"csrf_token": csrf_from(
        client, f"/events/guest/cancel/{cancel}")})
    assert response.status_code == 200
    statuses = dict(db.session.execute(db.select(Registration.guest_email, Registration.status)).all())
    assert statuses == {"aicha@example.be": "cancelled", "second@example.be": "confirmed"}
    assert {m["To"] for m in mailbox} == {"aicha@example.be", "second@example.be"}
    assert client.get(f"/events/guest/cancel/{cancel}").status_code == 400  # used


def test_the_answer_is_the_same_for_an_account_a_registrant_and_a_stranger(client, partner, mailbox):
    event = helpers.event(partner)
    participant = factories.user("member@example.be")
    services.register(participant, event.id)
    bodies = [ask(client, event, {**GUEST, "email": email}) for email in
              (participant.email, "nobody@example.be", "nobody@example.be")]
    assert {r.status_code for r in bodies} == {202} and len({r.data for r in bodies}) == 1


def test_a_second_confirmation_of_the_same_address_is_a_conflict(client, partner, mailbox):
    event = helpers.event(partner)
    ask(client, event)
    ask(client, event)
    first, second = (link_in(m, "confirm") for m in mailbox[:2])
    client.get(f"/events/guest/confirm/{first}")
    response = client.get(f"/events/guest/confirm/{second}")
    assert response.status_code == 409
    assert db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one() == 1


@pytest.mark.parametrize("token", ["nonsense", "x" * 600, ""])
def test_a_forged_link_is_refused(client, token):
    assert client.get(f"/events/guest/confirm/{token}").status_code in (400, 404)
    assert client.get(f"/events/guest/cancel/{token}").status_code in (400, 404)


def test_a_cancellation_link_cannot_confirm_and_a_member_registration_cannot_be_cancelled_by_link(
        client, app, partner, participant):
    from portal.core.signed_links import sign
    from portal.events import guest_links

    event = helpers.event(partner)
    member = services.register(participant, event.id)
    forged = sign(guest_links.CANCEL_SALT, {"r": member.id, "e": event.id})
    assert client.get(f"/events/guest/cancel/{forged}").status_code == 400
    assert client.get(f"/events/guest/confirm/{forged}").status_code == 400


@pytest.mark.parametrize("changes,field", [
    ({"email": "not-an-address"}, "email"), ({"name": ""}, "name"), ({"language": "de"}, "language"),
    ({"name": "x" * 201}, "name"), ({"status": "confirmed"}, "status"),
])
def test_bad_guest_requests_are_422_and_store_nothing(client, partner, mailbox, changes, field):
    event = helpers.event(partner)
    response = ask(client, event, {**GUEST, **changes})
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert db.session.execute(db.select(GuestRequest)).first() is None and not mailbox


def test_guest_answers_are_checked_and_kept(client, partner, partner_member, auth_headers, mailbox):
    event = helpers.event(partner)
    question = RegistrationQuestion(event_id=event.id, label="Workshop", kind="choice", options=["A", "B"],
                                    required=True, translations={})
    db.session.add(question)
    db.session.commit()
    assert ask(client, event).status_code == 422
    assert ask(client, event, {**GUEST, "answers": {question.key: "C"}}).status_code == 422
    assert db.session.execute(db.select(GuestRequest)).first() is None
    assert ask(client, event, {**GUEST, "answers": {question.key: "B"}}).status_code == 202
    client.get(f"/events/guest/confirm/{link_in(mailbox[-1], 'confirm')}")
    row = client.get(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(partner_member)).get_json()[
        "items"][0]
    assert row["guest"] is True and row["answers"] == {question.key: "B"}
    assert row["user"] == {"id": None, "name": "Aïcha El Idrissi", "email": "aicha@example.be"}
    assert row["organisation"] is None and row["organisation_name"] == "CPAS de Forest"


def test_closed_and_hidden_events_refuse_guests(client, partner):
    cancelled = helpers.event(partner, status="cancelled")
    assert ask(client, cancelled).status_code == 422
    draft = helpers.event(partner, status="draft")
    assert ask(client, draft).status_code == 404
    assert client.get(f"/events/{draft.id}/guest").status_code == 404


def test_guest_requests_are_rate_limited(app, client, partner):
    app.config["SIGNUP_LIMIT"] = "2 per hour"
    event = helpers.event(partner)
    assert [ask(client, event, {**GUEST, "email": f"g{n}@example.be"}).status_code for n in range(3)] == [
        202, 202, 429]


def test_an_organiser_registers_someone_at_once(client, partner, partner_member, auth_headers, mailbox):
    event = helpers.event(partner, registration_deadline=helpers.brussels(2020, 1, 1, 9))
    response = client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(partner_member),
                           json={"name": "Spreker", "email": "speaker@example.be"})
    assert response.status_code == 201
    assert response.get_json()["guest"] is True and response.get_json()["status"] == "confirmed"
    [mail] = [m for m in mailbox if "speaker@example.be" in m["To"]]
    assert "/events/guest/cancel/" in body_of(mail)


@pytest.mark.parametrize("role", ["participant", "other_partner"])
def test_only_organisers_register_someone_else(client, partner, auth_headers, request, role):
    event = helpers.event(partner)
    if role == "other_partner":
        person = factories.member(factories.organisation("Ander", "partner"), "o@example.test")
    else:
        person = request.getfixturevalue(role)
    response = client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(person),
                           json={"name": "X", "email": "x@example.be"})
    assert response.status_code == 403
    assert db.session.execute(db.select(Registration)).first() is None


def test_the_guest_page_registers_a_visitor(client, partner, mailbox):
    event = helpers.event(partner)
    assert "Register without an account" in client.get(f"/events/{event.id}").get_data(as_text=True)
    path = f"/events/{event.id}/guest"
    response = client.post(path, data={**GUEST, "csrf_token": csrf_from(client, path)})
    assert response.status_code == 200 and "Check your mailbox" in response.get_data(as_text=True)
    assert len(mailbox) == 1
    bad = client.post(path, data={**GUEST, "email": "nope", "csrf_token": csrf_from(client, path)})
    assert bad.status_code == 422


def test_guests_show_in_the_list_and_csv(client, login, partner, partner_member, mailbox):
    event = helpers.event(partner)
    ask(client, event)
    client.get(f"/events/guest/confirm/{link_in(mailbox[0], 'confirm')}")
    login(partner_member)
    page = client.get(f"/events/{event.id}/registrations").get_data(as_text=True)
    assert "Aïcha El Idrissi" in page and "CPAS de Forest" in page
    csv_text = client.get(f"/events/{event.id}/registrations.csv").data.decode("utf-8-sig")
    assert "Aïcha El Idrissi;aicha@example.be;CPAS de Forest;confirmed" in csv_text
    assert csv_text.splitlines()[1].endswith(";yes")


def test_the_registrations_page_registers_someone(client, login, partner, partner_member, mailbox):
    event = helpers.event(partner)
    login(partner_member)
    path = f"/events/{event.id}/registrations"
    response = client.post(f"{path}/add", data={"csrf_token": csrf_from(client, path), "name": "Spreker",
                                                 "email": "speaker@example.be", "language": "nl"})
    assert response.status_code == 302
    registration = db.session.execute(db.select(Registration)).scalar_one()
    assert registration.is_guest and registration.status == "confirmed"
    assert "Spreker" in client.get(path).get_data(as_text=True)
    again = client.post(f"{path}/add", data={"csrf_token": csrf_from(client, path), "name": "Spreker",
                                              "email": "speaker@example.be", "language": "nl"}, follow_redirects=True)
    assert "already registered" in again.get_data(as_text=True)


def test_only_organisers_use_the_register_someone_form(client, login, partner, participant):
    event = helpers.event(partner)
    login(participant)
    response = client.post(f"/events/{event.id}/registrations/add", data={
        "csrf_token": csrf_from(client, "/events"), "name": "X", "email": "x@example.be", "language": "nl"})
    assert response.status_code == 403
    assert db.session.execute(db.select(Registration)).first() is None
