"""The profile page and its visibility; reading one organisation through the API."""
import pytest

from tests import factories


@pytest.fixture
def pending_sie(app):
    return factories.organisation("Nieuwe Horizon vzw", "sie", status="pending", commune="forest-vorst",
                                  enterprise_number="0403019261")


@pytest.fixture
def pending_member(pending_sie):
    return factories.member(pending_sie, "founder@horizon.test", role="admin")


def test_anyone_sees_an_approved_profile_with_number_commune_and_type(client, sie):
    sie.description = "Restaurant en catering met opleidingstrajecten."
    sie.sie_mandated = True
    sie.sectors = ["horeca", "cleaning"]
    from datetime import date

    sie.sie_mandate_until = date(2027, 12, 31)
    from portal.extensions import db

    db.session.commit()
    page = client.get(f"/organisations/{sie.id}?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Casablanco vzw" in text and "Social integration enterprise" in text
    assert f"{sie.enterprise_number[:4]}.{sie.enterprise_number[4:7]}.{sie.enterprise_number[7:]}" in text
    assert "Hotels, restaurants, catering" in text and "Cleaning" in text
    assert "2027" in text
    assert "Status:" not in text  # only members see the status


@pytest.mark.parametrize("language, name", [("fr", "Forest"), ("nl", "Vorst"), ("en", "Forest / Vorst")])
def test_commune_is_shown_in_the_readers_language(client, language, name):
    organisation = factories.organisation("Atelier Vorst", "host", commune="forest-vorst")
    text = client.get(f"/organisations/{organisation.id}?lang={language}").get_data(as_text=True)
    assert f"<dd>{name}</dd>" in text


def test_members_see_their_own_pending_organisation_with_its_status(client, login, pending_member, pending_sie):
    login(pending_member)
    page = client.get(f"/organisations/{pending_sie.id}?lang=en")
    assert page.status_code == 200
    assert "Pending approval" in page.get_data(as_text=True)
    assert "0403.019.261" in page.get_data(as_text=True)


def test_members_see_the_status_of_their_approved_organisation(client, login, ocmw_member, ocmw):
    login(ocmw_member)
    assert "Approved" in client.get(f"/organisations/{ocmw.id}?lang=en").get_data(as_text=True)


@pytest.mark.parametrize("role", ["ocmw_member", "sie_admin", "participant", "host_member"])
def test_others_get_404_for_a_pending_organisation(request, client, login, pending_sie, role):
    login(request.getfixturevalue(role))
    assert client.get(f"/organisations/{pending_sie.id}").status_code == 404


def test_anonymous_get_404_for_a_pending_organisation(client, pending_sie):
    assert client.get(f"/organisations/{pending_sie.id}").status_code == 404


def test_a_rejected_organisation_is_hidden_from_the_public(client):
    rejected = factories.organisation("Afgewezen vzw", "host", status="rejected")
    assert client.get(f"/organisations/{rejected.id}").status_code == 404
    assert client.get(f"/api/v1/organisations/{rejected.id}").status_code == 404


def test_a_pending_requester_does_not_see_the_pending_organisation(client, login, pending_sie):
    hopeful = factories.member(pending_sie, "hopeful@horizon.test", status="pending")
    login(hopeful)
    assert client.get(f"/organisations/{pending_sie.id}").status_code == 404


def test_unknown_organisation_is_404(client):
    assert client.get("/organisations/999999").status_code == 404
    assert client.get("/api/v1/organisations/999999").status_code == 404


def test_edit_and_members_links_only_for_the_organisations_admin(client, login, ocmw_admin, ocmw):
    login(ocmw_admin)
    text = client.get(f"/organisations/{ocmw.id}").get_data(as_text=True)
    assert f"/organisations/{ocmw.id}/edit" in text and f"/organisations/{ocmw.id}/members" in text


def test_no_edit_link_for_a_plain_member(client, login, ocmw_member, ocmw):
    login(ocmw_member)
    text = client.get(f"/organisations/{ocmw.id}").get_data(as_text=True)
    assert f"/organisations/{ocmw.id}/edit" not in text


# --- the API -------------------------------------------------------------------------

def test_api_reads_an_approved_organisation_without_a_token(client, sie):
    response = client.get(f"/api/v1/organisations/{sie.id}")
    assert response.status_code == 200
    assert response.get_json() == {
        "id": sie.id, "name": "Casablanco vzw", "type": "sie", "status": "approved",
        "enterprise_number": sie.enterprise_number, "commune": "anderlecht", "website": "", "email": "",
        "phone": "", "address": "", "description": "", "language": "nl", "translations": {},
        "sie_mandated": False, "sie_mandate_until": None, "sectors": [],
    }


def test_api_members_read_their_own_pending_organisation(client, auth_headers, pending_member, pending_sie):
    response = client.get(f"/api/v1/organisations/{pending_sie.id}", headers=auth_headers(pending_member))
    assert response.status_code == 200 and response.get_json()["status"] == "pending"


@pytest.mark.parametrize("role", ["ocmw_admin", "participant"])
def test_api_others_get_404_for_a_pending_organisation(request, client, auth_headers, pending_sie, role):
    response = client.get(f"/api/v1/organisations/{pending_sie.id}",
                          headers=auth_headers(request.getfixturevalue(role)))
    assert response.status_code == 404


def test_api_anonymous_get_404_for_a_pending_organisation(client, pending_sie):
    assert client.get(f"/api/v1/organisations/{pending_sie.id}").status_code == 404


def test_api_moderators_read_a_pending_organisation(client, auth_headers, moderator, pending_sie):
    assert client.get(f"/api/v1/organisations/{pending_sie.id}", headers=auth_headers(moderator)).status_code == 200
