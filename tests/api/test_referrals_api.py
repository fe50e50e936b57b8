"""API contract of candidates and referrals (API.md "Candidates and referrals")."""
import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.referrals.models import Candidate, Referral
from tests.referrals import builders as b

NEW_CANDIDATE = {"reference": "DOS-1", "first_name": "Amina", "last_initial": "B", "birth_year": 1990,
                 "languages": ["fr"], "skills": "Bakery", "commune": "anderlecht", "available_from": "2026-12-01",
                 "consent": True, "consent_date": "2026-11-01", "notes": "Private"}


def _setup(app, ocmw_member, host_member):
    with app.test_request_context():
        offer = b.offer(host_member)
        candidate = b.candidate(ocmw_member)
    return offer, candidate


def test_create_candidate_and_read_it_back(client, ocmw_member, auth_headers):
    headers = auth_headers(ocmw_member)
    response = client.post("/api/v1/candidates", json=NEW_CANDIDATE, headers=headers)
    assert response.status_code == 201, response.json
    for key, value in NEW_CANDIDATE.items():
        assert response.json[key] == value
    assert client.get(f"/api/v1/candidates/{response.json['id']}", headers=headers).json == response.json
    listed = client.get("/api/v1/candidates", headers=headers).json
    assert listed["total"] == 1 and listed["items"][0]["notes"] == "Private"
    actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions == ["candidate.create", "candidate.read", "candidate.list"]


@pytest.mark.parametrize("consent", [False, None, "yes"])
def test_candidate_without_consent_is_422(client, ocmw_member, auth_headers, consent):
    payload = {**NEW_CANDIDATE, "consent": consent}
    if consent is None:
        del payload["consent"]
    response = client.post("/api/v1/candidates", json=payload, headers=auth_headers(ocmw_member))
    assert response.status_code == 422 and "consent" in response.json["error"]["fields"]
    assert db.session.query(Candidate).count() == 0


@pytest.mark.parametrize("field, value", [("consent_date", "2999-01-01"), ("commune", "paris"),
                                          ("languages", ["zz"]), ("first_name", ""), ("birth_year", "1990")])
def test_candidate_bad_input_is_422(client, ocmw_member, auth_headers, field, value):
    response = client.post("/api/v1/candidates", json={**NEW_CANDIDATE, field: value},
                           headers=auth_headers(ocmw_member))
    assert response.status_code == 422 and field in response.json["error"]["fields"]


@pytest.mark.parametrize("who", ["other_ocmw_member", "sie_member", "host_member", "participant", "admin"])
def test_candidate_is_404_to_everyone_else(app, client, ocmw_member, host_member, auth_headers, request, who):
    _offer, candidate = _setup(app, ocmw_member, host_member)
    headers = auth_headers(request.getfixturevalue(who))
    url = f"/api/v1/candidates/{candidate.id}"
    assert client.get(url, headers=headers).status_code == 404
    assert client.delete(url, headers=headers).status_code == 404
    assert client.post(f"{url}/consent/revoke", headers=headers).status_code == 404
    listed = client.get("/api/v1/candidates", headers=headers)
    if who == "other_ocmw_member":
        assert listed.status_code == 200 and listed.json["total"] == 0
    else:
        assert listed.status_code == 404
    assert db.session.get(Candidate, candidate.id).first_name == "Amina"


def test_candidates_and_referrals_need_a_token(client):
    assert client.get("/api/v1/candidates").status_code == 401
    assert client.post("/api/v1/candidates", json=NEW_CANDIDATE).status_code == 401
    assert client.get("/api/v1/referrals").status_code == 401
    assert client.get("/api/v1/referrals/1").status_code == 401
    assert client.post("/api/v1/referrals", json={"candidate_id": 1, "offer_id": 1}).status_code == 401


