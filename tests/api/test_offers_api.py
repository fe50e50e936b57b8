"""API contract of /api/v1/offers (API.md "Placement offers")."""
import pytest

from portal.extensions import db
from portal.offers.models import Offer
from tests.referrals import builders as b

NEW = {"title": "Keukenhulp", "description": "Help in de keuken.", "sector": "horeca", "function": "kitchen_help",
       "commune": "anderlecht", "positions": 2, "languages": ["nl", "fr"], "hours_per_week": 38,
       "start_date": "2026-12-01", "contract_type": "art60", "status": "published"}


def test_create_answers_the_offer_as_get_does(client, sie_member, auth_headers):
    response = client.post("/api/v1/offers", json=NEW, headers=auth_headers(sie_member))
    assert response.status_code == 201, response.json
    body = response.json
    for key, value in NEW.items():
        assert body[key] == value
    assert body["application_deadline"] is None
    assert body["organisation"] == {"id": sie_member.membership.organisation_id, "name": "Casablanco vzw",
                                    "type": "sie"}
    assert body["created_at"].endswith(("+01:00", "+02:00"))
    assert client.get(f"/api/v1/offers/{body['id']}").json == body


@pytest.mark.parametrize("who", ["ocmw_member", "partner_member", "participant", "admin"])
def test_create_is_refused_to_others(client, request, auth_headers, who):
    response = client.post("/api/v1/offers", json=NEW, headers=auth_headers(request.getfixturevalue(who)))
    assert response.status_code == 403
    assert db.session.query(Offer).count() == 0


def test_create_without_token_is_401(client):
    assert client.post("/api/v1/offers", json=NEW).status_code == 401


@pytest.mark.parametrize("field, value", [
    ("positions", 0), ("function", "astronaut"), ("commune", "paris"), ("languages", ["xx"]),
    ("title", "x" * 201), ("description", "x" * 10_001), ("start_date", "01/12/2026"), ("positions", "2"),
    ("status", "filled"), ("organisation_id", 1), ("id", 5), ("hours_per_week", 0),
])
def test_bad_input_is_422_naming_the_field(client, sie_member, auth_headers, field, value):
    response = client.post("/api/v1/offers", json={**NEW, field: value}, headers=auth_headers(sie_member))
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert db.session.query(Offer).count() == 0


def test_malformed_json_is_400(client, sie_member, auth_headers):
    response = client.post("/api/v1/offers", data="{", headers={**auth_headers(sie_member),
                                                                 "Content-Type": "application/json"})
    assert response.status_code == 400


def test_list_filters_and_envelope(client, sie_member, host_member):
    with client.application.test_request_context():
        b.offer(sie_member, title="Renovatie", function="construction", commune="jette")
        b.offer(host_member, title="Onthaal", function="receptionist")
        b.offer(host_member, title="Concept", status="draft")
    body = client.get("/api/v1/offers?function=receptionist").json
    assert [o["title"] for o in body["items"]] == ["Onthaal"]
    assert (body["total"], body["page"], body["per_page"]) == (1, 1, 20)
    assert client.get("/api/v1/offers?q=renovatie").json["total"] == 1
    assert client.get("/api/v1/offers").json["total"] == 2
    assert client.get("/api/v1/offers?per_page=1&page=2").json["items"][0]["title"] == "Renovatie"
    assert client.get("/api/v1/offers?commune=paris").status_code == 422
    assert client.get("/api/v1/offers?per_page=101").status_code == 422


def test_owner_lists_own_drafts(client, host_member, auth_headers):
    with client.application.test_request_context():
        b.offer(host_member, title="Concept", status="draft")
    assert client.get("/api/v1/offers", headers=auth_headers(host_member)).json["total"] == 1
    assert client.get("/api/v1/offers?status=draft").json["total"] == 0


def test_draft_is_404_to_others(client, host_member, sie_member, auth_headers):
    with client.application.test_request_context():
        draft = b.offer(host_member, status="draft")
    assert client.get(f"/api/v1/offers/{draft.id}").status_code == 404
    assert client.get(f"/api/v1/offers/{draft.id}", headers=auth_headers(sie_member)).status_code == 404
    assert client.get(f"/api/v1/offers/{draft.id}", headers=auth_headers(host_member)).status_code == 200


def test_patch_moves_status_and_refuses_wrong_moves(client, host_member, auth_headers):
    with client.application.test_request_context():
        offer = b.offer(host_member, status="draft")
    headers = auth_headers(host_member)
    url = f"/api/v1/offers/{offer.id}"
    assert client.patch(url, json={"status": "filled"}, headers=headers).status_code == 409
    response = client.patch(url, json={"status": "published", "positions": 3}, headers=headers)
    assert response.status_code == 200 and response.json["status"] == "published"
    assert response.json["positions"] == 3 and response.json["title"] == offer.title
    assert client.patch(url, json={"positions": 0}, headers=headers).status_code == 422
    assert client.patch(url, json={"status": "closed"}, headers=headers).json["status"] == "closed"
    assert client.patch(url, json={"status": "published"}, headers=headers).status_code == 409


@pytest.mark.parametrize("who, status", [("sie_member", 403), ("ocmw_member", 403), ("participant", 403)])
def test_patch_by_non_owner_is_refused(client, request, host_member, auth_headers, who, status):
    with client.application.test_request_context():
        offer = b.offer(host_member)
    response = client.patch(f"/api/v1/offers/{offer.id}", json={"title": "Hijacked"},
                            headers=auth_headers(request.getfixturevalue(who)))
    assert response.status_code == status
    assert db.session.get(Offer, offer.id).title != "Hijacked"


def test_patch_of_someone_elses_draft_is_404(client, host_member, sie_member, auth_headers):
    with client.application.test_request_context():
        draft = b.offer(host_member, status="draft")
    response = client.patch(f"/api/v1/offers/{draft.id}", json={"title": "x"}, headers=auth_headers(sie_member))
    assert response.status_code == 404


def test_patch_without_token_is_401(client, host_member):
    with client.application.test_request_context():
        offer = b.offer(host_member)
    assert client.patch(f"/api/v1/offers/{offer.id}", json={"title": "x"}).status_code == 401
    assert db.session.get(Offer, offer.id).title != "x"
