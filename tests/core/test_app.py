"""The house itself: health check, security headers, error formats, configuration."""
import pytest

import config


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_is_gone(app, client):
    from portal.extensions import db

    app.config["SQLALCHEMY_ENGINES"] = None
    db.engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        def broken(*args, **kwargs):
            raise RuntimeError("database down")

        patch.setattr(db.session, "execute", broken)
        response = client.get("/healthz")
    assert response.status_code == 503


def test_every_response_carries_the_security_headers(client):
    response = client.get("/healthz")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    for directive in ("base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_unknown_api_path_answers_in_the_json_error_format(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_a_body_over_one_megabyte_is_refused_with_413(client):
    response = client.post("/api/v1/tokens", data=b"x" * (1024 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config.config_for("production")


def test_production_sets_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-for-this-test")
    chosen = config.config_for("production")
    assert chosen.SESSION_COOKIE_SECURE and chosen.REMEMBER_COOKIE_SECURE
    assert chosen.SESSION_COOKIE_HTTPONLY and chosen.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize(
    "raw, expected", [("TRUE", True), ("1", True), ("false", False), ("0", False), ("False", False)]
)
def test_booleans_accept_true_false_one_zero_in_any_case(monkeypatch, raw, expected):
    monkeypatch.setenv("MAIL_USE_TLS", raw)
    assert config.env_bool("MAIL_USE_TLS") is expected


def test_postgres_urls_use_the_psycopg3_driver(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/tandem")
    assert config.database_url() == "postgresql+psycopg://postgres@127.0.0.1:5432/tandem"


def test_default_database_is_a_sqlite_file_under_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.database_url().startswith("sqlite:///") and "/instance/" in config.database_url()
