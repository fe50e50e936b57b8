"""Text that tries to escape its context: CR/LF meant to add mail headers (a title or a name
that goes into a subject), calendar lines meant to add iCalendar properties (.ics), and the
client address spoofed with X-Forwarded-For to get round the sign-up limit."""
import icalendar
import pytest
import vobject

from portal.extensions import db
from tests.events import helpers
from tests.security.conftest import ODD_TEXTS

CRLF = ODD_TEXTS["crlf"]
ICS_ATTACK = "Day\r\nATTENDEE:mailto:evil@example.test\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Fake\nX-INJECTED:1"


def assert_single_line_headers(message):
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]


def test_a_title_with_line_breaks_cannot_add_mail_headers(client, auth_headers, partner_member, participant, mailbox):
    event = helpers.event(organiser=partner_member.membership.organisation, title=CRLF)
    assert client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(participant)).status_code == 201
    assert client.post(f"/api/v1/events/{event.id}/cancel", headers=auth_headers(partner_member)).status_code == 200
    assert len(mailbox) == 2 and all(m["To"] == participant.email for m in mailbox)
    for message in mailbox:
        assert_single_line_headers(message)
        assert "Bcc: victim@example.test" in message["Subject"]  # kept as text, on one line


def test_a_name_with_line_breaks_cannot_add_headers_to_the_join_request_mail(client, ocmw, ocmw_admin, mailbox):
    body = {"email": "joiner@example.be", "password": "a-long-passphrase-for-tandem", "name": CRLF,
            "language": "nl", "organisation_id": ocmw.id}
    assert client.post("/api/v1/signup", json=body).status_code == 201
    to_admin = [m for m in mailbox if m["To"] == ocmw_admin.email]
    assert len(to_admin) == 1 and len(mailbox) == 2  # the request to the admin, the verification to the newcomer
    for message in mailbox:
        assert_single_line_headers(message)


def test_an_organisers_subject_with_line_breaks_stays_one_subject(client, login, csrf_token, partner_member,
                                                                   participant, mailbox):
    event = helpers.event(organiser=partner_member.membership.organisation)
    with client.application.test_request_context():
        from portal.events import services

        services.register(participant, event.id)
    mailbox.clear()
    login(partner_member)
    response = client.post(f"/events/{event.id}/message", data={
        "csrf_token": csrf_token("/profile"), "subject": CRLF, "body": "See you.\r\nBcc: x@example.test"})
    assert response.status_code == 302
    assert len(mailbox) == 1 and mailbox[0]["To"] == participant.email
    assert_single_line_headers(mailbox[0])


def test_a_barrier_reports_reply_address_cannot_carry_headers(client, csrf_token, mailbox):
    response = client.post("/accessibility", data={
        "csrf_token": csrf_token("/accessibility"), "description": "Hard to read",
        "email": "me@example.test\r\nBcc: victim@example.test"})
    assert response.status_code == 422 and mailbox == []


@pytest.fixture
def hostile_event(partner):
    partner.name = 'Evil "org"\r\nATTENDEE:mailto:x@example.test'
    db.session.commit()
    event = helpers.event(organiser=partner, title=ICS_ATTACK, venue=ICS_ATTACK, address=ICS_ATTACK,
                          description=ICS_ATTACK)
    helpers.agenda_item(event, title=ICS_ATTACK, description=ICS_ATTACK,
                        speakers=[{"name": ICS_ATTACK, "role": "", "organisation": ""}])
    return event


@pytest.mark.parametrize("path", ["/events/{id}.ics", "/events/{id}.ics?detail=agenda", "/calendar/events.ics"])
def test_calendar_text_cannot_add_calendar_properties_or_events(client, hostile_event, path):
    response = client.get(path.format(id=hostile_event.id))
    assert response.status_code == 200
    lines = response.data.decode("utf-8").split("\r\n")
    assert not any(line.startswith(("ATTENDEE", "X-INJECTED", "SUMMARY:Fake")) for line in lines)
    vobject.readOne(response.data.decode("utf-8"), validate=True).validate()
    calendar = icalendar.Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert len(events) == (2 if "agenda" in path else 1)
    main = events[0]
    assert str(main["SUMMARY"]).replace("\r\n", "\n") == ICS_ATTACK.replace("\r\n", "\n")
    assert "ATTENDEE" not in main


def test_spoofed_forwarded_for_does_not_reset_the_signup_limit(app, client):
    """PROXY_COUNT=0: the client address is the socket's peer; X-Forwarded-For is ignored
    (the log-in side: tests/accounts/test_throttle.py)."""
    app.config["SIGNUP_LIMIT"] = "2 per hour"
    codes = [client.post("/api/v1/signup", json={"email": f"s{n}@example.be"},
                         headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(3)]
    assert codes == [422, 422, 429]
