"""Referral pages: refer from the offer page, the dashboard, the detail with each side's moves."""
from datetime import date, timedelta

import pytest

from portal.core.types import utcnow
from portal.extensions import db
from portal.referrals.models import Placement, Referral
from tests.referrals import builders as b


def test_refer_from_the_offer_page(client, login, ocmw_member, host_member, csrf_token, mailbox):
    offer, candidate = b.offer(host_member), b.candidate(ocmw_member)
    login(ocmw_member)
    token = csrf_token(f"/offers/{offer.id}")
    response = client.post("/referrals", data={"csrf_token": token, "offer_id": offer.id,
                                               "candidate_id": candidate.id, "message": "Hello"})
    referral = db.session.query(Referral).one()
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/referrals/{referral.id}")
    # a second referral while one is open: a clear message, nothing created
    response = client.post("/referrals", data={"csrf_token": token, "offer_id": offer.id,
                                               "candidate_id": candidate.id}, follow_redirects=True)
    assert "already has a pending referral" in response.get_data(as_text=True)
    assert db.session.query(Referral).count() == 1


def test_refer_another_ocmws_candidate_is_404(client, login, ocmw_member, other_ocmw_member, host_member,
                                              csrf_token):
    offer, theirs = b.offer(host_member), b.candidate(other_ocmw_member)
    login(ocmw_member)
    token = csrf_token(f"/offers/{offer.id}")
    response = client.post("/referrals", data={"csrf_token": token, "offer_id": offer.id, "candidate_id": theirs.id})
    assert response.status_code == 404 and db.session.query(Referral).count() == 0


def test_receiver_sees_limited_fields_and_only_its_moves(client, login, ocmw_member, host_member):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    login(host_member)
    response = client.get(f"/referrals/{referral.id}")
    page = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Amina B." in page and "Worked in a bakery." in page
    assert "DOS-2026-001" not in page and "1990" not in page and "Confidential note" not in page
    for move in ("in_review", "interview", "accepted", "declined"):
        assert f'name="to" value="{move}"' in page
    assert 'value="withdrawn"' not in page
    login(ocmw_member)
    page = client.get(f"/referrals/{referral.id}").get_data(as_text=True)
    assert 'name="to" value="withdrawn"' in page and 'value="accepted"' not in page


def test_moves_through_the_page_and_refusals_are_explained(client, login, ocmw_member, host_member, csrf_token):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    url = f"/referrals/{referral.id}"
    login(ocmw_member)
    token = csrf_token(url)
    page = client.post(f"{url}/transitions", data={"csrf_token": token, "to": "accepted"},
                       follow_redirects=True).get_data(as_text=True)
    assert "cannot move a referral" in page
    assert db.session.get(Referral, referral.id).status == "submitted"
    login(host_member)
    token = csrf_token(url)
    client.post(f"{url}/transitions", data={"csrf_token": token, "to": "accepted", "comment": "Welkom"})
    page = client.post(f"{url}/transitions", data={"csrf_token": token, "to": "started"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Give the date" in page
    client.post(f"{url}/transitions", data={"csrf_token": token, "to": "started", "date": "2026-01-05"})
    client.post(f"{url}/placement", data={"csrf_token": token, "agreement_signed_on": "2025-12-20",
                                          "planned_end": "2026-12-31", "hours_per_week": "38", "supervisor": "Marie"})
    client.post(f"{url}/notes", data={"csrf_token": token, "on": "2026-02-01", "text": "Goede start"})
    placement = db.session.query(Placement).one()
    assert placement.started_on == date(2026, 1, 5) and placement.supervisor == "Marie"
    page = client.get(url).get_data(as_text=True)
    assert "Goede start" in page and "Welkom" in page


@pytest.mark.parametrize("who", ["other_ocmw_member", "sie_member", "participant", "admin"])
def test_referral_pages_are_404_to_non_parties(client, login, request, ocmw_member, host_member, who):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    login(request.getfixturevalue(who))
    client.application.config["WTF_CSRF_ENABLED"] = False
    url = f"/referrals/{referral.id}"
    assert client.get(url).status_code == 404
    assert client.post(f"{url}/transitions", data={"to": "accepted"}).status_code == 404
    assert client.post(f"{url}/notes", data={"on": "2026-01-01", "text": "x"}).status_code == 404
    assert client.post(f"{url}/placement", data={"job_coach": "x"}).status_code == 404
    assert db.session.get(Referral, referral.id).status == "submitted"


@pytest.mark.parametrize("who", ["participant", "partner_member", "admin"])
def test_dashboard_refused_to_organisations_without_referrals(client, login, request, who):
    login(request.getfixturevalue(who))
    assert client.get("/referrals").status_code == 403


def test_dashboard_needs_login(client):
    assert client.get("/referrals").status_code in (302, 401)


def test_dashboards_show_inbox_outbox_overdue_and_ending_soon(client, login, ocmw_member, host_member):
    overdue = b.referral(ocmw_member, b.candidate(ocmw_member, first_name="Waiting"), b.offer(host_member))
    db.session.get(Referral, overdue.id).respond_by = utcnow() - timedelta(hours=1)
    running = b.placed(ocmw_member, host_member)
    db.session.query(Placement).filter_by(referral_id=running.id).one().planned_end = (
        utcnow().date() + timedelta(days=10))
    db.session.commit()
    login(host_member)
    page = client.get("/referrals").get_data(as_text=True)
    assert "Overdue" in page and "Waiting B." in page
    assert "Placements ending in the next 30 days" in page and f"/referrals/{running.id}" in page
    login(ocmw_member)
    response = client.get("/referrals")
    page = response.get_data(as_text=True)
    assert "Overdue" in page and "Waiting B." in page
    assert response.headers["Cache-Control"] == "no-store"


def test_dashboard_runs_a_fixed_number_of_queries(client, login, ocmw_member, host_member, count_queries):
    b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    login(host_member)
    db.session.expire_all()
    with count_queries() as few:
        client.get("/referrals")
    for i in range(6):
        b.placed(ocmw_member, host_member)
        b.referral(ocmw_member, b.candidate(ocmw_member, first_name=f"C{i}"), b.offer(host_member, title=f"T{i}"))
    db.session.expire_all()
    with count_queries() as many:
        client.get("/referrals")
    assert len(few) == len(many)


def test_referral_detail_runs_a_fixed_number_of_queries(client, login, ocmw_member, host_member, count_queries):
    referral = b.placed(ocmw_member, host_member)
    login(host_member)
    db.session.expire_all()
    with count_queries() as few:
        client.get(f"/referrals/{referral.id}")
    from portal.referrals.services import add_note

    b.move(host_member, referral, "ended", date=date(2026, 3, 1), outcome="hired")
    for i in range(5):
        add_note(ocmw_member, referral.id, {"on": date(2026, 2, i + 1), "text": f"note {i}"})
    db.session.expire_all()
    with count_queries() as many:
        client.get(f"/referrals/{referral.id}")
    assert len(few) == len(many)


def test_move_mails_the_other_party_in_its_language_without_confidential_fields(client, ocmw, host_member, mailbox):
    from tests.factories import member

    french = member(ocmw, "fr@ocmw.test", language="fr")
    referral = b.referral(french, b.candidate(french), b.offer(host_member))
    mailbox.clear()
    b.move(host_member, referral, "in_review")
    assert [m["To"] for m in mailbox] == [french.email]
    body = mailbox[0].get_content()
    assert "Amina B." in body and "DOS-2026-001" not in body and "Confidential note" not in body
    assert f"/referrals/{referral.id}" in body
