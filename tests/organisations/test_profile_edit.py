"""Editing an organisation's profile: who may, what is accepted, what is refused."""
from datetime import date

import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.organisations.models import Organisation
from tests import factories

REFUSED = ["ocmw_member", "other_ocmw_member", "other_ocmw_admin", "sie_admin", "moderator", "participant"]


@pytest.fixture
def other_ocmw_admin(other_ocmw):
    return factories.member(other_ocmw, "admin@ocmw-jette.test", role="admin")


def reload(organisation):
    db.session.expire_all()
    return db.session.get(Organisation, organisation.id)


# --- the page ------------------------------------------------------------------------

def test_admin_edits_the_profile_on_the_page(client, login, csrf_token, ocmw_admin, ocmw):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/edit")
    response = client.post(f"/organisations/{ocmw.id}/edit", data={
        "csrf_token": token, "description": "Dienst socio-professionele inschakeling.",
        "website": "https://www.ocmw-anderlecht.example.be", "email": "spi@ocmw-anderlecht.example.be",
        "phone": "+32 2 000 00 01", "address": "Voorbeeldstraat 1, 1070 Anderlecht"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/organisations/{ocmw.id}")
    saved = reload(ocmw)
    assert saved.website == "https://www.ocmw-anderlecht.example.be" and saved.phone == "+32 2 000 00 01"
    entry = db.session.execute(db.select(AuditEntry)).scalar_one()
    assert entry.action == "organisation.updated" and "website" in entry.details["fields"]


def test_sie_admin_sets_mandate_and_sectors_on_the_page(client, login, csrf_token, sie_admin, sie):
    login(sie_admin)
    token = csrf_token(f"/organisations/{sie.id}/edit")
    response = client.post(f"/organisations/{sie.id}/edit", data={
        "csrf_token": token, "sie_mandated": "y", "sie_mandate_until": "2027-12-31",
        "sectors": ["horeca", "recycling"]})
    assert response.status_code == 302
    saved = reload(sie)
    assert saved.sie_mandated and saved.sie_mandate_until == date(2027, 12, 31)
    assert saved.sectors == ["horeca", "recycling"]


def test_the_mandate_fields_are_only_offered_to_an_sie(client, login, ocmw_admin, sie_admin, ocmw):
    login(ocmw_admin)
    assert 'name="sie_mandated"' not in client.get(f"/organisations/{ocmw.id}/edit").get_data(as_text=True)


def test_platform_admin_edits_any_profile(client, login, csrf_token, admin, sie):
    login(admin)
    token = csrf_token(f"/organisations/{sie.id}/edit")
    client.post(f"/organisations/{sie.id}/edit", data={"csrf_token": token, "description": "Checked by the admin"})
    assert reload(sie).description == "Checked by the admin"


@pytest.mark.parametrize("field, value", [
    ("website", "not a url"), ("website", "javascript://example.com/%0aalert(1)"), ("email", "nobody"),
    ("phone", "call me maybe"), ("description", "x" * 10_001), ("address", "x" * 201),
])
def test_bad_input_on_the_page_shows_the_field_message(client, login, csrf_token, ocmw_admin, ocmw, field, value):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/edit")
    response = client.post(f"/organisations/{ocmw.id}/edit", data={"csrf_token": token, field: value})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert getattr(reload(ocmw), field) == ""


def test_a_mandate_date_without_mandate_is_refused_on_the_page(client, login, csrf_token, sie_admin, sie):
    login(sie_admin)
    token = csrf_token(f"/organisations/{sie.id}/edit")
    response = client.post(f"/organisations/{sie.id}/edit", data={"csrf_token": token,
                                                                   "sie_mandate_until": "2027-12-31"})
    assert response.status_code == 422 and 'id="sie_mandate_until-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize("role", REFUSED)
def test_edit_page_is_refused(request, client, login, form_token, ocmw, role):
    login(request.getfixturevalue(role))
    assert client.get(f"/organisations/{ocmw.id}/edit").status_code == 403
    response = client.post(f"/organisations/{ocmw.id}/edit", data={"csrf_token": form_token(), "description": "x"})
    assert response.status_code == 403
    assert reload(ocmw).description == ""


def test_edit_page_sends_anonymous_visitors_to_log_in(client, ocmw):
    response = client.get(f"/organisations/{ocmw.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- the API (PATCH /api/v1/organisations/{id}, an addition to API.md) ---------------------

def test_api_patch_changes_only_the_fields_sent(client, auth_headers, sie_admin, sie):
    sie.description = "Keep me"
    db.session.commit()
    response = client.patch(f"/api/v1/organisations/{sie.id}", headers=auth_headers(sie_admin), json={
        "website": "https://casablanco.example.be", "sie_mandated": True, "sie_mandate_until": "2028-06-30",
        "sectors": ["construction", "construction", "green_spaces"]})
    assert response.status_code == 200
    body = response.get_json()
    assert body["description"] == "Keep me" and body["website"] == "https://casablanco.example.be"
    assert body["sie_mandate_until"] == "2028-06-30" and body["sectors"] == ["construction", "green_spaces"]


@pytest.mark.parametrize("payload, field", [
    ({"website": "ftp//nope"}, "website"),
    ({"description": "x" * 10_001}, "description"),
    ({"sectors": ["space_travel"]}, "sectors"),
    ({"sectors": "horeca"}, "sectors"),
    ({"sie_mandate_until": "31/12/2027"}, "sie_mandate_until"),
    ({"sie_mandated": "yes"}, "sie_mandated"),
    ({"status": "approved"}, "status"),
    ({"name": "Renamed"}, "name"),
    ({"enterprise_number": "0403019261"}, "enterprise_number"),
])
def test_api_patch_bad_input_is_422_naming_the_field(client, auth_headers, sie_admin, sie, payload, field):
    response = client.patch(f"/api/v1/organisations/{sie.id}", headers=auth_headers(sie_admin), json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert reload(sie).status == "approved" and reload(sie).name == "Casablanco vzw"


def test_api_patch_sie_fields_on_another_type_are_422(client, auth_headers, ocmw_admin, ocmw):
    response = client.patch(f"/api/v1/organisations/{ocmw.id}", headers=auth_headers(ocmw_admin),
                            json={"sectors": ["horeca"], "sie_mandated": True})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"sectors", "sie_mandated"}


@pytest.mark.parametrize("role", REFUSED)
def test_api_patch_is_refused(request, client, auth_headers, ocmw, role):
    response = client.patch(f"/api/v1/organisations/{ocmw.id}", json={"description": "x"},
                            headers=auth_headers(request.getfixturevalue(role)))
    assert response.status_code == 403
    assert reload(ocmw).description == ""


def test_api_patch_needs_a_token(client, ocmw):
    assert client.patch(f"/api/v1/organisations/{ocmw.id}", json={"description": "x"}).status_code == 401


def test_api_patch_of_an_invisible_organisation_is_404_whatever_the_body(client, auth_headers, participant):
    hidden = factories.organisation("Verborgen vzw", "host", status="pending")
    response = client.patch(f"/api/v1/organisations/{hidden.id}", data="{not json",
                            content_type="application/json", headers=auth_headers(participant))
    assert response.status_code == 404


def test_api_patch_malformed_json_is_400(client, auth_headers, ocmw_admin, ocmw):
    response = client.patch(f"/api/v1/organisations/{ocmw.id}", data="{not json", content_type="application/json",
                            headers=auth_headers(ocmw_admin))
    assert response.status_code == 400
