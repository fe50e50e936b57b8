"""Approval of new organisations: who decides, finality, mail in each admin's language, audit."""
import pytest

from portal.core.audit import AuditEntry
from portal.core.errors import Conflict, Invalid
from portal.extensions import db
from portal.organisations import services
from tests import factories


@pytest.fixture
def newcomer(app):
    """A pending SIE whose founder (its admin) reads French, plus a Dutch-speaking co-admin."""
    organisation = factories.organisation("Nieuwe Horizon vzw", "sie", status="pending", commune="forest-vorst")
    factories.member(organisation, "founder@horizon.test", role="admin", language="fr", name="Fatima Founder")
    factories.member(organisation, "coadmin@horizon.test", role="admin", language="nl", name="Koen Coadmin")
    return organisation


def audit_actions(subject_id):
    return [e.action for e in db.session.execute(
        db.select(AuditEntry).where(AuditEntry.subject_type == "organisation", AuditEntry.subject_id == subject_id)
    ).scalars()]


# --- the rule, through the service ------------------------------------------------------

def test_platform_admin_approves_a_pending_organisation(admin, newcomer):
    services.approve_organisation(admin, newcomer.id)
    assert newcomer.status == "approved" and newcomer.decided_at is not None
    assert audit_actions(newcomer.id) == ["organisation.approved"]


def test_federation_moderator_rejects_with_a_reason(moderator, newcomer):
    services.reject_organisation(moderator, newcomer.id, "  Not an employer in Brussels.  ")
    assert newcomer.status == "rejected"
    assert newcomer.rejection_reason == "Not an employer in Brussels."
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "organisation.rejected")).scalar_one()
    assert entry.actor_id == moderator.id and entry.details == {"reason": "Not an employer in Brussels."}


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_rejection_needs_a_reason(admin, newcomer, reason):
    with pytest.raises(Invalid) as caught:
        services.reject_organisation(admin, newcomer.id, reason)
    assert "reason" in caught.value.fields
    assert newcomer.status == "pending"


def test_a_decided_organisation_cannot_be_decided_again(admin, newcomer):
    services.approve_organisation(admin, newcomer.id)
    with pytest.raises(Conflict):
        services.reject_organisation(admin, newcomer.id, "Changed my mind")
    with pytest.raises(Conflict):
        services.approve_organisation(admin, newcomer.id)
    assert audit_actions(newcomer.id) == ["organisation.approved"]


def test_a_member_of_a_pending_federation_is_no_moderator(app, newcomer):
    federation = factories.organisation("Nieuwe Federatie", "federation", status="pending")
    founder = factories.member(federation, "founder@federatie.test", role="admin")
    from portal.core.errors import NotFound

    with pytest.raises(NotFound):
        services.approve_organisation(founder, newcomer.id)


# --- mail in each recipient's language ----------------------------------------------------

def test_approval_is_mailed_to_each_admin_in_their_language(admin, newcomer, mailbox, smtp_server):
    services.approve_organisation(admin, newcomer.id)
    french, = smtp_server.to("founder@horizon.test")
    dutch, = smtp_server.to("coadmin@horizon.test")
    assert "Nieuwe Horizon vzw" in french["Subject"]
    assert f"/organisations/{newcomer.id}" in french.get_content()
    assert f"/organisations/{newcomer.id}" in dutch.get_content()
    assert len(mailbox) == 2


def test_rejection_reason_is_mailed_to_the_admins(moderator, newcomer, smtp_server):
    services.reject_organisation(moderator, newcomer.id, "Enterprise number belongs to another body.")
    for address in ("founder@horizon.test", "coadmin@horizon.test"):
        message, = smtp_server.to(address)
        assert "Enterprise number belongs to another body." in message.get_content()


