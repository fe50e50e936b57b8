"""`flask --app wsgi create-admin EMAIL --password PW` (API.md §1)."""
from portal.accounts.models import User
from portal.accounts.passwords import verify_password
from portal.extensions import db
from portal.organisations import permissions

EMAIL = "Root@Tandem.Brussels"
PASSWORD = "a-long-admin-passphrase-7"


def admin_user():
    db.session.expire_all()
    return db.session.execute(db.select(User).where(User.email == EMAIL.lower())).scalar_one_or_none()


def test_creates_a_verified_platform_admin_who_can_log_in(runner):
    result = runner.invoke(args=["create-admin", EMAIL, "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert "Created" in result.output
    user = admin_user()
    assert user.is_admin and user.email_verified_at is not None
    assert verify_password(user.password_hash, PASSWORD)
    assert permissions.can_moderate_organisations(user)


def test_running_again_resets_the_password_and_ends_old_sessions(runner):
    runner.invoke(args=["create-admin", EMAIL, "--password", PASSWORD])
    version = admin_user().session_version
    result = runner.invoke(args=["create-admin", EMAIL, "--password", "another-long-passphrase-8"])
    assert result.exit_code == 0, result.output
    assert "Reset" in result.output
    user = admin_user()
    assert verify_password(user.password_hash, "another-long-passphrase-8")
    assert not verify_password(user.password_hash, PASSWORD)
    assert user.session_version > version
    assert db.session.execute(db.select(db.func.count()).select_from(User)).scalar_one() == 1


def test_an_existing_account_becomes_admin(runner):
    from tests import factories

    factories.user(EMAIL.lower())
    assert runner.invoke(args=["create-admin", EMAIL, "--password", PASSWORD]).exit_code == 0
    assert admin_user().is_admin


def test_a_short_password_is_refused(runner):
    result = runner.invoke(args=["create-admin", EMAIL, "--password", "short"])
    assert result.exit_code == 1
    assert "password" in result.output
    assert admin_user() is None


def test_a_common_password_is_refused(runner):
    result = runner.invoke(args=["create-admin", EMAIL, "--password", "1234567890"])
    assert result.exit_code == 1
    assert admin_user() is None


def test_the_email_as_password_is_refused(runner):
    result = runner.invoke(args=["create-admin", "someone@tandem.brussels", "--password", "someone@tandem.brussels"])
    assert result.exit_code == 1


def test_a_bad_email_is_refused(runner):
    result = runner.invoke(args=["create-admin", "not-an-address", "--password", PASSWORD])
    assert result.exit_code == 1 and "email" in result.output


def test_a_weak_reset_keeps_the_old_password(runner):
    runner.invoke(args=["create-admin", EMAIL, "--password", PASSWORD])
    assert runner.invoke(args=["create-admin", EMAIL, "--password", "short"]).exit_code == 1
    assert verify_password(admin_user().password_hash, PASSWORD)


def test_the_password_is_prompted_for_when_left_out(runner):
    result = runner.invoke(args=["create-admin", EMAIL], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert verify_password(admin_user().password_hash, PASSWORD)
