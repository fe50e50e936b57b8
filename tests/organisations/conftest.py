"""Services are called inside a request (pages, API); their messages are translated lazily
and need a locale, which core/i18n.py takes from the request. Service-level tests run
inside one too."""
import pytest


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context("/"):
        yield


@pytest.fixture
def form_token(client, app):
    """form_token(): a valid CSRF token for the test client's current session, as a form
    would carry it, for users who have no page with a form (the refused ones)."""
    from itsdangerous import URLSafeTimedSerializer

    def token():
        raw = "organisations-test-csrf-secret"
        with client.session_transaction() as session:
            session["csrf_token"] = raw
        return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(raw)

    return token