def test_mail_follows_each_recipients_language(admin, newcomer, smtp_server, monkeypatch):
    """With a catalog for each language, the two admins get different words: we check that the
    mail is rendered under each recipient's locale (the catalogs are the integrator's)."""
    seen = []
    from flask_babel import get_locale

    from portal.core import mail as core_mail
    real_render = core_mail.render_template

    def spy(template, **context):
        seen.append((context["person"].email, str(get_locale())))
        return real_render(template, **context)

    monkeypatch.setattr(core_mail, "render_template", spy)
    services.reject_organisation(admin, newcomer.id, "Reason")
    assert sorted(seen) == [("coadmin@horizon.test", "nl"), ("founder@horizon.test", "fr")]


def test_a_refused_decision_mails_nobody(participant, newcomer, mailbox):
    from portal.core.errors import NotFound

    with pytest.raises(NotFound):
        services.approve_organisation(participant, newcomer.id)
    assert mailbox == []


# --- the moderation page ----------------------------------------------------------------

def test_moderation_page_lists_pending_organisations_with_their_founder(client, login, admin, newcomer, ocmw):
    login(admin)
    page = client.get("/organisations/pending")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Nieuwe Horizon vzw" in text and "founder@horizon.test" in text
    assert "OCMW Anderlecht" not in text  # approved: nothing to decide
    assert f'action="/organisations/{newcomer.id}/reject"' in text
    assert "data-confirm" in text


def test_moderator_approves_from_the_page(client, login, moderator, newcomer, csrf_token, smtp_server):
    login(moderator)
    token = csrf_token("/organisations/pending")
    response = client.post(f"/organisations/{newcomer.id}/approve", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/organisations/pending")
    assert db.session.get(type(newcomer), newcomer.id).status == "approved"
    assert smtp_server.to("founder@horizon.test")


def test_rejecting_from_the_page_without_a_reason_shows_the_field_message(client, login, admin, newcomer,
                                                                          csrf_token):
    login(admin)
    token = csrf_token("/organisations/pending")
    response = client.post(f"/organisations/{newcomer.id}/reject",
                           data={"csrf_token": token, f"org{newcomer.id}-reason": ""})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(type(newcomer), newcomer.id).status == "pending"


def test_rejecting_from_the_page_with_a_reason(client, login, admin, newcomer, csrf_token, smtp_server):
    login(admin)
    token = csrf_token("/organisations/pending")
    response = client.post(f"/organisations/{newcomer.id}/reject",
                           data={"csrf_token": token, f"org{newcomer.id}-reason": "Duplicate registration"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(newcomer), newcomer.id).status == "rejected"
    assert "Duplicate registration" in smtp_server.to("founder@horizon.test")[0].get_content()


def test_deciding_twice_from_the_page_flashes_the_conflict(client, login, admin, newcomer, csrf_token):
    login(admin)
    token = csrf_token("/organisations/pending")
    services.approve_organisation(admin, newcomer.id)
    response = client.post(f"/organisations/{newcomer.id}/approve", data={"csrf_token": token},
                           follow_redirects=True)
    assert "already been approved" in response.get_data(as_text=True)


def test_approving_without_csrf_token_is_refused(client, login, admin, newcomer):
    login(admin)
    assert client.post(f"/organisations/{newcomer.id}/approve").status_code == 400
    assert newcomer.status == "pending"


def test_moderation_page_runs_a_fixed_number_of_queries(client, login, admin, count_queries):
    login(admin)
    factories.member(factories.organisation("Eerste vzw", "sie", status="pending"), "a@eerste.test", role="admin")
    db.session.expire_all()
    with count_queries() as few:
        client.get("/organisations/pending")
    for n in range(10):
        factories.member(factories.organisation(f"Nog {n} vzw", "host", status="pending"), f"a{n}@nog.test",
                         role="admin")
    db.session.expire_all()
    with count_queries() as many:
        assert "Nog 9 vzw" in client.get("/organisations/pending").get_data(as_text=True)
    assert len(many) == len(few)
