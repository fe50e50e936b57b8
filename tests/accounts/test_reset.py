"""Password reset by mail: one answer for every address, a signed expiring single-use link."""
import time

import pytest
from itsdangerous.timed import TimestampSigner

from portal.accounts import links
from portal.accounts.models import User
from portal.accounts.passwords import verify_password
from portal.extensions import db
from tests.accounts.conftest import STRONG, link_in, mails_to, path_of
from tests.factories import PASSWORD


def ask_reset(client, csrf_token, email):
    return client.post("/reset", data={"csrf_token": csrf_token("/reset"), "email": email})


def reset_path(client, csrf_token, mailbox, user):
    ask_reset(client, csrf_token, user.email)
    return path_of(link_in(mails_to(mailbox, user.email)[-1], "/reset/"))


def submit(client, csrf_token, path, password=STRONG, confirm=None):
    return client.post(path, data={"csrf_token": csrf_token(path), "password": password,
                                   "confirm": password if confirm is None else confirm})


def test_the_answer_is_the_same_for_known_and_unknown_addresses(client, csrf_token, participant, mailbox):
    known = ask_reset(client, csrf_token, participant.email)
    unknown = ask_reset(client, csrf_token, "nobody@example.test")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert len(mails_to(mailbox, participant.email)) == 1 and len(mailbox) == 1


def test_the_link_in_the_mail_sets_a_new_password(client, csrf_token, participant, mailbox):
    path = reset_path(client, csrf_token, mailbox, participant)
    assert client.get(path).status_code == 200
    response = submit(client, csrf_token, path)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    user = db.session.get(User, participant.id)
    assert verify_password(user.password_hash, STRONG) and user.session_version == 2
    login = client.post("/api/v1/tokens", json={"email": participant.email, "password": STRONG})
    assert login.status_code == 201


def test_the_reset_mail_is_written_in_the_users_language(client, csrf_token, mailbox, mail_languages):
    from tests import factories

    person = factories.user("francais@example.test", language="fr")
    ask_reset(client, csrf_token, person.email)
    assert mail_languages == ["fr"] and len(mails_to(mailbox, person.email)) == 1


def test_the_link_works_once(client, csrf_token, participant, mailbox):
    path = reset_path(client, csrf_token, mailbox, participant)
    submit(client, csrf_token, path)
    again = client.get(path)
    assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)
    token = csrf_token("/reset")
    replay = client.post(path, data={"csrf_token": token, "password": "yet-another-passphrase-7",
                                     "confirm": "yet-another-passphrase-7"})
    assert replay.status_code == 400
    assert verify_password(db.session.get(User, participant.id).password_hash, STRONG)


def test_an_older_link_dies_when_a_newer_one_is_used(client, csrf_token, participant, mailbox):
    first = reset_path(client, csrf_token, mailbox, participant)
    second = reset_path(client, csrf_token, mailbox, participant)
    submit(client, csrf_token, second)
    assert client.get(first).status_code == 400


def test_an_expired_link_is_refused(client, participant, monkeypatch, app):
    age = app.config["RESET_LINK_MAX_AGE"] + 60
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - age)
    token = links.reset_token(participant)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    response = client.get(f"/reset/{token}")
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["nonsense", "x" * 3000, "a.b.c"])
def test_tampered_links_are_refused_clearly(client, token):
    response = client.get(f"/reset/{token}")
    assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)


def test_a_verification_link_is_not_a_reset_link(client, participant):
    assert client.get(f"/reset/{links.verification_token(participant)}").status_code == 400


@pytest.mark.parametrize("password, confirm, message", [
    ("short", None, "at least 10 characters"),
    ("participant@example.test", None, "may not be your e-mail address"),
    ("password123", None, "too common"),
    (STRONG, "something-else-entirely", "not the same"),
])
def test_the_new_password_obeys_the_rules(client, csrf_token, participant, mailbox, password, confirm, message):
    path = reset_path(client, csrf_token, mailbox, participant)
    response = submit(client, csrf_token, path, password, confirm)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert verify_password(db.session.get(User, participant.id).password_hash, PASSWORD)


def test_reset_confirms_an_unverified_address(client, csrf_token, unverified, mailbox):
    path = reset_path(client, csrf_token, mailbox, unverified)
    submit(client, csrf_token, path)
    assert db.session.get(User, unverified.id).is_verified


def test_reset_request_without_csrf_is_400(client, participant, mailbox):
    assert client.post("/reset", data={"email": participant.email}).status_code == 400
    assert mailbox == []