def test_refer_then_receiver_sees_limited_fields(app, client, ocmw_member, host_member, auth_headers):
    offer, candidate = _setup(app, ocmw_member, host_member)
    response = client.post("/api/v1/referrals", json={"candidate_id": candidate.id, "offer_id": offer.id,
                                                      "message": "Motivated"}, headers=auth_headers(ocmw_member))
    assert response.status_code == 201 and response.json["status"] == "submitted"
    assert response.json["candidate"]["reference"] == "DOS-2026-001"  # the sender sees everything
    seen = client.get(f"/api/v1/referrals/{response.json['id']}", headers=auth_headers(host_member)).json
    assert set(seen) >= {"id", "status", "offer", "candidate", "history", "placement", "notes"}
    assert seen["candidate"]["first_name"] == "Amina" and seen["candidate"]["languages"] == ["fr", "ar"]
    for hidden in ("reference", "birth_year", "notes"):
        assert hidden not in seen["candidate"]
    assert seen["history"][0]["from"] is None and seen["history"][0]["to"] == "submitted"
    reads = db.session.query(AuditEntry).filter_by(action="candidate.read",
                                                   organisation_id=candidate.organisation_id).order_by(AuditEntry.id).all()
    # the 201 showed the sender the candidate, the GET the receiver: one audited read each
    assert [(entry.actor_id, entry.details["side"]) for entry in reads] == [
        (ocmw_member.id, "sending"), (host_member.id, "receiving")]


def test_the_answer_to_a_move_is_the_audited_read_of_the_movers_side(
        app, client, ocmw_member, host_member, auth_headers):
    """A move's 200 goes through the one audited read: the receiving side's limited view of
    the candidate, and an audit entry of that read for the candidate's OCMW."""
    offer, candidate = _setup(app, ocmw_member, host_member)
    created = client.post("/api/v1/referrals", json={"candidate_id": candidate.id, "offer_id": offer.id},
                          headers=auth_headers(ocmw_member)).json
    before = db.session.query(AuditEntry).filter_by(action="candidate.read").count()
    moved = client.post(f"/api/v1/referrals/{created['id']}/transitions", json={"to": "in_review"},
                        headers=auth_headers(host_member))
    assert moved.status_code == 200 and moved.json["status"] == "in_review"
    for hidden in ("reference", "birth_year", "notes"):
        assert hidden not in moved.json["candidate"]
    assert [m["to"] for m in moved.json["history"]] == ["submitted", "in_review"]
    entries = db.session.query(AuditEntry).filter_by(action="candidate.read").order_by(AuditEntry.id).all()
    assert len(entries) == before + 1
    assert entries[-1].actor_id == host_member.id and entries[-1].details["side"] == "receiving"


def test_refer_refusals(app, client, ocmw_member, other_ocmw_member, host_member, auth_headers):
    offer, candidate = _setup(app, ocmw_member, host_member)
    with app.test_request_context():
        theirs = b.candidate(other_ocmw_member)
        draft = b.offer(host_member, status="draft")
    headers = auth_headers(ocmw_member)
    post = lambda body: client.post("/api/v1/referrals", json=body, headers=headers)  # noqa: E731
    assert post({"candidate_id": theirs.id, "offer_id": offer.id}).status_code == 404
    assert post({"candidate_id": candidate.id, "offer_id": draft.id}).status_code == 404
    assert post({"candidate_id": candidate.id, "offer_id": offer.id}).status_code == 201
    assert post({"candidate_id": candidate.id, "offer_id": offer.id}).status_code == 409
    assert post({"candidate_id": "x", "offer_id": offer.id}).status_code == 422
    client.post(f"/api/v1/candidates/{candidate.id}/consent/revoke", headers=headers)
    with app.test_request_context():
        other_offer = b.offer(host_member, title="Other")
    assert post({"candidate_id": candidate.id, "offer_id": other_offer.id}).status_code == 409
    assert db.session.query(Referral).count() == 1


