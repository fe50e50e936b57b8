"""Who may NOT approve or reject organisations — one test per role, page and API."""
import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.organisations.models import Organisation
from tests import factories

REFUSED = ["ocmw_admin", "ocmw_member", "sie_admin", "sie_member", "host_member", "partner_member",
           "participant", "federation_member"]


@pytest.fixture
def federation_member(federation):
    """A plain (non-admin) member of an approved federation: not a moderator."""
    return factories.member(federation, "staff@febisp.test")


@pytest.fixture
def newcomer(app):
    organisation = factories.organisation("Nieuwe Horizon vzw", "sie", status="pending")
    factories.member(organisation, "founder@horizon.test", role="admin")
    return organisation


def unchanged(organisation):
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).status == "pending"
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action.like("organisation.%"))).first() is None


# --- API ----------------------------------------------------------------------------

@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("action, body", [("approve", None), ("reject", {"reason": "No"})])
def test_api_hides_a_pending_organisation_from_non_moderators(request, client, auth_headers, newcomer, mailbox,
                                                               role, action, body):
    user = request.getfixturevalue(role)
    response = client.post(f"/api/v1/organisations/{newcomer.id}/{action}", json=body, headers=auth_headers(user))
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    unchanged(newcomer)
    assert mailbox == []


@pytest.mark.parametrize("role", REFUSED)
def test_api_refuses_a_visible_organisation_with_403(request, client, auth_headers, role):
    """An approved organisation is visible to all, so deciding on it is 'known but not allowed'."""
    visible = factories.organisation("Zichtbaar vzw", "host")
    user = request.getfixturevalue(role)
    response = client.post(f"/api/v1/organisations/{visible.id}/approve", headers=auth_headers(user))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_api_asks_anonymous_callers_for_a_token(client, newcomer):
    for action in ("approve", "reject"):
        response = client.post(f"/api/v1/organisations/{newcomer.id}/{action}", json={"reason": "x"})
        assert response.status_code == 401
    unchanged(newcomer)


def test_api_reject_refuses_before_looking_at_the_body(client, auth_headers, participant, newcomer):
    """Access is decided before validation: a bad body to an invisible record is still 404."""
    response = client.post(f"/api/v1/organisations/{newcomer.id}/reject", json={"nonsense": 1},
                           headers=auth_headers(participant))
    assert response.status_code == 404


def test_the_founder_of_a_pending_organisation_cannot_approve_it(client, auth_headers, newcomer):
    founder = db.session.execute(db.select(Organisation).where(Organisation.id == newcomer.id)).scalar_one()
    admin_of_it = founder.memberships[0].user
    response = client.post(f"/api/v1/organisations/{newcomer.id}/approve", headers=auth_headers(admin_of_it))
    assert response.status_code == 403  # they see their own organisation, but may not decide
    unchanged(newcomer)


# --- pages -----------------------------------------------------------------------------

@pytest.mark.parametrize("role", REFUSED)
def test_moderation_page_is_refused(request, client, login, role):
    login(request.getfixturevalue(role))
    assert client.get("/organisations/pending").status_code == 403


@pytest.mark.parametrize("role", REFUSED)
def test_page_actions_are_refused(request, client, login, form_token, newcomer, role):
    login(request.getfixturevalue(role))
    token = form_token()
    for action in ("approve", "reject"):
        response = client.post(f"/organisations/{newcomer.id}/{action}",
                               data={"csrf_token": token, f"org{newcomer.id}-reason": "No"})
        assert response.status_code == 404
    unchanged(newcomer)


def test_anonymous_visitors_are_sent_to_log_in(client, form_token, newcomer):
    token = form_token()
    for response in (client.get("/organisations/pending"),
                     client.post(f"/organisations/{newcomer.id}/approve", data={"csrf_token": token}),
                     client.post(f"/organisations/{newcomer.id}/reject", data={"csrf_token": token})):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    unchanged(newcomer)


def test_approvals_are_not_in_the_navigation_of_others(client, login, ocmw_admin):
    login(ocmw_admin)
    assert "/organisations/pending" not in client.get("/organisations").get_data(as_text=True)


def test_approvals_appear_in_the_navigation_of_moderators(client, login, moderator):
    login(moderator)
    assert "/organisations/pending" in client.get("/organisations").get_data(as_text=True)
