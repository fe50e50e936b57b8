"""Reasons (API.md §6.4): a decline, a withdrawal and a placement broken off say why, from one
fixed list; the reports count them, with small-number suppression in the network view."""
from datetime import date

import pytest

from portal.core.choices import CLOSE_REASONS
from portal.extensions import db
from portal.referrals.models import Placement, Referral, ReferralMove
from tests.referrals import builders as b


def transition(client, headers, referral, **body):
    return client.post(f"/api/v1/referrals/{referral.id}/transitions", json=body, headers=headers)


def history_length(referral):
    return db.session.query(ReferralMove).filter_by(referral_id=referral.id).count()


@pytest.mark.parametrize("who, to", [("host_member", "declined"), ("ocmw_member", "withdrawn")])
@pytest.mark.parametrize("reason", [None, "", "busy", "NO_CAPACITY"])
def test_a_close_without_a_reason_from_the_list_is_422_and_changes_nothing(
        client, request, ocmw_member, host_member, auth_headers, who, to, reason):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    body = {"to": to} if reason is None else {"to": to, "reason": reason}
    response = transition(client, auth_headers(request.getfixturevalue(who)), referral, **body)
    assert response.status_code == 422 and "reason" in response.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.get(Referral, referral.id).status == "submitted" and history_length(referral) == 1


def test_a_decline_keeps_its_reason_in_the_history_and_on_the_referral(client, ocmw_member, host_member,
                                                                         auth_headers):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    response = transition(client, auth_headers(host_member), referral, to="declined", reason="no_capacity")
    assert response.status_code == 200, response.json
    assert response.json["history"][-1]["reason"] == "no_capacity"
    assert db.session.get(Referral, referral.id).close_reason == "no_capacity"


def test_a_placement_broken_off_needs_a_reason_and_other_outcomes_keep_none(ocmw_member, host_member, client,
                                                                             auth_headers):
    referral = b.placed(ocmw_member, host_member)
    headers = auth_headers(ocmw_member)
    refused = transition(client, headers, referral, to="ended", date="2026-03-01", outcome="broken_off")
    assert refused.status_code == 422 and "reason" in refused.json["error"]["fields"]
    done = transition(client, headers, referral, to="ended", date="2026-03-01", outcome="broken_off", reason="health")
    assert done.status_code == 200 and done.json["placement"]["end_reason"] == "health"
    other = b.placed(ocmw_member, host_member)
    ended = transition(client, headers, other, to="ended", date="2026-03-01", outcome="hired", reason="health")
    assert ended.status_code == 200 and ended.json["placement"]["end_reason"] is None  # hired takes no reason


def test_a_move_that_takes_no_reason_keeps_none(ocmw_member, host_member):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    b.move(host_member, referral, "in_review", reason="health")
    assert db.session.query(ReferralMove).filter_by(referral_id=referral.id, to_status="in_review").one().reason is None


def test_the_page_offers_the_reasons_and_shows_them_in_the_history(client, login, ocmw_member, host_member,
                                                                  csrf_token):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    login(host_member)
    page = client.get(f"/referrals/{referral.id}?lang=en").get_data(as_text=True)
    assert 'name="reason" required' in page and "Profile does not match the job" in page
    token = csrf_token(f"/referrals/{referral.id}")
    refused = client.post(f"/referrals/{referral.id}/transitions?lang=en",
                          data={"csrf_token": token, "to": "declined", "reason": ""}, follow_redirects=True)
    assert "Choose the reason from the list." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Referral, referral.id).status == "submitted"  # flashed, nothing changed
    client.post(f"/referrals/{referral.id}/transitions",
                data={"csrf_token": token, "to": "declined", "reason": "language"})
    page = client.get(f"/referrals/{referral.id}?lang=en").get_data(as_text=True)
    assert "Reason: Language" in page


def _declined_in(year, host_member, ocmw_member, reason, how_many):
    for _ in range(how_many):
        referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
        b.move(host_member, referral, "declined", reason=reason)
        referral.closed_on = date(year, 5, 1)
    db.session.commit()


def test_the_report_counts_declines_and_break_offs_by_reason(client, ocmw_member, host_member, host, auth_headers):
    _declined_in(2025, host_member, ocmw_member, "no_capacity", 2)
    _declined_in(2025, host_member, ocmw_member, "language", 1)
    _declined_in(2024, host_member, ocmw_member, "language", 1)  # another year
    referral = b.placed(ocmw_member, host_member, started=date(2025, 1, 6))
    b.move(host_member, referral, "ended", date=date(2025, 2, 1), outcome="broken_off", reason="health")
    body = client.get("/api/v1/reports/placements", query_string={"year": 2025, "organisation_id": host.id},
                      headers=auth_headers(host_member)).json
    assert body["declined_by_reason"] == {**dict.fromkeys(CLOSE_REASONS.codes, 0), "no_capacity": 2, "language": 1}
    assert body["broken_off_by_reason"] == {**dict.fromkeys(CLOSE_REASONS.codes, 0), "health": 1}


def test_the_network_view_suppresses_reasons_under_five(client, ocmw_member, host_member, admin, auth_headers):
    _declined_in(2025, host_member, ocmw_member, "no_capacity", 5)
    _declined_in(2025, host_member, ocmw_member, "language", 2)
    body = client.get("/api/v1/reports/placements", query_string={"year": 2025}, headers=auth_headers(admin)).json
    assert body["declined_by_reason"]["no_capacity"] == 5
    assert body["declined_by_reason"]["language"] is None and body["suppressed"] is True


def test_the_reasons_tables_are_on_the_page_and_in_csv(client, login, ocmw_member, host_member):
    _declined_in(2025, host_member, ocmw_member, "unreachable", 1)
    login(host_member)
    page = client.get("/reports?year=2025&lang=en").get_data(as_text=True)
    assert 'id="table-declined_reasons"' in page and 'id="table-broken_off_reasons"' in page
    csv = client.get("/reports/declined_reasons.csv?year=2025&lang=en")
    assert csv.status_code == 200 and "unreachable,Candidate could not be reached,1" in csv.get_data(as_text=True)
    assert db.session.query(Placement).count() == 0
