"""Membership requests and roles: the organisation's admin decides, the last admin stays."""
import pytest

from portal.core.audit import AuditEntry
from portal.core.errors import Conflict, NotFound
from portal.extensions import db
from portal.organisations import services
from portal.organisations.models import Membership
from tests import factories


@pytest.fixture
def applicant(ocmw):
    return factories.member(ocmw, "applicant@ocmw-anderlecht.test", status="pending", language="fr",
                            name="Amina Applicant")


def membership_of(user):
    db.session.expire_all()
    return db.session.execute(db.select(Membership).where(Membership.user_id == user.id)).scalar_one_or_none()


def actions():
    return [e.action for e in db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars()]


# --- the rules -------------------------------------------------------------------------

def test_admin_approves_a_membership_request_and_the_requester_is_mailed(ocmw_admin, ocmw, applicant,
                                                                         smtp_server):
    services.approve_membership(ocmw_admin, ocmw.id, applicant.id)
    membership = membership_of(applicant)
    assert membership.status == "approved" and membership.role == "member" and membership.decided_at
    message, = smtp_server.to("applicant@ocmw-anderlecht.test")
    assert "OCMW Anderlecht" in message["Subject"]
    assert actions() == ["membership.approved"]


def test_mail_to_the_requester_is_rendered_in_their_language(ocmw_admin, ocmw, applicant, monkeypatch):
    from flask_babel import get_locale

    from portal.core import mail as core_mail
    seen = []
    real = core_mail.render_template
    monkeypatch.setattr(core_mail, "render_template",
                        lambda template, **context: seen.append(str(get_locale())) or real(template, **context))
    services.approve_membership(ocmw_admin, ocmw.id, applicant.id)
    assert seen == ["fr"]


def test_admin_declines_a_request_and_the_requester_keeps_an_account(ocmw_admin, ocmw, applicant, smtp_server):
    services.decline_membership(ocmw_admin, ocmw.id, applicant.id)
    assert membership_of(applicant) is None
    assert smtp_server.to("applicant@ocmw-anderlecht.test")
    entry = db.session.execute(db.select(AuditEntry)).scalar_one()
    assert entry.action == "membership.declined" and entry.details["user_id"] == applicant.id


def test_approving_an_approved_member_is_a_conflict(ocmw_admin, ocmw, ocmw_member):
    with pytest.raises(Conflict):
        services.approve_membership(ocmw_admin, ocmw.id, ocmw_member.id)
    with pytest.raises(Conflict):
        services.decline_membership(ocmw_admin, ocmw.id, ocmw_member.id)


def test_a_user_of_another_organisation_is_not_found(ocmw_admin, ocmw, other_ocmw_member):
    with pytest.raises(NotFound):
        services.approve_membership(ocmw_admin, ocmw.id, other_ocmw_member.id)


def test_admin_makes_a_member_admin_and_back(ocmw_admin, ocmw, ocmw_member):
    services.change_member_role(ocmw_admin, ocmw.id, ocmw_member.id, "admin")
    assert membership_of(ocmw_member).role == "admin"
    services.change_member_role(ocmw_admin, ocmw.id, ocmw_member.id, "member")
    assert membership_of(ocmw_member).role == "member"
    entries = db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
    assert [(e.details["before"], e.details["after"]) for e in entries] == [("member", "admin"), ("admin", "member")]


def test_the_last_admin_cannot_be_demoted_or_removed(ocmw_admin, ocmw, ocmw_member):
    with pytest.raises(Conflict):
        services.change_member_role(ocmw_admin, ocmw.id, ocmw_admin.id, "member")
    with pytest.raises(Conflict):
        services.remove_member(ocmw_admin, ocmw.id, ocmw_admin.id)
    assert membership_of(ocmw_admin).role == "admin"


def test_an_admin_may_step_down_when_another_admin_remains(ocmw_admin, ocmw, ocmw_member):
    services.change_member_role(ocmw_admin, ocmw.id, ocmw_member.id, "admin")
    services.change_member_role(ocmw_admin, ocmw.id, ocmw_admin.id, "member")
    assert membership_of(ocmw_admin).role == "member"


def test_admin_removes_a_member(ocmw_admin, ocmw, ocmw_member):
    services.remove_member(ocmw_admin, ocmw.id, ocmw_member.id)
    assert membership_of(ocmw_member) is None
    assert actions() == ["membership.removed"]


def test_a_pending_request_is_declined_not_removed_nor_promoted(ocmw_admin, ocmw, applicant):
    with pytest.raises(Conflict):
        services.remove_member(ocmw_admin, ocmw.id, applicant.id)
    with pytest.raises(Conflict):
        services.change_member_role(ocmw_admin, ocmw.id, applicant.id, "admin")


# --- the members page ---------------------------------------------------------------------

