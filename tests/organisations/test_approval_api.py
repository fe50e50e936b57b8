"""The approval API contract: POST /api/v1/organisations/{id}/approve and /reject {reason}."""
import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.organisations.models import Organisation
from tests import factories


@pytest.fixture
def newcomer(app):
    organisation = factories.organisation("Nieuwe Horizon vzw", "sie", status="pending")
    factories.member(organisation, "founder@horizon.test", role="admin", language="fr")
    return organisation


def status_of(organisation):
    db.session.expire_all()
    return db.session.get(Organisation, organisation.id).status


@pytest.mark.parametrize("role", ["admin", "moderator"])
def test_approve_answers_200_with_the_status(request, client, auth_headers, newcomer, smtp_server, role):
    response = client.post(f"/api/v1/organisations/{newcomer.id}/approve",
                           headers=auth_headers(request.getfixturevalue(role)))
    assert response.status_code == 200
    assert response.get_json() == {"status": "approved"}
    assert status_of(newcomer) == "approved"
    assert smtp_server.to("founder@horizon.test")


@pytest.mark.parametrize("role", ["admin", "moderator"])
def test_reject_answers_200_with_the_status(request, client, auth_headers, newcomer, smtp_server, role):
    response = client.post(f"/api/v1/organisations/{newcomer.id}/reject", json={"reason": "Geen werkgever."},
                           headers=auth_headers(request.getfixturevalue(role)))
    assert response.status_code == 200
    assert response.get_json() == {"status": "rejected"}
    assert "Geen werkgever." in smtp_server.to("founder@horizon.test")[0].get_content()
    entry = db.session.execute(db.select(AuditEntry)).scalar_one()
    assert entry.action == "organisation.rejected" and entry.subject_id == newcomer.id


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": None}, {"reason": "x" * 10_001},
                                  {"reason": 42}])
def test_reject_without_a_usable_reason_is_422_on_reason(client, auth_headers, admin, newcomer, mailbox, body):
    response = client.post(f"/api/v1/organisations/{newcomer.id}/reject", json=body, headers=auth_headers(admin))
    assert response.status_code == 422
    assert "reason" in response.get_json()["error"]["fields"]
    assert status_of(newcomer) == "pending" and mailbox == []


def test_reject_refuses_unknown_keys(client, auth_headers, admin, newcomer):
    response = client.post(f"/api/v1/organisations/{newcomer.id}/reject", json={"reason": "x", "status": "approved"},
                           headers=auth_headers(admin))
    assert response.status_code == 422 and "status" in response.get_json()["error"]["fields"]
    assert status_of(newcomer) == "pending"


def test_reject_with_malformed_json_is_400(client, auth_headers, admin, newcomer):
    response = client.post(f"/api/v1/organisations/{newcomer.id}/reject", data="{oops",
                           content_type="application/json", headers=auth_headers(admin))
    assert response.status_code == 400


@pytest.mark.parametrize("first, second", [("approve", "approve"), ("approve", "reject"), ("reject", "approve"),
                                           ("reject", "reject")])
def test_deciding_a_decided_organisation_is_409(client, auth_headers, admin, newcomer, first, second):
    headers = auth_headers(admin)
    assert client.post(f"/api/v1/organisations/{newcomer.id}/{first}", json={"reason": "r"},
                       headers=headers).status_code == 200
    response = client.post(f"/api/v1/organisations/{newcomer.id}/{second}", json={"reason": "r"}, headers=headers)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"


def test_an_unknown_organisation_is_404(client, auth_headers, admin):
    assert client.post("/api/v1/organisations/424242/approve", headers=auth_headers(admin)).status_code == 404


def test_a_bad_token_is_401(client, newcomer):
    response = client.post(f"/api/v1/organisations/{newcomer.id}/approve", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


def test_an_approved_organisation_appears_in_the_directory(client, auth_headers, admin, newcomer):
    assert "Nieuwe Horizon vzw" not in client.get("/api/v1/organisations").get_data(as_text=True)
    client.post(f"/api/v1/organisations/{newcomer.id}/approve", headers=auth_headers(admin))
    assert "Nieuwe Horizon vzw" in client.get("/api/v1/organisations").get_data(as_text=True)
