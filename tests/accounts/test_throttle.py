"""Failed log-ins and token requests: limited per account and (five times more) per address."""
import pytest

from tests.factories import PASSWORD
from tests.pages import csrf_of

WRONG = "definitely-not-the-password"


@pytest.fixture(autouse=True)
def three_failures(app):
    app.config["LOGIN_FAILURE_LIMIT"] = "3 per 15 minutes"  # so 15 per client address


@pytest.fixture
def attempt(client, csrf_token):
    token = csrf_token("/login")

    def post(email, password=WRONG, address="192.0.2.10", via="page", headers=None):
        environ = {"REMOTE_ADDR": address}
        if via == "api":
            return client.post("/api/v1/tokens", json={"email": email, "password": password},
                               environ_base=environ, headers=headers or {})
        return client.post("/login", data={"csrf_token": token, "email": email, "password": password},
                           environ_base=environ, headers=headers or {})

    return post


def test_the_fourth_failure_is_refused_with_429_even_with_the_right_password(attempt, participant):
    assert [attempt(participant.email).status_code for _ in range(3)] == [401, 401, 401]
    refused = attempt(participant.email, PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed attempts" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0


def test_the_api_answers_429_with_the_rate_limited_code(attempt, participant):
    for _ in range(3):
        assert attempt(participant.email, via="api").status_code == 401
    refused = attempt(participant.email, PASSWORD, via="api")
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert "Retry-After" in refused.headers


def test_page_and_api_failures_share_one_count_per_account(attempt, participant):
    attempt(participant.email, via="page")
    attempt(participant.email, via="api")
    attempt(participant.email.upper(), via="page")
    assert attempt(participant.email, PASSWORD, via="api").status_code == 429


def test_successes_are_not_counted(attempt, participant):
    for _ in range(5):
        assert attempt(participant.email, PASSWORD).status_code == 302
    assert [attempt(participant.email).status_code for _ in range(3)] == [401, 401, 401]
    assert attempt(participant.email).status_code == 429


def test_unknown_accounts_are_limited_like_known_ones(attempt):
    codes = [attempt("nobody@example.test").status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_the_account_limit_holds_across_client_addresses(attempt, participant):
    for number in range(3):
        attempt(participant.email, address=f"198.51.100.{number}")
    assert attempt(participant.email, PASSWORD, address="203.0.113.99").status_code == 429


def test_one_address_may_fail_five_times_the_account_limit(attempt):
    for number in range(15):  # 15 accounts, one failure each
        assert attempt(f"guess{number}@example.test").status_code == 401
    assert attempt("guess-new@example.test").status_code == 429
    assert attempt("guess-new@example.test", address="192.0.2.99").status_code == 401


def test_attempts_refused_with_429_are_not_counted(attempt, participant):
    for _ in range(3):
        attempt(participant.email)
    for _ in range(10):
        assert attempt(participant.email).status_code == 429
    # had the ten refused attempts counted, the address (15) would now be exhausted
    for number in range(12):
        assert attempt(f"other{number}@example.test").status_code == 401


def test_other_accounts_are_not_affected(attempt, participant, ocmw_member):
    for _ in range(4):
        attempt(participant.email)
    assert attempt(ocmw_member.email, PASSWORD).status_code == 302


def test_unverified_with_the_right_password_is_not_a_failure(attempt, unverified):
    for _ in range(5):
        assert attempt(unverified.email, PASSWORD).status_code == 403
    assert attempt(unverified.email, WRONG).status_code == 401


def test_guessing_the_current_password_on_the_profile_counts(client, login, participant, csrf_token):
    login(participant)
    token = csrf_token("/profile")
    codes = [client.post("/profile/password", data={
        "csrf_token": token, "current_password": WRONG, "password": "new-long-passphrase-1",
        "confirm": "new-long-passphrase-1"}).status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429]


# --- the client address: X-Forwarded-For only behind a trusted proxy ---------------------

def test_forwarded_for_is_ignored_without_proxy_count(attempt):
    for number in range(15):
        attempt(f"guess{number}@example.test", headers={"X-Forwarded-For": f"203.0.113.{number}"})
    refused = attempt("guess-new@example.test", headers={"X-Forwarded-For": "203.0.113.200"})
    assert refused.status_code == 429  # the spoofed header did not spread the count


def test_forwarded_for_is_honoured_with_proxy_count_one(make_app):
    behind_proxy = make_app(PROXY_COUNT=1, LOGIN_FAILURE_LIMIT="3 per 15 minutes", WTF_CSRF_ENABLED=False)
    browser = behind_proxy.test_client()

    def fail(email, client_address):
        return browser.post("/login", data={"email": email, "password": WRONG},
                            headers={"X-Forwarded-For": client_address}).status_code

    for number in range(15):
        assert fail(f"guess{number}@example.test", "203.0.113.1") == 401
    assert fail("guess-new@example.test", "203.0.113.1") == 429
    assert fail("guess-new@example.test", "203.0.113.2") == 401  # another real client behind the proxy


# --- sign-up: SIGNUP_LIMIT per client address, POST only ---------------------------------

def test_signups_are_limited_per_address_and_get_stays_open(app, client):
    app.config["SIGNUP_LIMIT"] = "2 per hour"
    body = {"email": "x@example.be", "password": "short", "name": "X", "language": "nl"}
    assert client.post("/api/v1/signup", json=body).status_code == 422
    assert client.post("/signup", data={}).status_code == 400  # CSRF refused: counted or not, no matter
    assert client.post("/api/v1/signup", json=body).status_code == 422
    refused = client.post("/api/v1/signup", json=body)
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "rate_limited"
    assert client.get("/signup").status_code == 200
    token = csrf_of(client, "/signup")
    assert client.post("/signup", data={"csrf_token": token}).status_code == 429  # the page shares the count
    other = client.post("/api/v1/signup", json=body, environ_base={"REMOTE_ADDR": "192.0.2.50"})
    assert other.status_code == 422


def test_the_defaults_are_those_of_the_api_contract(monkeypatch):
    import importlib

    import config

    monkeypatch.delenv("SIGNUP_LIMIT", raising=False)
    monkeypatch.delenv("LOGIN_FAILURE_LIMIT", raising=False)
    fresh = importlib.reload(config)
    assert fresh.Config.SIGNUP_LIMIT == "20 per hour"
    assert fresh.Config.LOGIN_FAILURE_LIMIT == "10 per 15 minutes"
