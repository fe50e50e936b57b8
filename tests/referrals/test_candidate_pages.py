"""Candidate pages: the OCMW's list, detail, forms, revoke and erase buttons."""
import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.referrals.models import Candidate
from tests.referrals import builders as b


def test_list_shows_own_candidates_no_store_and_is_audited(client, login, ocmw_member, other_ocmw_member):
    b.candidate(ocmw_member, first_name="Mine")
    b.candidate(other_ocmw_member, first_name="Theirs")
    login(ocmw_member)
    response = client.get("/candidates")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Mine" in page and "Theirs" not in page
    assert response.headers["Cache-Control"] == "no-store"
    assert db.session.query(AuditEntry).filter_by(action="candidate.list").count() == 1


def test_list_puts_the_people_still_supported_before_erased_records(client, login, ocmw_member):
    from portal.referrals import services

    live = b.candidate(ocmw_member, first_name="Older")
    erased = b.candidate(ocmw_member, first_name="Newer")
    services.erase_candidate(ocmw_member, erased.id)
    login(ocmw_member)
    html = client.get("/candidates").get_data(as_text=True)
    assert html.index(f"/candidates/{live.id}\"") < html.index(f"/candidates/{erased.id}\"")


def test_list_runs_a_fixed_number_of_queries(client, login, ocmw_member, count_queries):
    b.candidate(ocmw_member)
    login(ocmw_member)
    db.session.expire_all()  # the test shares the session with the app: start each count cold
    with count_queries() as few:
        client.get("/candidates")
    for i in range(12):
        b.candidate(ocmw_member, first_name=f"P{i}")
    db.session.expire_all()
    with count_queries() as many:
        client.get("/candidates")
    assert len(few) == len(many)


@pytest.mark.parametrize("who", ["sie_member", "host_member", "participant", "admin"])
def test_list_refused_to_non_ocmw(client, login, request, who):
    login(request.getfixturevalue(who))
    assert client.get("/candidates").status_code == 403


def test_list_needs_login(client):
    assert client.get("/candidates").status_code in (302, 401)


def test_detail_shows_personal_data_no_store_and_audits(client, login, ocmw_member):
    candidate = b.candidate(ocmw_member)
    login(ocmw_member)
    response = client.get(f"/candidates/{candidate.id}")
    page = response.get_data(as_text=True)
    assert "Amina B." in page and "DOS-2026-001" in page and "Confidential note" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert db.session.query(AuditEntry).filter_by(action="candidate.read", subject_id=candidate.id).count() == 1


@pytest.mark.parametrize("who", ["other_ocmw_member", "sie_member", "host_member", "participant", "admin"])
def test_detail_edit_revoke_erase_are_404_to_others(client, login, request, ocmw_member, who):
    candidate = b.candidate(ocmw_member)
    login(request.getfixturevalue(who))
    assert client.get(f"/candidates/{candidate.id}").status_code == 404
    assert client.get(f"/candidates/{candidate.id}/edit").status_code == 404
    client.application.config["WTF_CSRF_ENABLED"] = False
    assert client.post(f"/candidates/{candidate.id}/revoke").status_code == 404
    assert client.post(f"/candidates/{candidate.id}/erase").status_code == 404
    fresh = db.session.get(Candidate, candidate.id)
    assert fresh.first_name == "Amina" and fresh.consent_revoked_at is None


def test_create_through_the_form_requires_consent(client, login, ocmw_member, csrf_token):
    login(ocmw_member)
    token = csrf_token("/candidates/new")
    data = {"csrf_token": token, "first_name": "Lotte", "last_initial": "V", "commune": "anderlecht",
            "consent_date": "2026-11-01"}
    response = client.post("/candidates/new", data=data)
    assert response.status_code == 422 and "consent" in response.get_data(as_text=True)
    assert db.session.query(Candidate).count() == 0
    response = client.post("/candidates/new", data={**data, "consent": "y"})
    assert response.status_code == 302
    candidate = db.session.query(Candidate).one()
    assert candidate.consent_recorded_by_id == ocmw_member.id


def test_edit_revoke_and_erase_buttons(client, login, ocmw_member, csrf_token):
    candidate = b.candidate(ocmw_member)
    login(ocmw_member)
    page = client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert "data-confirm" in page
    token = csrf_token(f"/candidates/{candidate.id}/edit")
    client.post(f"/candidates/{candidate.id}/edit", data={"csrf_token": token, "first_name": "Amira",
                                                         "last_initial": "B", "commune": "jette"})
    assert db.session.get(Candidate, candidate.id).first_name == "Amira"
    client.post(f"/candidates/{candidate.id}/revoke", data={"csrf_token": token})
    assert db.session.get(Candidate, candidate.id).consent_revoked_at is not None
    client.post(f"/candidates/{candidate.id}/erase", data={"csrf_token": token})
    assert db.session.get(Candidate, candidate.id).is_erased
    assert client.post(f"/candidates/{candidate.id}/erase").status_code == 400  # no CSRF token


def test_audit_log_page_for_the_ocmws_admins_only(client, login, ocmw_member, ocmw_admin, other_ocmw_member):
    b.candidate(ocmw_member)
    login(ocmw_admin)
    page = client.get("/audit").get_data(as_text=True)
    assert "candidate.create" in page
    login(ocmw_member)
    assert client.get("/audit").status_code == 403
    login(other_ocmw_member)
    assert client.get("/audit").status_code == 403


@pytest.mark.parametrize("path", ["/candidates/1", "/candidates/new", "/candidates/1/edit", "/referrals/1", "/audit"])
def test_confidential_pages_need_login(client, ocmw_member, path):
    b.candidate(ocmw_member)
    response = client.get(path)
    assert response.status_code in (302, 401)
    assert "Amina" not in response.get_data(as_text=True)


def test_audit_page_runs_a_fixed_number_of_queries(client, login, ocmw_member, ocmw_admin, count_queries):
    from portal.referrals import queries

    candidate = b.candidate(ocmw_member)
    login(ocmw_admin)
    db.session.expire_all()
    with count_queries() as few:
        client.get("/audit")
    for _ in range(8):
        queries.candidate_record(ocmw_member, candidate.id)
    db.session.expire_all()
    with count_queries() as many:
        client.get("/audit")
    assert len(few) == len(many)
