"""Who may NOT manage an organisation's members — one test per role, page and API."""
import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.organisations.models import Membership
from tests import factories

# Everyone but the OCMW's own admin: its plain member, admins and members of other
# organisations, a federation moderator, a platform admin (members are the organisation's
# own business), a participant.
REFUSED = ["ocmw_member", "other_ocmw_member", "other_ocmw_admin", "sie_admin", "sie_member", "moderator",
           "admin", "participant", "pending_admin"]


@pytest.fixture
def other_ocmw_admin(other_ocmw):
    return factories.member(other_ocmw, "admin@ocmw-jette.test", role="admin")


@pytest.fixture
def pending_admin(ocmw):
    """Asked to join as admin, not yet approved: no rights yet."""
    return factories.member(ocmw, "hopeful@ocmw-anderlecht.test", role="admin", status="pending")


@pytest.fixture
def applicant(ocmw, ocmw_admin):
    return factories.member(ocmw, "applicant@ocmw-anderlecht.test", status="pending")


def nothing_changed(applicant, mailbox):
    db.session.expire_all()
    assert db.session.execute(db.select(Membership).where(Membership.user_id == applicant.id)).scalar_one().status \
        == "pending"
    assert db.session.execute(db.select(AuditEntry)).first() is None
    assert mailbox == []


@pytest.mark.parametrize("role", REFUSED)
def test_api_approval_is_refused(request, client, auth_headers, ocmw, applicant, mailbox, role):
    user = request.getfixturevalue(role)
    response = client.post(f"/api/v1/organisations/{ocmw.id}/members/{applicant.id}/approve",
                           headers=auth_headers(user))
    assert response.status_code == 403  # the approved OCMW is visible to all: known but not allowed
    nothing_changed(applicant, mailbox)


def test_api_approval_asks_anonymous_callers_for_a_token(client, ocmw, applicant, mailbox):
    response = client.post(f"/api/v1/organisations/{ocmw.id}/members/{applicant.id}/approve")
    assert response.status_code == 401
    nothing_changed(applicant, mailbox)


def test_api_approval_in_an_invisible_organisation_is_404(client, auth_headers, participant):
    hidden = factories.organisation("Verborgen vzw", "host", status="pending")
    requester = factories.member(hidden, "someone@verborgen.test", status="pending")
    response = client.post(f"/api/v1/organisations/{hidden.id}/members/{requester.id}/approve",
                           headers=auth_headers(participant))
    assert response.status_code == 404


@pytest.mark.parametrize("role", REFUSED)
def test_members_page_is_refused(request, client, login, ocmw, role):
    login(request.getfixturevalue(role))
    assert client.get(f"/organisations/{ocmw.id}/members").status_code == 403


@pytest.mark.parametrize("role", REFUSED)
def test_member_actions_on_the_page_are_refused(request, client, login, form_token, ocmw, ocmw_admin, applicant,
                                               mailbox, role):
    login(request.getfixturevalue(role))
    token = form_token()
    for action, target, data in (("approve", applicant, {}), ("decline", applicant, {}),
                                 ("role", ocmw_admin, {"role": "member"}), ("remove", ocmw_admin, {})):
        response = client.post(f"/organisations/{ocmw.id}/members/{target.id}/{action}",
                               data={"csrf_token": token, **data})
        assert response.status_code == 403, action
    nothing_changed(applicant, mailbox)
    assert db.session.execute(db.select(Membership).where(Membership.user_id == ocmw_admin.id)).scalar_one().role \
        == "admin"


def test_anonymous_visitors_are_sent_to_log_in(client, form_token, ocmw, applicant, mailbox):
    token = form_token()
    for response in (client.get(f"/organisations/{ocmw.id}/members"),
                     client.post(f"/organisations/{ocmw.id}/members/{applicant.id}/approve",
                                 data={"csrf_token": token})):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    nothing_changed(applicant, mailbox)


def test_admin_of_one_organisation_cannot_act_on_a_member_of_another_through_its_own(
        client, auth_headers, ocmw_admin, ocmw, other_ocmw):
    stranger = factories.member(other_ocmw, "applicant@ocmw-jette.test", status="pending")
    response = client.post(f"/api/v1/organisations/{ocmw.id}/members/{stranger.id}/approve",
                           headers=auth_headers(ocmw_admin))
    assert response.status_code == 404
