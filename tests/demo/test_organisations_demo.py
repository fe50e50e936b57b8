"""The demo organisations and people: complete, valid, idempotent, and usable to log in."""
import pytest
from sqlalchemy import func

from portal.accounts.models import User
from portal.accounts.passwords import verify_password
from portal.core.audit import AuditEntry
from portal.core.choices import COMMUNES
from portal.demo import organisations as demo
from portal.extensions import db
from portal.organisations import enterprise_number
from portal.organisations.models import Membership, Organisation


def counts():
    return {model.__name__: db.session.execute(db.select(func.count()).select_from(model)).scalar_one()
            for model in (Organisation, User, Membership, AuditEntry)}


@pytest.fixture
def loaded(app):
    demo.load(echo=lambda *_: None)
    return counts()


def test_loading_twice_adds_nothing(loaded):
    demo.load(echo=lambda *_: None)
    assert counts() == loaded


def test_every_brussels_ocmw_is_there_named_in_both_languages(loaded):
    ocmws = db.session.execute(db.select(Organisation).where(Organisation.type == "ocmw")).scalars().all()
    assert sorted(o.commune for o in ocmws) == sorted(COMMUNES.codes)
    anderlecht = demo.get("ocmw-anderlecht")
    assert anderlecht.name == "OCMW Anderlecht / CPAS d'Anderlecht" and anderlecht.status == "approved"
    assert demo.get("ocmw-oudergem") == demo.get("ocmw-auderghem-oudergem")
    assert demo.get("ocmw-molenbeek").commune == "molenbeek-saint-jean-sint-jans-molenbeek"


@pytest.mark.parametrize("key, type_", [
    ("febisp", "federation"), ("febio", "federation"), ("brulocalis", "federation"), ("trace", "partner"),
    ("actiris", "partner"), ("casablanco", "sie"), ("arpaije", "sie"), ("samusocial", "host"),
])
def test_the_organisations_of_the_seeds_are_approved(loaded, key, type_):
    organisation = demo.get(key)
    assert organisation.type == type_ and organisation.status == "approved"


def test_sies_carry_a_mandate_and_sectors(loaded):
    casablanco = demo.get("casablanco")
    assert casablanco.sie_mandated and casablanco.sie_mandate_until and casablanco.sectors == ["construction"]


def test_there_are_more_sies_and_hosts_and_pending_ones_to_approve(loaded):
    by_type = dict(db.session.execute(
        db.select(Organisation.type, func.count()).where(Organisation.status == "approved").group_by(Organisation.type)
    ).all())
    assert by_type["sie"] >= 4 and by_type["host"] >= 2
    pending = db.session.execute(db.select(Organisation).where(Organisation.status == "pending")).scalars().all()
    assert {o.name for o in pending} == {"Nieuwe Horizon vzw", "Coopérative Bâtir Evere"}


def test_enterprise_numbers_are_valid_and_unique(loaded):
    numbers = db.session.execute(db.select(Organisation.enterprise_number)).scalars().all()
    assert all(enterprise_number.is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers) == len(demo.ORGANISATIONS)


def test_each_organisation_has_a_verified_admin_with_a_feed_secret_and_the_demo_password(loaded):
    for spec in demo.ORGANISATIONS:
        person = demo.user(spec["key"])
        assert person.membership.organisation == demo.get(spec["key"])
        assert person.membership.role == "admin" and person.membership.status == "approved"
        assert person.email_verified_at is not None and person.feed_secret
    assert verify_password(demo.user("febisp").password_hash, demo.DEMO_PASSWORD)


def test_the_platform_admin_and_the_participant(loaded):
    admin = demo.user("admin")
    assert admin.is_admin and admin.email_verified_at and admin.feed_secret
    assert verify_password(admin.password_hash, demo.ADMIN_PASSWORD)
    participant = demo.user("participant")
    assert participant.membership is None and not participant.is_admin and participant.feed_secret


def test_a_membership_request_waits_for_ocmw_anderlecht(loaded):
    applicant = demo.user("applicant")
    assert applicant.membership.status == "pending"
    assert applicant.membership.organisation == demo.get("ocmw-anderlecht")


def test_federation_admins_are_moderators(loaded):
    from portal.core import actors
    from portal.organisations import permissions

    assert actors.is_federation_moderator(demo.user("febisp"))
    assert not permissions.can_moderate_organisations(demo.user("casablanco"))


def test_unknown_keys_are_refused(app):
    with pytest.raises(KeyError):
        demo.get("no-such-organisation")
    with pytest.raises(KeyError):
        demo.user("no-such-organisation")


def test_before_loading_get_answers_none(app):
    assert demo.get("febisp") is None and demo.user("febisp") is None


def test_flask_demo_command_is_idempotent(runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "organisations:" in first.output
    after_first = counts()
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert counts() == after_first
    assert after_first["Organisation"] == len(demo.ORGANISATIONS)


def test_demo_accounts_are_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs/notes/demo-accounts.md").read_text()
    for email in (demo.ADMIN_EMAIL, demo.PARTICIPANT_EMAIL, demo.APPLICANT_EMAIL):
        assert email in text
    for spec in demo.ORGANISATIONS:
        assert f"{spec['key']}@{demo.DOMAIN}" in text
    assert demo.DEMO_PASSWORD in text and demo.ADMIN_PASSWORD in text
