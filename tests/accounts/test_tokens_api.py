"""POST /api/v1/tokens, DELETE /api/v1/tokens/current, GET /api/v1/me."""
from datetime import datetime, timedelta

import pytest

from portal.accounts.feed_tokens import feed_token
from portal.accounts.models import ApiToken
from portal.extensions import db
from tests.factories import PASSWORD


def request_token(client, email, password=PASSWORD):
    return client.post("/api/v1/tokens", json={"email": email, "password": password})


def test_valid_credentials_get_a_token_that_works(client, participant):
    response = request_token(client, "PARTICIPANT@example.test")
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"token", "expires_at"}
    expires = datetime.fromisoformat(body["expires_at"])
    assert expires.utcoffset() in (timedelta(hours=1), timedelta(hours=2))  # Brussels time
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.get_json()["id"] == participant.id
    stored = db.session.execute(db.select(ApiToken)).scalar_one()
    assert body["token"] not in stored.token_hash  # only a hash is kept


def test_wrong_password_and_unknown_account_get_the_same_401(client, participant):
    wrong = request_token(client, participant.email, "not-the-password-at-all")
    unknown = request_token(client, "nobody@example.test", "not-the-password-at-all")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()


def test_unverified_account_gets_401(client, unverified):
    response = request_token(client, unverified.email)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "email_unverified"


@pytest.mark.parametrize("body, field", [
    ({"email": "participant@example.test"}, "password"),
    ({"password": PASSWORD}, "email"),
    ({"email": 1, "password": PASSWORD}, "email"),
    ({"email": "participant@example.test", "password": ["x"]}, "password"),
    ({"email": "participant@example.test", "password": PASSWORD, "scope": "admin"}, "scope"),
])
def test_bad_token_requests_are_422_naming_the_field(client, participant, body, field):
    response = client.post("/api/v1/tokens", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("raw", [b"{", b"nul", b'{"email": "a@b.c", "password": '])
def test_malformed_json_is_400(client, raw):
    response = client.post("/api/v1/tokens", data=raw, content_type="application/json")
    assert response.status_code == 400


def test_a_json_array_is_422(client):
    assert client.post("/api/v1/tokens", json=["a", "b"]).status_code == 422


def test_revoking_the_current_token(client, participant, auth_headers):
    headers = auth_headers(participant)
    other = auth_headers(participant)
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.get("/api/v1/me", headers=other).status_code == 200  # only the token used dies


def test_revoking_needs_a_token(client):
    assert client.delete("/api/v1/tokens/current").status_code == 401


def test_me_describes_a_member(client, ocmw, ocmw_admin, auth_headers):
    body = client.get("/api/v1/me", headers=auth_headers(ocmw_admin)).get_json()
    assert body["email"] == ocmw_admin.email and body["is_admin"] is False and body["language"] == ocmw_admin.language
    assert body["organisation"] == {"id": ocmw.id, "name": "OCMW Anderlecht", "type": "ocmw", "status": "approved",
                                    "role": "admin", "membership_status": "approved"}
    assert body["calendar_feed_url"] == f"http://localhost/calendar/{feed_token(ocmw_admin)}.ics"


def test_me_of_a_participant_and_of_an_admin(client, participant, admin, auth_headers):
    participant_body = client.get("/api/v1/me", headers=auth_headers(participant)).get_json()
    assert participant_body["organisation"] is None and participant_body["calendar_feed_url"].startswith("http://")
    assert client.get("/api/v1/me", headers=auth_headers(admin)).get_json()["is_admin"] is True


def test_me_never_shows_secrets(client, participant, auth_headers):
    text = client.get("/api/v1/me", headers=auth_headers(participant)).get_data(as_text=True)
    assert participant.password_hash not in text and participant.feed_secret not in text
    assert "session_version" not in text


def test_me_uses_the_base_url(client, participant, auth_headers, app):
    app.config["PORTAL_BASE_URL"] = "https://tandem.example.brussels"
    body = client.get("/api/v1/me", headers=auth_headers(participant)).get_json()
    assert body["calendar_feed_url"].startswith("https://tandem.example.brussels/calendar/")


def test_a_user_without_feed_secret_gets_one(client, participant, auth_headers):
    participant.feed_secret = None
    db.session.commit()
    body = client.get("/api/v1/me", headers=auth_headers(participant)).get_json()
    assert body["calendar_feed_url"].endswith(".ics")


def test_the_api_does_not_accept_session_cookies(client, participant, login):
    login(participant)
    assert client.get("/profile").status_code == 200  # the browser session works for pages
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("header", ["Bearer", "Bearer nonsense", "Basic dXNlcjpwdw==", "Bearer " + "x" * 500])
def test_bad_authorization_headers_are_401(client, header):
    assert client.get("/api/v1/me", headers={"Authorization": header}).status_code == 401


def test_an_expired_token_is_401(client, participant, auth_headers):
    headers = auth_headers(participant)
    token = db.session.execute(db.select(ApiToken)).scalar_one()
    token.expires_at = token.created_at - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