def test_members_page_lists_members_roles_and_requests(client, login, ocmw_admin, ocmw_member, applicant, ocmw):
    login(ocmw_admin)
    page = client.get(f"/organisations/{ocmw.id}/members")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "worker@ocmw-anderlecht.test" in text and "Amina Applicant" in text
    assert f"/organisations/{ocmw.id}/members/{applicant.id}/approve" in text
    assert f"/organisations/{ocmw.id}/members/{ocmw_member.id}/remove" in text
    assert "data-confirm" in text


def test_members_page_runs_a_fixed_number_of_queries(client, login, ocmw_admin, ocmw, count_queries):
    login(ocmw_admin)
    db.session.expire_all()  # the test shares the requests' session: start each count from the same state
    with count_queries() as few:
        client.get(f"/organisations/{ocmw.id}/members")
    for n in range(8):
        factories.member(ocmw, f"extra{n}@ocmw-anderlecht.test", status="pending" if n % 2 else "approved")
    db.session.expire_all()
    with count_queries() as many:
        client.get(f"/organisations/{ocmw.id}/members")
    assert len(many) == len(few)


def test_admin_approves_from_the_page(client, login, csrf_token, ocmw_admin, ocmw, applicant, smtp_server):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/members")
    response = client.post(f"/organisations/{ocmw.id}/members/{applicant.id}/approve", data={"csrf_token": token})
    assert response.status_code == 302
    assert membership_of(applicant).status == "approved"
    assert smtp_server.to("applicant@ocmw-anderlecht.test")


def test_admin_declines_from_the_page(client, login, csrf_token, ocmw_admin, ocmw, applicant):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/members")
    client.post(f"/organisations/{ocmw.id}/members/{applicant.id}/decline", data={"csrf_token": token})
    assert membership_of(applicant) is None


def test_admin_changes_a_role_from_the_page(client, login, csrf_token, ocmw_admin, ocmw, ocmw_member):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/members")
    client.post(f"/organisations/{ocmw.id}/members/{ocmw_member.id}/role", data={"csrf_token": token, "role": "admin"})
    assert membership_of(ocmw_member).role == "admin"


def test_an_unknown_role_from_the_page_is_refused_with_a_message(client, login, csrf_token, ocmw_admin, ocmw,
                                                                 ocmw_member):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/members")
    response = client.post(f"/organisations/{ocmw.id}/members/{ocmw_member.id}/role",
                           data={"csrf_token": token, "role": "owner"}, follow_redirects=True)
    assert "Choose administrator or member." in response.get_data(as_text=True)
    assert membership_of(ocmw_member).role == "member"


def test_removing_the_last_admin_from_the_page_is_refused_with_a_message(client, login, csrf_token, ocmw_admin,
                                                                         ocmw):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/members")
    response = client.post(f"/organisations/{ocmw.id}/members/{ocmw_admin.id}/remove", data={"csrf_token": token},
                           follow_redirects=True)
    assert "at least one administrator" in response.get_data(as_text=True)
    assert membership_of(ocmw_admin) is not None


def test_admin_removes_from_the_page(client, login, csrf_token, ocmw_admin, ocmw, ocmw_member):
    login(ocmw_admin)
    token = csrf_token(f"/organisations/{ocmw.id}/members")
    client.post(f"/organisations/{ocmw.id}/members/{ocmw_member.id}/remove", data={"csrf_token": token})
    assert membership_of(ocmw_member) is None


# --- the API -------------------------------------------------------------------------

def test_api_admin_approves_a_request(client, auth_headers, ocmw_admin, ocmw, applicant, smtp_server):
    response = client.post(f"/api/v1/organisations/{ocmw.id}/members/{applicant.id}/approve",
                           headers=auth_headers(ocmw_admin))
    assert response.status_code == 200
    assert response.get_json() == {"organisation_id": ocmw.id, "user_id": applicant.id,
                                   "role": "member", "status": "approved"}
    assert smtp_server.to("applicant@ocmw-anderlecht.test")


def test_api_approving_twice_is_409(client, auth_headers, ocmw_admin, ocmw, applicant):
    headers = auth_headers(ocmw_admin)
    url = f"/api/v1/organisations/{ocmw.id}/members/{applicant.id}/approve"
    assert client.post(url, headers=headers).status_code == 200
    response = client.post(url, headers=headers)
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "conflict"


def test_api_unknown_user_is_404(client, auth_headers, ocmw_admin, ocmw):
    response = client.post(f"/api/v1/organisations/{ocmw.id}/members/99999/approve", headers=auth_headers(ocmw_admin))
    assert response.status_code == 404


def test_api_admin_declines_a_request(client, auth_headers, ocmw_admin, ocmw, applicant):
    response = client.post(f"/api/v1/organisations/{ocmw.id}/members/{applicant.id}/decline",
                           headers=auth_headers(ocmw_admin))
    assert response.status_code == 200 and response.get_json()["status"] == "declined"
    assert membership_of(applicant) is None
