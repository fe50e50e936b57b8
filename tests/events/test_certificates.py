"""Certificates of attendance (API.md §6.3): who gets one and when, its language and content,
the signed link for guests, the public check, and the organisers' mailing."""
from datetime import timedelta

import pytest

from portal.events import certificates, checkin, guests, services
from portal.extensions import db
from tests import factories
from tests.events import helpers


def past_day(partner, **fields):
    """A study day that ended yesterday, registrations made while it was still ahead."""
    event = helpers.event(partner, days_ahead=5, **fields)
    return event


def end(event):
    event.starts_at -= timedelta(days=6)
    event.ends_at -= timedelta(days=6)
    event.registration_deadline -= timedelta(days=6)
    db.session.commit()


@pytest.fixture
def attended(partner, participant, partner_member):
    event = past_day(partner)
    helpers.agenda_item(event, minutes_from_start=180, length=30, title="Pauze", kind="break")
    registration = services.register(participant, event.id)
    checkin.check_in_registration(partner_member, event, registration.id)
    end(event)
    return event, registration


def test_hours_attended_leave_out_the_breaks(attended):
    event, _registration = attended
    assert certificates.hours_attended(event) == 6.5


def test_a_checked_in_member_downloads_the_pdf(client, login, attended, participant):
    event, _registration = attended
    login(participant)
    response = client.get(f"/events/{event.id}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and "attachment" in response.headers["Content-Disposition"]
    assert "Download your certificate" in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_the_certificate_is_in_the_registrants_language_with_code_and_hours(app, attended, participant):
    event, registration = attended
    participant.language = "fr"
    db.session.commit()
    text = certificates.html(registration)
    assert "Certificat de présence" in text and participant.name in text and "Samenwerking OCMW&#39;s" in text
    assert "6,5" in text and registration.certificate_code in text and "/certificates/" in text
    participant.language = "nl"
    assert "Aanwezigheidsattest" in certificates.html(registration)


def test_nobody_gets_one_without_checking_in_or_before_the_end(client, login, partner, participant, ocmw_member):
    event = past_day(partner)
    services.register(participant, event.id)
    login(participant)
    assert client.get(f"/events/{event.id}/certificate.pdf").status_code == 409  # not ended yet
    end(event)
    assert client.get(f"/events/{event.id}/certificate.pdf").status_code == 403  # not checked in
    login(ocmw_member)
    assert client.get(f"/events/{event.id}/certificate.pdf").status_code == 404  # not registered


def test_anonymous_needs_a_link_and_a_forged_or_foreign_link_is_404(client, partner, attended):
    event, registration = attended
    assert client.get(f"/events/{event.id}/certificate.pdf").status_code == 401
    assert client.get(f"/events/{event.id}/certificate.pdf?token=nonsense").status_code == 404
    other = helpers.event(partner)
    token = certificates.download_url(registration).split("token=")[1]
    assert client.get(f"/events/{other.id}/certificate.pdf?token={token}").status_code == 404
    assert client.get(f"/events/{event.id}/certificate.pdf?token={token}").status_code == 200


def test_someone_elses_certificate_cannot_be_asked_for_when_signed_in(client, login, attended, ocmw_member):
    event, _registration = attended
    login(ocmw_member)
    assert client.get(f"/events/{event.id}/certificate.pdf").status_code == 404


def test_a_guest_gets_the_certificate_by_the_mailed_link(client, partner, partner_member, mailbox):
    event = past_day(partner)
    registration = guests.register_someone(partner_member, event.id, {"name": "Gast", "email": "gast@example.be",
                                                                   "language": "en"}, None)
    checkin.check_in_registration(partner_member, event, registration.id)
    end(event)
    mailbox.clear()
    assert certificates.mail_all(partner_member, event) == 1
    [mail] = mailbox
    [attachment] = [p for p in mail.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert attachment.get_payload(decode=True).startswith(b"%PDF")
    link = mail.get_body(preferencelist=("plain",)).get_content().split("certificate.pdf?token=")[1].split()[0]
    assert client.get(f"/events/{event.id}/certificate.pdf?token={link}").status_code == 200


def test_the_public_check_shows_name_and_day_only(client, attended, participant, partner_member):
    event, registration = attended
    response = client.get(f"/certificates/{registration.certificate_code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and participant.name in page and "Samenwerking OCMW&#39;s" in page
    assert participant.email not in page
    assert client.get("/certificates/0000000000000000").status_code == 404
    assert client.get("/certificates/%27%3B--").status_code == 404
    code = registration.certificate_code
    checkin.undo(partner_member, event, registration.id)
    assert client.get(f"/certificates/{code}").status_code == 404  # withdrawn with the check-in


def test_organisers_mail_the_certificates_once_the_day_has_ended(client, login, partner, partner_member,
                                                                 participant, mailbox):
    event = past_day(partner)
    registration = services.register(participant, event.id)
    checkin.check_in_registration(partner_member, event, registration.id)
    login(partner_member)
    path = f"/events/{event.id}/registrations"
    from tests.events.test_organise_pages import token

    mailbox.clear()
    client.post(f"/events/{event.id}/certificates/mail", data={"csrf_token": token(client, path)})
    assert not mailbox  # not ended yet
    end(event)
    response = client.post(f"/events/{event.id}/certificates/mail", data={"csrf_token": token(client, path)})
    assert response.status_code == 302 and [m["To"] for m in mailbox] == [participant.email]


# anonymous visitors are sent to /login, as on every page behind login (core/web.py)
@pytest.mark.parametrize("role,status", [("participant", 403), ("other_partner", 403), ("anonymous", 302)])
def test_only_organisers_mail_certificates(client, login, attended, request, role, status, mailbox):
    event, _registration = attended
    if role == "other_partner":
        login(factories.member(factories.organisation("Ander", "partner"), "o@example.test"))
    elif role != "anonymous":
        login(request.getfixturevalue(role))
    from tests.events.test_organise_pages import token

    mailbox.clear()
    response = client.post(f"/events/{event.id}/certificates/mail", data={"csrf_token": token(
        client, "/login" if role == "anonymous" else "/events")})
    assert response.status_code == status and not mailbox
