"""Log-in page: credentials, unverified addresses, one generic failure, safe `next`, CSRF."""
import pytest

from portal.accounts import passwords
from tests.factories import PASSWORD


@pytest.fixture
def login_form(csrf_token):
    def form(email, password=PASSWORD, **extra):
        return {"csrf_token": csrf_token("/login"), "email": email, "password": password, **extra}

    return form


def logged_in_as(client):
    """The name in the header of the profile page, or None when the client is not logged in."""
    response = client.get("/profile")
    return None if response.status_code == 302 else response


def test_login_page_has_the_contract_fields(client):
    page = client.get("/login").get_data(as_text=True)
    for name in ("email", "password", "csrf_token", "remember"):
        assert f'name="{name}"' in page


def test_verified_user_logs_in_and_reaches_the_profile(client, participant, login_form):
    response = client.post("/login", data=login_form("Participant@Example.test"))
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert logged_in_as(client) is not None


def test_login_without_csrf_token_is_400(client, participant):
    response = client.post("/login", data={"email": participant.email, "password": PASSWORD})
    assert response.status_code == 400
    assert logged_in_as(client) is None


def test_unverified_address_is_refused_with_an_offer_to_resend(client, unverified, login_form):
    response = client.post("/login", data=login_form(unverified.email))
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "confirm your e-mail address" in page and 'action="/verify/resend"' in page
    assert logged_in_as(client) is None


def test_wrong_password_and_unknown_account_get_the_same_message(client, participant, login_form):
    wrong = client.post("/login", data=login_form(participant.email, "not-the-password-at-all"))
    unknown = client.post("/login", data=login_form("nobody@example.test", "not-the-password-at-all"))
    assert wrong.status_code == unknown.status_code == 401
    message = "The e-mail address or the password is not right."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    assert logged_in_as(client) is None


def test_unknown_account_spends_the_time_of_a_real_check(client, login_form, monkeypatch):
    burned = []
    monkeypatch.setattr("portal.accounts.services.burn_time", lambda password: burned.append(password))
    client.post("/login", data=login_form("nobody@example.test", "guess-1234567"))
    assert burned == ["guess-1234567"]


def test_burn_time_runs_a_real_argon2_verification(app, monkeypatch):
    calls = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda h, p: calls.append(h) or real(h, p))
    passwords.burn_time("anything")
    assert calls and calls[0].startswith("$argon2id$")


@pytest.mark.parametrize("target, expected", [
    ("/profile", "/profile"),
    ("/events/3?lang=fr", "/events/3?lang=fr"),
    ("//evil.example", "/"),
    ("https://evil.example/", "/"),
    ("http:/evil.example", "/"),
    ("/\\evil.example", "/"),
    ("\\\\evil.example", "/"),
    ("/\t/evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("evil.example", "/"),
])
def test_next_is_followed_only_to_a_path_on_this_site(client, participant, csrf_token, target, expected):
    from urllib.parse import quote

    token = csrf_token("/login")
    response = client.post(f"/login?next={quote(target, safe='')}",
                           data={"csrf_token": token, "email": participant.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_login_required_page_sends_back_after_login(client, participant, login_form):
    response = client.get("/profile")
    assert response.status_code == 302 and "/login?next=/profile" in response.headers["Location"]
    response = client.post("/login?next=/profile", data=login_form(participant.email))
    assert response.headers["Location"] == "/profile"


@pytest.mark.parametrize("data, field", [
    ({"email": "", "password": PASSWORD}, "email"),
    ({"email": "participant@example.test", "password": ""}, "password"),
    ({"email": "x" * 300 + "@example.test", "password": PASSWORD}, "email"),
])
def test_missing_fields_are_shown_next_to_the_field(client, participant, csrf_token, data, field):
    response = client.post("/login", data={"csrf_token": csrf_token("/login"), **data})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)


def test_remember_me_sets_a_remember_cookie(client, participant, login_form):
    client.post("/login", data=login_form(participant.email, remember="y"))
    assert client.get_cookie("remember_token") is not None


def test_without_remember_me_there_is_no_remember_cookie(client, participant, login_form):
    client.post("/login", data=login_form(participant.email))
    assert client.get_cookie("remember_token") is None


def test_keep_me_logged_in_lasts_thirty_days_at_most(client, participant, login_form):
    from datetime import UTC, datetime, timedelta

    client.post("/login", data=login_form(participant.email, remember="y"))
    expires = client.get_cookie("remember_token").expires
    now = datetime.now(UTC)
    assert now + timedelta(days=29) < expires <= now + timedelta(days=30, minutes=1)


def test_logged_in_visitor_of_the_login_page_goes_to_the_profile(client, participant, login):
    login(participant)
    response = client.get("/login")
    assert response.status_code == 302 and response.headers["Location"] == "/profile"


def test_the_interface_follows_the_users_language_after_login(client, login_form):
    from tests import factories

    factories.user("francophone@example.test", language="fr")
    client.post("/login", data=login_form("francophone@example.test"))
    assert '<html lang="fr">' in client.get("/profile").get_data(as_text=True)
