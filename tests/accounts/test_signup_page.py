"""The /signup page: three clear choices, messages next to the fields, one transaction."""
import pytest

from portal.accounts.models import User
from portal.extensions import db
from portal.organisations import registration
from portal.organisations.models import Membership, Organisation
from tests import factories
from tests.accounts.conftest import STRONG, VALID_NUMBER, mails_to


@pytest.fixture
def signup_form(csrf_token):
    def form(**overrides):
        data = {
            "csrf_token": csrf_token("/signup"), "name": "Nadia Newcomer", "email": "nadia@example.be",
            "password": STRONG, "language": "nl", "kind": "participant",
            "organisation-name": "", "organisation-type": "", "organisation-enterprise_number": "",
            "organisation-commune": "", "organisation-website": "", "organisation_id": "",
        }
        data.update(overrides)
        return data

    return form


def user_named(email):
    return db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()


def test_page_offers_the_three_choices_and_lists_approved_organisations_only(client, ocmw):
    factories.organisation("Still Pending vzw", "host", status="pending")
    page = client.get("/signup").get_data(as_text=True)
    for value in ("organisation", "join", "participant"):
        assert f'value="{value}"' in page
    assert "Register a new organisation" in page and "Just attend study days" in page
    assert "OCMW Anderlecht" in page and "Still Pending vzw" not in page
    assert 'name="organisation-enterprise_number"' in page


def test_participant_signup_from_the_page(client, signup_form, mailbox):
    response = client.post("/signup", data=signup_form())
    assert response.status_code == 201
    assert "nadia@example.be" in response.get_data(as_text=True)
    user = user_named("nadia@example.be")
    assert user.membership is None and user.language == "nl" and not user.is_verified
    assert len(mails_to(mailbox, "nadia@example.be")) == 1


def test_new_organisation_from_the_page(client, signup_form, admin):
    response = client.post("/signup", data=signup_form(**{
        "kind": "organisation", "organisation-name": "Atelier Vert", "organisation-type": "host",
        "organisation-enterprise_number": VALID_NUMBER, "organisation-commune": "jette",
    }))
    assert response.status_code == 201
    membership = user_named("nadia@example.be").membership
    assert membership.role == "admin" and membership.status == "approved"
    assert membership.organisation.status == "pending" and membership.organisation.type == "host"


def test_join_from_the_page(client, signup_form, ocmw, ocmw_admin, mailbox):
    response = client.post("/signup", data=signup_form(kind="join", organisation_id=str(ocmw.id)))
    assert response.status_code == 201
    membership = user_named("nadia@example.be").membership
    assert membership.organisation_id == ocmw.id and membership.status == "pending"
    assert len(mails_to(mailbox, ocmw_admin.email)) == 1


def test_organisation_fields_are_ignored_for_a_participant(client, signup_form):
    response = client.post("/signup", data=signup_form(**{"organisation-name": "Half typed", "organisation_id": "7"}))
    assert response.status_code == 201
    assert db.session.execute(db.select(db.func.count()).select_from(Organisation)).scalar_one() == 0


@pytest.mark.parametrize("overrides, message", [
    ({"password": "short"}, "at least 10 characters"),
    ({"email": "nobody"}, "valid e-mail address"),
    ({"kind": "join"}, "Choose the organisation you want to join"),
    ({"kind": "organisation"}, "This field is required"),
    ({"kind": "organisation", "organisation-name": "A", "organisation-type": "sie", "organisation-commune": "jette",
      "organisation-enterprise_number": "0431.150.351"}, "not a valid enterprise number"),
])
def test_bad_input_shows_a_message_next_to_the_field(client, signup_form, overrides, message):
    response = client.post("/signup", data=signup_form(**overrides))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and 'class="error"' in page and 'aria-invalid="true"' in page
    assert user_named("nadia@example.be") is None


def test_taken_email_is_shown_next_to_the_email_field(client, signup_form):
    factories.user("nadia@example.be")
    page = client.post("/signup", data=signup_form(email="Nadia@Example.be")).get_data(as_text=True)
    assert 'id="email-error"' in page and "already exists" in page


def test_registered_enterprise_number_is_shown_next_to_its_field(client, signup_form):
    factories.organisation("Pending Org", "host", status="pending", enterprise_number="0403019261")
    response = client.post("/signup", data=signup_form(**{
        "kind": "organisation", "organisation-name": "Atelier Vert", "organisation-type": "host",
        "organisation-enterprise_number": VALID_NUMBER, "organisation-commune": "jette",
    }))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="organisation-enterprise_number-error"' in page and "awaits approval" in page
    assert "Pending Org" not in page  # a pending organisation's name is not told


def test_messages_follow_the_interface_language(client, signup_form):
    client.get("/signup?lang=fr")
    page = client.post("/signup", data=signup_form(password="short")).get_data(as_text=True)
    assert '<html lang="fr">' in page


def test_signup_without_csrf_token_is_400(client, signup_form):
    data = signup_form()
    data.pop("csrf_token")
    assert client.post("/signup", data=data).status_code == 400
    assert user_named("nadia@example.be") is None


def test_a_race_on_the_enterprise_number_is_refused_without_leftovers(client, signup_form, monkeypatch):
    """Another sign-up registers the number between the check and the commit."""
    factories.organisation("Other", "host", enterprise_number="0403019261")
    monkeypatch.setattr(registration, "organisation_with_number", lambda number: None)
    response = client.post("/signup", data=signup_form(**{
        "kind": "organisation", "organisation-name": "Atelier Vert", "organisation-type": "host",
        "organisation-enterprise_number": VALID_NUMBER, "organisation-commune": "jette",
    }))
    assert response.status_code == 422
    assert "already registered" in response.get_data(as_text=True)
    assert user_named("nadia@example.be") is None
    assert db.session.execute(db.select(db.func.count()).select_from(Membership)).scalar_one() == 0
