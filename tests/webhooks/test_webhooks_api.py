"""POST/GET/DELETE /api/v1/webhooks and the delivery log: only the organisation's admins, the
secret shown once, strict input (422), SSRF refused (422) unless WEBHOOK_ALLOW_PRIVATE."""
import pytest

from portal.webhooks.models import Webhook

EVENTS = ["referral.moved", "offer.published"]


@pytest.fixture
def public_dns(dns):
    dns({"hooks.ocmw.example": ["93.184.215.14"], "loopback.example": ["127.0.0.1"]})


def create(client, headers, body):
    return client.post("/api/v1/webhooks", json=body, headers=headers)


def test_an_admin_registers_a_webhook_and_sees_its_secret_once(client, auth_headers, ocmw_admin, public_dns):
    headers = auth_headers(ocmw_admin)
    response = create(client, headers, {"url": "https://hooks.ocmw.example/tandem", "events": EVENTS})
    assert response.status_code == 201
    created = response.json
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert created["url"] == "https://hooks.ocmw.example/tandem" and created["events"] == sorted(EVENTS)
    assert created["organisation_id"] == ocmw_admin.membership.organisation_id
    listed = client.get("/api/v1/webhooks", headers=headers).json
    assert listed["total"] == 1 and listed["items"][0]["id"] == created["id"]
    assert "secret" not in listed["items"][0]
    assert client.get(f"/api/v1/webhooks/{created['id']}/deliveries", headers=headers).json["items"] == []
    assert client.delete(f"/api/v1/webhooks/{created['id']}", headers=headers).status_code == 204
    assert client.get("/api/v1/webhooks", headers=headers).json["total"] == 0


@pytest.mark.parametrize("role", ["ocmw_member", "participant", "admin", "sie_member", "unverified"])
def test_anyone_but_an_organisations_admin_is_refused(client, auth_headers, request, role, public_dns):
    user = request.getfixturevalue(role)
    headers = auth_headers(user)
    assert create(client, headers, {"url": "https://hooks.ocmw.example/", "events": EVENTS}).status_code == 403
    assert client.get("/api/v1/webhooks", headers=headers).status_code == 403
    # access is decided before the body: a bad body is still 403
    assert create(client, headers, {"url": 5}).status_code == 403


def test_without_a_token_it_is_401(client):
    assert client.post("/api/v1/webhooks", json={"url": "https://x.example/", "events": EVENTS}).status_code == 401
    assert client.get("/api/v1/webhooks").status_code == 401
    assert client.delete("/api/v1/webhooks/1").status_code == 401


def test_another_organisations_webhook_is_404(client, auth_headers, ocmw_admin, sie_admin, register, public_dns):
    webhook, _secret = register(ocmw_admin, "https://hooks.ocmw.example/")
    headers = auth_headers(sie_admin)
    assert client.delete(f"/api/v1/webhooks/{webhook.id}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/webhooks/{webhook.id}/deliveries", headers=headers).status_code == 404
    assert client.get("/api/v1/webhooks", headers=headers).json["total"] == 0
    assert client.delete("/api/v1/webhooks/999999", headers=auth_headers(ocmw_admin)).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"events": EVENTS}, "url"),
    ({"url": "https://hooks.ocmw.example/"}, "events"),
    ({"url": "https://hooks.ocmw.example/", "events": []}, "events"),
    ({"url": "https://hooks.ocmw.example/", "events": ["referral.created"]}, "events"),
    ({"url": "https://hooks.ocmw.example/", "events": "referral.moved"}, "events"),
    ({"url": ["https://hooks.ocmw.example/"], "events": EVENTS}, "url"),
    ({"url": "https://hooks.ocmw.example/" + "a" * 2000, "events": EVENTS}, "url"),
    ({"url": "https://hooks.ocmw.example/", "events": EVENTS, "organisation_id": 3}, "organisation_id"),
    ({"url": "https://hooks.ocmw.example/", "events": EVENTS, "secret": "mine"}, "secret"),
    ({"url": "not a url", "events": EVENTS}, "url"),
])
def test_bad_input_is_422_naming_the_field(client, auth_headers, ocmw_admin, public_dns, body, field):
    response = create(client, auth_headers(ocmw_admin), body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_malformed_json_is_400(client, auth_headers, ocmw_admin):
    response = client.post("/api/v1/webhooks", data="{", headers={**auth_headers(ocmw_admin),
                                                                  "Content-Type": "application/json"})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://192.168.0.10/hook",
                                 "https://[::1]/hook", "https://loopback.example/hook"])
def test_a_private_or_loopback_url_is_refused(client, auth_headers, ocmw_admin, public_dns, url):
    response = create(client, auth_headers(ocmw_admin), {"url": url, "events": EVENTS})
    assert response.status_code == 422
    assert "private or local" in response.json["error"]["fields"]["url"][0]
    assert Webhook.query.count() == 0


def test_the_override_lets_a_private_url_in(client, auth_headers, ocmw_admin, private_allowed):
    response = create(client, auth_headers(ocmw_admin), {"url": "http://127.0.0.1:9/hook", "events": EVENTS})
    assert response.status_code == 201


def test_an_organisation_has_at_most_ten(client, auth_headers, ocmw_admin, register, public_dns):
    for n in range(10):
        register(ocmw_admin, f"https://hooks.ocmw.example/{n}")
    response = create(client, auth_headers(ocmw_admin), {"url": "https://hooks.ocmw.example/x", "events": EVENTS})
    assert response.status_code == 409
