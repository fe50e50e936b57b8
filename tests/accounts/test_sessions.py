"""Logout, password change and reset end sessions for good: copies of old cookies die."""
import pytest

from portal.accounts.models import User
from portal.extensions import db
from tests.accounts.conftest import STRONG, link_in, mails_to, path_of
from tests.factories import PASSWORD
from tests.pages import csrf_of

NEW_PASSWORD = "another-long-passphrase-99"


def page_login(client, user, remember=True):
    token = csrf_of(client, "/login")
    data = {"csrf_token": token, "email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302
    return token


def cookies_of(client):
    return {"session": client.get_cookie("session").value, "remember_token": client.get_cookie("remember_token").value}


def replay(app, name, value):
    """A new browser carrying only a copy of one cookie: is it logged in?"""
    browser = app.test_client()
    browser.set_cookie(name, value)
    return browser.get("/profile").status_code == 200


def test_copies_of_both_cookies_work_before_logout(app, client, participant):
    page_login(client, participant)
    copies = cookies_of(client)
    assert replay(app, "session", copies["session"])
    assert replay(app, "remember_token", copies["remember_token"])


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_logout_kills_copies_of_the_old_cookie(app, client, participant, cookie):
    page_login(client, participant)
    copies = cookies_of(client)
    response = client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 302
    assert not replay(app, cookie, copies[cookie])


def test_logout_needs_a_post_with_csrf(app, client, participant):
    page_login(client, participant)
    page = client.get("/logout")
    assert page.status_code == 200 and 'method="post"' in page.get_data(as_text=True)
    assert client.post("/logout").status_code == 400  # no CSRF token
    assert client.get("/profile").status_code == 200  # still logged in
    assert db.session.get(User, participant.id).session_version == 1


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_password_change_keeps_this_session_and_kills_the_others(app, client, participant, cookie):
    page_login(client, participant)
    old = cookies_of(client)
    other_device = app.test_client()
    page_login(other_device, participant)
    response = client.post("/profile/password", data={
        "csrf_token": csrf_of(client), "current_password": PASSWORD, "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    })
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200  # this browser goes on
    assert replay(app, "remember_token", client.get_cookie("remember_token").value)  # with a fresh cookie
    assert other_device.get("/profile").status_code == 302
    assert not replay(app, cookie, old[cookie])


def test_password_reset_kills_copies_of_old_cookies(app, client, participant, mailbox):
    page_login(client, participant)
    old = cookies_of(client)
    stranger = app.test_client()
    token = csrf_of(stranger, "/reset")
    stranger.post("/reset", data={"csrf_token": token, "email": participant.email})
    path = path_of(link_in(mails_to(mailbox, participant.email)[0], "/reset/"))
    token = csrf_of(stranger, path)
    response = stranger.post(path, data={"csrf_token": token, "password": STRONG, "confirm": STRONG})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 302
    assert not replay(app, "session", old["session"])
    assert not replay(app, "remember_token", old["remember_token"])


def test_session_from_before_a_version_bump_is_refused(app, client, participant, login):
    login(participant)
    assert client.get("/profile").status_code == 200
    participant.session_version += 1
    db.session.commit()
    assert client.get("/profile").status_code == 302


@pytest.mark.parametrize("forged", ["1", "1:", ":1", "abc:1", "1:abc", "99999:1", "1:1:1"])
def test_forged_user_ids_in_the_session_are_anonymous(client, participant, forged):
    with client.session_transaction() as session:
        session["_user_id"] = forged
    assert client.get("/profile").status_code == 302


def test_a_new_secret_key_ends_sessions_signed_with_the_old_one_unless_kept_as_fallback(app, client, participant):
    """The session serializer is built once per set of keys: rotating the key must still count."""
    page_login(client, participant, remember=False)
    session = client.get_cookie("session").value
    assert replay(app, "session", session)
    old_key, app.secret_key = app.secret_key, "a-brand-new-secret-key-for-this-test"
    assert not replay(app, "session", session)
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert replay(app, "session", session)


def test_a_password_change_and_a_reset_are_told_to_the_owner_and_a_failed_change_is_not(client, participant, mailbox):
    page_login(client, participant, remember=False)
    client.post("/profile/password", data={"csrf_token": csrf_of(client), "current_password": "wrong-one-1234",
                                           "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert not [m for m in mails_to(mailbox, participant.email) if "was changed" in m["Subject"]]
    client.post("/profile/password", data={"csrf_token": csrf_of(client), "current_password": PASSWORD,
                                           "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    told = [m for m in mails_to(mailbox, participant.email) if m["Subject"] == "Your Tandem password was changed"]
    assert len(told) == 1 and path_of(link_in(told[0], "/reset")) == "/reset"
    client.post("/reset", data={"csrf_token": csrf_of(client, "/reset"), "email": participant.email})
    path = path_of(link_in(mails_to(mailbox, participant.email)[-1], "/reset/"))
    client.post(path, data={"csrf_token": csrf_of(client, path), "password": STRONG, "confirm": STRONG})
    assert mails_to(mailbox, participant.email)[-1]["Subject"] == "Your Tandem password was changed"
