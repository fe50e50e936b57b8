"""The profile page: name, language, membership status, calendar links, bounded queries."""
import pytest

from portal.accounts.feed_tokens import feed_token, user_for_feed_token
from portal.accounts.models import User
from portal.extensions import db
from tests import factories


def test_profile_needs_login(client):
    response = client.get("/profile")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/profile/password", "/profile/calendar-link", "/profile"])
def test_profile_actions_need_login(client, csrf_token, path):
    token = csrf_token("/login")
    response = client.post(path, data={"csrf_token": token})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_profile_shows_the_feed_as_https_and_webcal(client, login, participant):
    login(participant)
    page = client.get("/profile").get_data(as_text=True)
    token = feed_token(participant)
    assert f"http://localhost/calendar/{token}.ics" in page
    assert f"webcal://localhost/calendar/{token}.ics" in page


def test_regenerating_the_feed_kills_the_old_url(client, login, participant, csrf_token):
    login(participant)
    old = feed_token(participant)
    response = client.post("/profile/calendar-link", data={"csrf_token": csrf_token("/profile")})
    assert response.status_code == 302
    user = db.session.get(User, participant.id)
    assert feed_token(user) != old
    assert user_for_feed_token(old) is None and user_for_feed_token(feed_token(user)) == user
    assert feed_token(user) in client.get("/profile").get_data(as_text=True)


def test_regenerating_without_csrf_changes_nothing(client, login, participant):
    login(participant)
    old = feed_token(participant)
    assert client.post("/profile/calendar-link").status_code == 400
    assert feed_token(db.session.get(User, participant.id)) == old


def test_name_and_language_are_saved_and_the_interface_follows(client, login, participant, csrf_token):
    login(participant)
    response = client.post("/profile", data={"csrf_token": csrf_token("/profile"), "name": "Pat Renamed",
                                             "language": "fr"})
    assert response.status_code == 302
    user = db.session.get(User, participant.id)
    assert user.name == "Pat Renamed" and user.language == "fr"
    assert '<html lang="fr">' in client.get("/profile").get_data(as_text=True)


@pytest.mark.parametrize("data, field", [
    ({"name": "", "language": "nl"}, "name"),
    ({"name": "n" * 201, "language": "nl"}, "name"),
    ({"name": "Pat", "language": "de"}, "language"),
])
def test_bad_profile_input_is_shown_next_to_the_field(client, login, participant, csrf_token, data, field):
    login(participant)
    response = client.post("/profile", data={"csrf_token": csrf_token("/profile"), **data})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.get(User, participant.id).name == "Pat Participant"


@pytest.mark.parametrize("fields, field, message", [
    ({"current_password": "wrong-password-here"}, "current_password", "not your current password"),
    ({"password": "short", "confirm": "short"}, "password", "at least 10 characters"),
    ({"confirm": "different-passphrase-1"}, "confirm", "not the same"),
])
def test_password_change_problems_are_shown(client, login, participant, csrf_token, fields, field, message):
    login(participant)
    data = {"csrf_token": csrf_token("/profile"), "current_password": factories.PASSWORD,
            "password": "new-long-passphrase-1", "confirm": "new-long-passphrase-1", **fields}
    response = client.post("/profile/password", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page and f'id="{field}-error"' in page
    assert db.session.get(User, participant.id).session_version == 1


def test_participant_sees_that_they_have_no_organisation(client, login, participant):
    login(participant)
    assert "You do not belong to an organisation" in client.get("/profile").get_data(as_text=True)


def test_admin_of_a_pending_organisation_sees_both_statuses(client, login):
    pending = factories.organisation("Atelier Vert", "sie", status="pending")
    person = factories.member(pending, "founder@atelier.test", role="admin")
    login(person)
    page = client.get("/profile").get_data(as_text=True)
    assert "Atelier Vert" in page and "Awaiting approval" in page and "Administrator" in page


def test_pending_membership_request_is_shown(client, login, ocmw):
    person = factories.member(ocmw, "asking@example.test", status="pending")
    login(person)
    assert "Your request to join awaits its administrators" in client.get("/profile").get_data(as_text=True)


def test_profile_runs_a_fixed_number_of_queries(client, login, participant, ocmw_admin, count_queries):
    login(participant)
    client.get("/profile")
    with count_queries() as participant_queries:
        assert client.get("/profile").status_code == 200
    login(ocmw_admin)
    with count_queries() as member_queries:
        assert client.get("/profile").status_code == 200
    # the same number with or without an organisation (the user, membership and organisation
    # come in one joined query); the rest is the events helper's list of registrations
    assert len(participant_queries) == len(member_queries) <= 6, (participant_queries, member_queries)
