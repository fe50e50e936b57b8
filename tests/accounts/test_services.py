"""The account rules called directly, as the pages, the API and the CLI call them."""
import pytest

from portal.accounts import links, services, throttle
from portal.accounts.models import User
from portal.core.errors import Invalid
from portal.extensions import db
from portal.organisations import notify, registration
from tests import factories
from tests.accounts.conftest import STRONG, new_organisation


def data(**overrides):
    values = {"email": " Someone@Example.BE ", "password": STRONG, "name": " Someone ", "language": "en",
              "kind": "participant", "organisation": None, "organisation_id": None}
    values.update(overrides)
    return values


def test_signup_normalises_and_gives_a_feed_secret(app):
    with app.test_request_context():
        user = services.signup(data())
    assert user.email == "someone@example.be" and user.name == "Someone"
    assert user.feed_secret and len(user.feed_secret) == 64 and user.session_version == 1


def test_signup_reports_every_database_rule_at_once(app):
    factories.user("someone@example.be")
    factories.organisation("Taken", "host", enterprise_number="0403019261")
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        services.signup(data(password="short", kind="organisation", organisation=new_organisation()))
    assert set(refused.value.fields) == {"password", "email", "organisation.enterprise_number"}


def test_signup_language_must_be_one_of_the_three(app):
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        services.signup(data(language="de"))
    assert "language" in refused.value.fields


def test_joinable_organisations_are_the_approved_ones_by_name(app):
    factories.organisation("Zeta", "host")
    factories.organisation("Alpha", "sie")
    factories.organisation("Pending", "sie", status="pending")
    factories.organisation("Rejected", "sie", status="rejected")
    assert [o.name for o in registration.joinable_organisations()] == ["Alpha", "Zeta"]


@pytest.mark.parametrize("value", [None, "1", 0, -5, 2**40])
def test_joinable_organisation_refuses_odd_ids(app, value):
    assert registration.joinable_organisation(value) is None


def test_moderators_are_platform_admins_and_admins_of_approved_federations(app, admin, moderator, ocmw_admin):
    factories.member(factories.organisation("Brusoc", "federation"), "plain@brusoc.test")  # not an admin
    pending_federation = factories.organisation("New federation", "federation", status="pending")
    factories.member(pending_federation, "founder@newfed.test", role="admin")
    assert {u.email for u in notify.moderators()} == {admin.email, moderator.email}


def test_organisation_admins_are_mailed_not_members_nor_requesters(app, ocmw, ocmw_admin, ocmw_member):
    factories.member(ocmw, "pending-admin@example.test", role="admin", status="pending")
    assert [u.email for u in notify.admins_of(ocmw)] == [ocmw_admin.email]


def test_absolute_urls_need_no_request(app):
    assert services.absolute_url("accounts.verify", token="abc") == "http://localhost/verify/abc"


def test_links_round_trip_and_keep_their_purpose(app, unverified):
    assert links.user_to_verify(links.verification_token(unverified)) == unverified
    assert links.user_to_reset(links.reset_token(unverified)) == unverified
    with pytest.raises(links.LinkProblem):
        links.user_to_reset(links.verification_token(unverified))
    with pytest.raises(links.LinkProblem):
        links.user_to_verify(links.reset_token(unverified))


def test_a_link_signed_with_another_secret_is_invalid(app, unverified):
    token = links.verification_token(unverified)
    app.config["SECRET_KEY"] = "another-secret"
    with pytest.raises(links.LinkProblem) as problem:
        links.user_to_verify(token)
    assert problem.value.reason == "invalid"


def test_a_link_for_a_deleted_account_is_invalid(app, unverified):
    token = links.verification_token(unverified)
    db.session.delete(unverified)
    db.session.commit()
    with pytest.raises(links.LinkProblem):
        links.user_to_verify(token)


def test_throttle_keys_do_not_hold_the_address(app):
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.1"}):
        account_key, address_key = throttle._keys("Someone@Example.BE")
        assert "someone" not in "".join(account_key).lower() and address_key[-1] == "192.0.2.1"
        assert account_key == throttle._keys("someone@example.be")[0]


def test_end_sessions_raises_the_version(app, participant):
    services.end_sessions(participant)
    assert db.session.get(User, participant.id).session_version == 2
    assert participant.get_id() == f"{participant.id}:2"


def test_change_password_needs_the_current_one(app, participant):
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        services.change_password(participant, "wrong-password-here", "another-passphrase-12")
    assert list(refused.value.fields) == ["current_password"]


# --- argon2 parameters ---------------------------------------------------------------------

def _parameters(password_hash):
    from argon2 import extract_parameters

    found = extract_parameters(password_hash)
    return found.time_cost, found.memory_cost


def test_a_log_in_replaces_a_hash_made_with_older_parameters(app):
    from argon2 import PasswordHasher

    user = factories.user("older@example.be", password=STRONG)
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=128).hash(STRONG)  # not the configured 64 KiB
    db.session.commit()
    with app.test_request_context():
        with pytest.raises(services.LoginFailed):
            services.authenticate("older@example.be", STRONG + "x")
        assert _parameters(db.session.get(User, user.id).password_hash) == (1, 128)  # a wrong password changes nothing
        services.authenticate("older@example.be", STRONG)
    db.session.expire_all()
    stored = db.session.get(User, user.id).password_hash
    assert _parameters(stored) == (app.config["ARGON2_TIME_COST"], app.config["ARGON2_MEMORY_COST"])
    with app.test_request_context():
        assert services.authenticate("older@example.be", STRONG).id == user.id  # the new hash verifies
    assert db.session.get(User, user.id).password_hash == stored  # and is not replaced again