def test_unknown_key_in_body_is_refused(app, client, ocmw_member, host_member, auth_headers):
    offer, candidate = _setup(app, ocmw_member, host_member)
    response = client.post("/api/v1/referrals", json={"candidate_id": candidate.id, "offer_id": offer.id,
                                                      "status": "accepted"}, headers=auth_headers(ocmw_member))
    assert response.status_code == 422 and "status" in response.json["error"]["fields"]
    response = client.post("/api/v1/candidates", json={**NEW_CANDIDATE, "organisation_id": 99},
                           headers=auth_headers(ocmw_member))
    assert response.status_code == 422 and "organisation_id" in response.json["error"]["fields"]
    assert db.session.query(Referral).count() == 0


@pytest.mark.parametrize("who", ["sie_member", "host_member", "participant"])
def test_only_ocmws_refer(app, client, ocmw_member, host_member, auth_headers, request, who):
    offer, candidate = _setup(app, ocmw_member, host_member)
    response = client.post("/api/v1/referrals", json={"candidate_id": candidate.id, "offer_id": offer.id},
                           headers=auth_headers(request.getfixturevalue(who)))
    assert response.status_code == 403


def _referral(app, ocmw_member, host_member):
    offer, candidate = _setup(app, ocmw_member, host_member)
    with app.test_request_context():
        return b.referral(ocmw_member, candidate, offer)


def test_transitions_403_409_and_200(app, client, ocmw_member, host_member, auth_headers):
    referral = _referral(app, ocmw_member, host_member)
    url = f"/api/v1/referrals/{referral.id}/transitions"
    ocmw, host = auth_headers(ocmw_member), auth_headers(host_member)
    assert client.post(url, json={"to": "accepted"}, headers=ocmw).status_code == 403
    assert client.post(url, json={"to": "started", "date": "2026-01-05"}, headers=host).status_code == 409
    assert client.post(url, json={"to": "teleported"}, headers=host).status_code == 422
    response = client.post(url, json={"to": "accepted", "comment": "Welcome"}, headers=host)
    assert response.status_code == 200 and response.json["status"] == "accepted"
    assert client.post(url, json={"to": "withdrawn"}, headers=ocmw).status_code == 409
    assert client.post(url, json={"to": "started"}, headers=ocmw).status_code == 422
    assert client.post(url, json={"to": "started", "date": "2021-03-01"}, headers=ocmw).status_code == 200
    bad = client.post(url, json={"to": "ended", "date": "2021-02-01", "outcome": "hired"}, headers=host)
    assert bad.status_code == 422 and "date" in bad.json["error"]["fields"]
    assert client.post(url, json={"to": "ended", "date": "2021-09-01", "outcome": "astronaut"},
                       headers=host).status_code == 422
    done = client.post(url, json={"to": "ended", "date": "2021-09-01", "outcome": "hired"}, headers=host).json
    assert done["placement"]["ended_on"] == "2021-09-01" and done["placement"]["outcome"] == "hired"
    assert [(h["from"], h["to"]) for h in done["history"]] == [
        (None, "submitted"), ("submitted", "accepted"), ("accepted", "started"), ("started", "ended")]
    assert done["history"][1]["comment"] == "Welcome" and done["history"][1]["by"]["id"] == host_member.id


@pytest.mark.parametrize("who", ["other_ocmw_member", "sie_member", "participant", "admin"])
def test_non_parties_get_404_on_every_referral_route(app, client, ocmw_member, host_member, auth_headers,
                                                     request, who):
    referral = _referral(app, ocmw_member, host_member)
    headers = auth_headers(request.getfixturevalue(who))
    base = f"/api/v1/referrals/{referral.id}"
    assert client.get(base, headers=headers).status_code == 404
    assert client.post(f"{base}/transitions", json={"to": "accepted"}, headers=headers).status_code == 404
    assert client.patch(f"{base}/placement", json={"job_coach": "x"}, headers=headers).status_code == 404
    assert client.post(f"{base}/notes", json={"on": "2026-01-01", "text": "x"}, headers=headers).status_code == 404
    assert client.get("/api/v1/referrals", headers=headers).json.get("total", 0) == 0
    assert db.session.get(Referral, referral.id).status == "submitted"


