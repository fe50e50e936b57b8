"""Checks docs/security.md names for ASVS requirements that no domain test covered yet:
password storage, cookie flags, production settings, generic 500s, no CORS, no secrets in logs."""
import logging

from portal import create_app
from portal.accounts.models import User
from portal.extensions import db
from tests.factories import PASSWORD


def test_passwords_are_stored_as_argon2id_hashes(client, csrf_token):
    client.post("/signup", data={"csrf_token": csrf_token("/signup"), "kind": "participant", "name": "Ann",
                                 "email": "ann@example.be", "password": "a-long-passphrase-for-tandem",
                                 "language": "nl"})
    user = db.session.execute(db.select(User).filter_by(email="ann@example.be")).scalar_one()
    assert user.password_hash.startswith("$argon2id$")
    assert "a-long-passphrase-for-tandem" not in user.password_hash


def test_session_and_remember_cookies_are_httponly_and_samesite_lax(client, csrf_token, participant):
    response = client.post("/login", data={"csrf_token": csrf_token("/login"), "email": participant.email,
                                           "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302
    cookies = {h.split("=", 1)[0]: h.lower() for h in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        assert "httponly" in cookies[name] and "samesite=lax" in cookies[name]


def test_production_runs_without_debug_and_with_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-for-this-test")
    app = create_app("production", SQLALCHEMY_DATABASE_URI="sqlite://")
    assert not app.debug and not app.testing
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SECRET_KEY"] == "a-production-secret-for-this-test"


def _failing_app(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-for-this-test")
    app = create_app("production", SQLALCHEMY_DATABASE_URI="sqlite://")

    def explode():
        raise RuntimeError("secret internals: /srv/tandem/portal password=hunter2")

    app.add_url_rule("/api/v1/explode", "explode", explode)
    app.add_url_rule("/explode", "explode_page", explode)
    return app


def test_an_unexpected_error_is_a_generic_500_with_the_detail_only_in_the_log(monkeypatch, caplog,
                                                                              expects_logged_errors):
    app = _failing_app(monkeypatch)
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        api = client.get("/api/v1/explode", headers={"Accept-Language": "en"})
        page = client.get("/explode", headers={"Accept-Language": "en"})
    assert api.status_code == page.status_code == 500
    assert api.get_json() == {"error": {"code": "internal_error",
                                        "message": "Something went wrong on our side. Please try again later."}}
    for response in (api, page):
        assert b"hunter2" not in response.data and b"Traceback" not in response.data
    assert any("hunter2" in (r.exc_text or "") or r.exc_info for r in caplog.records)  # kept for the operators


def test_the_api_sends_no_cors_headers(client):
    response = client.get("/api/v1/offers", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert not any(name.lower().startswith("access-control-") for name in response.headers.keys())


def test_failed_logins_log_neither_the_password_nor_the_address(client, csrf_token, participant, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/login", data={"csrf_token": csrf_token("/login"), "email": participant.email,
                                "password": "a-guessed-password-123"})
    client.post("/api/v1/tokens", json={"email": participant.email, "password": "a-guessed-password-123"})
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "a-guessed-password-123" not in logged and PASSWORD not in logged
