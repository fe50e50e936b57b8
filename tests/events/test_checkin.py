"""Check-in (API.md §6.3): the secret code and its QR code, the API and the phone page, undo,
and every caller that must be refused."""
import pytest

from portal.events import checkin, services
from portal.events.models import Registration
from portal.extensions import db
from tests import factories
from tests.events import helpers
from tests.events.test_organise_pages import token as csrf_from


@pytest.fixture
def seated(partner, participant):
    event = helpers.event(partner, capacity=1)
    return event, services.register(participant, event.id)


def post_code(client, event, code, headers):
    return client.post(f"/api/v1/events/{event.id}/check-ins", json={"code": code}, headers=headers)


def test_a_confirmed_registration_has_a_code_and_a_waiting_one_has_none(seated, ocmw_member):
    event, registration = seated
    waiting = services.register(ocmw_member, event.id)
    code = checkin.code_of(registration)
    assert code.startswith(f"{registration.id}.") and len(code.split(".")[1]) == checkin.MAC_LENGTH
    assert checkin.code_of(waiting) is None
    assert code not in repr(db.session.execute(db.select(Registration.__table__)).all())  # never stored


def test_an_organiser_checks_in_once_and_can_undo(client, seated, partner_member, auth_headers):
    event, registration = seated
    headers = auth_headers(partner_member)
    response = post_code(client, event, checkin.code_of(registration), headers)
    assert response.status_code == 200
    assert response.get_json()["id"] == registration.id and response.get_json()["checked_in_at"]
    again = post_code(client, event, checkin.code_of(registration), headers)
    assert again.status_code == 409
    undone = client.delete(f"/api/v1/events/{event.id}/check-ins/{registration.id}", headers=headers)
    assert undone.status_code == 200 and undone.get_json()["checked_in_at"] is None
    assert client.delete(f"/api/v1/events/{event.id}/check-ins/{registration.id}", headers=headers).status_code == 409


def test_forged_and_foreign_codes_are_404_and_change_nothing(client, partner, seated, partner_member, auth_headers):
    event, registration = seated
    headers = auth_headers(partner_member)
    code = checkin.code_of(registration)
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    other = helpers.event(partner)
    for attempt, target in ((forged, event), (f"{registration.id + 1}.{code.split('.')[1]}", event),
                            ("nonsense", event), ("1.2.3", event), ("٣.abc", event), (code, other)):
        assert post_code(client, target, attempt, headers).status_code == 404
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_a_code_of_a_cancelled_registration_is_404(client, seated, participant, partner_member, auth_headers):
    event, registration = seated
    code = checkin.code_of(registration)
    services.cancel_registration(participant, event.id)
    assert post_code(client, event, code, auth_headers(partner_member)).status_code == 404


@pytest.mark.parametrize("body", [{}, {"code": 5}, {"code": "1.a", "extra": 1}])
def test_bad_bodies_are_422(client, seated, partner_member, auth_headers, body):
    event, _registration = seated
    response = client.post(f"/api/v1/events/{event.id}/check-ins", json=body, headers=auth_headers(partner_member))
    assert response.status_code == 422


@pytest.mark.parametrize("role,status", [("participant", 403), ("other_partner", 403), ("anonymous", 401)])
def test_only_organisers_check_in(client, seated, auth_headers, request, role, status):
    event, registration = seated
    if role == "other_partner":
        headers = auth_headers(factories.member(factories.organisation("Ander", "partner"), "o@example.test"))
    elif role == "anonymous":
        headers = {}
    else:
        headers = auth_headers(request.getfixturevalue(role))
    assert post_code(client, event, checkin.code_of(registration), headers).status_code == status
    assert client.delete(f"/api/v1/events/{event.id}/check-ins/{registration.id}",
                         headers=headers).status_code == status
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_the_confirmation_mail_carries_the_qr_code(partner, mailbox):
    event = helpers.event(partner)
    person = factories.user("qr@example.test")
    registration = services.register(person, event.id)
    [mail] = mailbox
    [png] = [p for p in mail.iter_attachments() if p.get_filename() == "check-in.png"]
    assert png.get_content_type() == "image/png" and png.get_payload(decode=True).startswith(b"\x89PNG")
    assert checkin.code_of(registration) in mail.get_body(preferencelist=("plain",)).get_content()


def test_the_registrants_page_shows_the_qr_code(client, login, seated, participant):
    event, registration = seated
    login(participant)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page and checkin.code_of(registration) in page


def test_the_check_in_page_scans_finds_counts_and_undoes(client, login, seated, partner_member):
    event, registration = seated
    login(partner_member)
    path = f"/events/{event.id}/check-in"
    page = client.get(path).get_data(as_text=True)
    assert "vendor/jsqr/jsQR.js" in page and "<strong>0</strong>" in page and "<script>" not in page
    response = client.post(path, data={"code": checkin.code_of(registration), "csrf_token": csrf_from(client, path)})
    assert response.status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "<strong>1</strong>" in page and "checked in" in page
    found = client.get(path + "?q=" + registration.user.name[:3].lower()).get_data(as_text=True)
    assert registration.user.name in found and "Undo" in found
    client.post(f"{path}/{registration.id}/undo", data={"csrf_token": csrf_from(client, path)})
    db.session.refresh(registration)
    assert registration.checked_in_at is None
    client.post(path, data={"registration_id": str(registration.id), "csrf_token": csrf_from(client, path)})
    db.session.refresh(registration)
    assert registration.checked_in_at is not None
    again = client.post(path, data={"code": checkin.code_of(registration), "csrf_token": csrf_from(client, path)},
                        follow_redirects=True)
    assert "is already checked in" in again.get_data(as_text=True)


def test_search_by_name_treats_wildcards_as_text(client, login, seated, partner_member):
    event, _registration = seated
    login(partner_member)
    assert "Nobody with a seat has that name." in client.get(f"/events/{event.id}/check-in?q=%25").get_data(
        as_text=True)


# anonymous visitors are sent to /login, as on every page behind login (core/web.py)
@pytest.mark.parametrize("role,status", [("participant", 403), ("anonymous", 302)])
def test_only_organisers_open_the_check_in_page(client, login, seated, request, role, status):
    event, _registration = seated
    if role != "anonymous":
        login(request.getfixturevalue(role))
    assert client.get(f"/events/{event.id}/check-in").status_code == status


def test_attendance_shows_in_the_list_and_the_csv(client, login, seated, partner_member, auth_headers):
    event, registration = seated
    post_code(client, event, checkin.code_of(registration), auth_headers(partner_member))
    login(partner_member)
    csv_text = client.get(f"/events/{event.id}/registrations.csv").data.decode("utf-8-sig")
    assert csv_text.splitlines()[1].split(";")[6].startswith(str(helpers.utcnow().year))
    row = client.get(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(partner_member)).get_json()
    assert row["items"][0]["checked_in_at"] is not None


def test_the_search_runs_the_same_queries_for_more_people(client, login, partner, partner_member, count_queries):
    event = helpers.event(partner, capacity=20)
    ocmws = [factories.organisation(f"OCMW {n}", "ocmw") for n in range(4)]
    people = [factories.member(org, f"anna{n}@example.test", name=f"Anna {n}") for n, org in enumerate(ocmws)]
    services.register(people[0], event.id)
    login(partner_member)

    def measure():
        with count_queries() as statements:
            assert client.get(f"/events/{event.id}/check-in?q=anna").status_code == 200
        return len(statements)

    few = measure()
    for person in people[1:]:
        services.register(person, event.id)
    assert measure() == few