def test_boxes(app, client, ocmw_member, host_member, auth_headers):
    _referral(app, ocmw_member, host_member)
    assert client.get("/api/v1/referrals?box=sent", headers=auth_headers(ocmw_member)).json["total"] == 1
    assert client.get("/api/v1/referrals?box=received", headers=auth_headers(ocmw_member)).json["total"] == 0
    received = client.get("/api/v1/referrals?box=received&status=submitted", headers=auth_headers(host_member)).json
    assert received["total"] == 1 and "reference" not in received["items"][0]["candidate"]
    assert client.get("/api/v1/referrals?box=all", headers=auth_headers(host_member)).status_code == 422


def test_placement_and_notes(app, client, ocmw_member, host_member, auth_headers):
    referral = _referral(app, ocmw_member, host_member)
    base = f"/api/v1/referrals/{referral.id}"
    host, ocmw = auth_headers(host_member), auth_headers(ocmw_member)
    assert client.patch(f"{base}/placement", json={"job_coach": "Jan"}, headers=ocmw).status_code == 409
    client.post(f"{base}/transitions", json={"to": "accepted"}, headers=host)
    client.post(f"{base}/transitions", json={"to": "started", "date": "2026-01-05"}, headers=host)
    response = client.patch(f"{base}/placement", json={"agreement_signed_on": "2025-12-20", "planned_end": "2027-01-04",
                                                       "hours_per_week": 38, "job_coach": "Jan"}, headers=ocmw)
    assert response.status_code == 200, response.json
    assert response.json["placement"]["job_coach"] == "Jan" and response.json["placement"]["hours_per_week"] == 38
    response = client.patch(f"{base}/placement", json={"supervisor": "Marie"}, headers=host)
    assert response.json["placement"]["supervisor"] == "Marie" and response.json["placement"]["job_coach"] == "Jan"
    late = client.patch(f"{base}/placement", json={"agreement_signed_on": "2026-02-01"}, headers=host)
    assert late.status_code == 422 and "agreement_signed_on" in late.json["error"]["fields"]
    assert client.patch(f"{base}/placement", json={"planned_end": "2025-01-01"}, headers=host).status_code == 422
    assert client.patch(f"{base}/placement", json={"hours_per_week": 0}, headers=host).status_code == 422
    assert client.patch(f"{base}/placement", json={"started_on": "2020-01-01"}, headers=host).status_code == 422
    note = client.post(f"{base}/notes", json={"on": "2026-02-01", "text": "Goede start"}, headers=host)
    assert note.status_code == 201 and note.json["text"] == "Goede start" and note.json["on"] == "2026-02-01"
    assert client.post(f"{base}/notes", json={"on": "2026-02-01", "text": ""}, headers=host).status_code == 422
    seen = client.get(base, headers=ocmw).json
    assert [n["text"] for n in seen["notes"]] == ["Goede start"]


def test_erase_via_api_keeps_referral(app, client, ocmw_member, host_member, auth_headers):
    referral = _referral(app, ocmw_member, host_member)
    candidate_id = db.session.get(Referral, referral.id).candidate_id
    assert client.delete(f"/api/v1/candidates/{candidate_id}", headers=auth_headers(ocmw_member)).status_code == 204
    seen = client.get(f"/api/v1/referrals/{referral.id}", headers=auth_headers(host_member)).json
    assert seen["candidate"]["withheld"] is True and seen["candidate"]["first_name"] is None
    body = client.get(f"/api/v1/candidates/{candidate_id}", headers=auth_headers(ocmw_member)).json
    assert body["erased"] is True and body["first_name"] == "" and body["birth_year"] is None
