"""Odd input on every account page and endpoint: a clear refusal, never a 500."""
import pytest

from tests.accounts.conftest import STRONG, new_organisation, signup_body

ODD_TEXT = ["nul\x00byte", "x" * 5000, "‮right-to-left", "' OR 1=1 --", "<script>alert(1)</script>"]


@pytest.mark.parametrize("value", ODD_TEXT)
@pytest.mark.parametrize("path, field, extra", [
    ("/login", "email", {"password": "whatever-password"}),
    ("/login", "password", {"email": "participant@example.test"}),
    ("/reset", "email", {}),
    ("/verify/resend", "email", {}),
    ("/signup", "name", {"email": "odd@example.be", "password": STRONG, "language": "nl", "kind": "participant"}),
    ("/signup", "organisation-name", {"email": "odd@example.be", "password": STRONG, "language": "nl",
                                      "name": "Odd", "kind": "organisation", "organisation-type": "sie",
                                      "organisation-commune": "jette",
                                      "organisation-enterprise_number": "0403019261"}),
])
def test_pages_never_answer_500(client, csrf_token, participant, path, field, extra, value):
    response = client.post(path, data={"csrf_token": csrf_token(path), field: value, **extra})
    assert response.status_code < 500
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ODD_TEXT)
def test_profile_never_answers_500(client, login, participant, csrf_token, value):
    login(participant)
    response = client.post("/profile", data={"csrf_token": csrf_token("/profile"), "name": value, "language": "nl"})
    assert response.status_code in (302, 422)


def test_nul_in_a_page_field_is_a_message_next_to_it(client, csrf_token):
    response = client.post("/reset", data={"csrf_token": csrf_token("/reset"), "email": "a\x00@example.be"})
    assert response.status_code == 422
    assert "not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize("body", [
    signup_body(name="nul\x00"),
    signup_body(organisation=new_organisation(name="nul\x00")),
    signup_body(organisation_id=True),
    signup_body(organisation={"name": ["list"]}),
    signup_body(language=None, name=None),
    {"email": {"nested": 1}},
])
def test_signup_api_refuses_odd_bodies_with_422(client, body):
    assert client.post("/api/v1/signup", json=body).status_code == 422


@pytest.mark.parametrize("body", [
    {"email": "nul\x00@example.be", "password": "x"},
    {"email": "x" * 5000, "password": "x"},
    {"email": "a@example.be", "password": "x" * 5000},
])
def test_token_api_refuses_odd_bodies_with_422(client, body):
    assert client.post("/api/v1/tokens", json=body).status_code == 422


@pytest.mark.parametrize("method, path", [
    ("put", "/api/v1/tokens"), ("get", "/api/v1/tokens"), ("post", "/api/v1/me"), ("get", "/api/v1/signup"),
])
def test_wrong_methods_are_405(client, method, path):
    assert getattr(client, method)(path).status_code == 405
