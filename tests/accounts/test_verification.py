"""E-mail verification: the link in the real mail, expiry, reuse, tampering, resending."""
import time

import pytest
from itsdangerous.timed import TimestampSigner

from portal.accounts import links
from portal.accounts.models import User
from portal.extensions import db
from tests.accounts.conftest import STRONG, link_in, mails_to, path_of, signup_body


def sign_up(client, mailbox, **overrides):
    body = signup_body(**overrides)
    assert client.post("/api/v1/signup", json=body).status_code == 201
    return mails_to(mailbox, body["email"])[-1]


def test_the_mailed_link_verifies_the_address_when_opened(client, mailbox):
    mail = sign_up(client, mailbox)
    url = link_in(mail, "/verify/")
    assert url.startswith("http://localhost/verify/")  # absolute, on PORTAL_BASE_URL
    response = client.get(path_of(url))
    assert response.status_code == 200 and "E-mail address confirmed" in response.get_data(as_text=True)
    user = db.session.execute(db.select(User).where(User.email == "newcomer@example.be")).scalar_one()
    assert user.is_verified
    # and now the account may log in
    token = client.post("/api/v1/tokens", json={"email": "newcomer@example.be", "password": STRONG})
    assert token.status_code == 201


def test_the_mail_is_in_the_users_language(client, mailbox, mail_languages):
    sign_up(client, mailbox, language="fr")
    assert mail_languages == ["fr"]


def test_a_used_link_says_so_clearly(client, mailbox):
    path = path_of(link_in(sign_up(client, mailbox), "/verify/"))
    client.get(path)
    again = client.get(path)
    assert again.status_code == 200
    assert "already been used" in again.get_data(as_text=True)


def test_an_expired_link_is_refused_with_a_message(client, mailbox, unverified, monkeypatch, app):
    real = TimestampSigner.get_timestamp
    age = app.config["VERIFY_LINK_MAX_AGE"] + 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - age)
    token = links.verification_token(unverified)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    response = client.get(f"/verify/{token}")
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    assert db.session.get(User, unverified.id).is_verified is False


@pytest.mark.parametrize("token", ["nonsense", "a" * 2000, "eyJ1IjoxfQ.ZZZZ.abc", "../../etc/passwd", "%00"])
def test_tampered_or_malformed_links_never_500(client, unverified, token):
    response = client.get(f"/verify/{token}")
    assert response.status_code == 400
    assert "not valid" in response.get_data(as_text=True)


def test_a_link_signed_for_reset_is_not_a_verification_link(client, unverified):
    response = client.get(f"/verify/{links.reset_token(unverified)}")
    assert response.status_code == 400
    assert db.session.get(User, unverified.id).is_verified is False


def test_a_link_for_another_address_is_refused(client, unverified):
    token = links.verification_token(unverified)
    unverified.email = "changed@example.be"
    db.session.commit()
    assert client.get(f"/verify/{token}").status_code == 400


def test_resend_mails_a_new_working_link(client, mailbox, unverified, csrf_token):
    response = client.post("/verify/resend", data={"csrf_token": csrf_token("/verify/resend"),
                                                   "email": unverified.email})
    assert response.status_code == 302
    mail = mails_to(mailbox, unverified.email)
    assert len(mail) == 1
    assert client.get(path_of(link_in(mail[0], "/verify/"))).status_code == 200
    assert db.session.get(User, unverified.id).is_verified


def test_resend_answers_the_same_for_unknown_and_verified_addresses(client, mailbox, participant, csrf_token):
    answers = []
    for address in ("nobody@example.be", participant.email):
        response = client.post("/verify/resend", data={"csrf_token": csrf_token("/verify/resend"),
                                                       "email": address}, follow_redirects=True)
        answers.append((response.status_code, "If an unconfirmed account has this address" in response.text))
    assert answers == [(200, True), (200, True)]
    assert mailbox == []


def test_resend_without_csrf_is_400(client, unverified, mailbox):
    assert client.post("/verify/resend", data={"email": unverified.email}).status_code == 400
    assert mailbox == []
