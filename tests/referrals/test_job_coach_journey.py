"""The issue's "done when", through the API: from "this person speaks Arabic and French and lives
in Molenbeek" to a referral, an interview in both calendars and a placement with its reason on
record, without leaving Tandem."""
from datetime import timedelta

from portal.core.types import BRUSSELS, utcnow
from portal.referrals.models import brussels_today
from tests.referrals import builders as b


def test_from_a_person_to_a_placement_with_its_reason(client, ocmw_member, host_member, host, auth_headers, mailbox):
    coach, employer = auth_headers(ocmw_member), auth_headers(host_member)
    kitchen = b.offer(host_member, title="Hulpkok", commune="molenbeek-saint-jean-sint-jans-molenbeek",
                      function="kitchen_help", languages=["fr", "ar"])
    b.offer(host_member, title="Elders", commune="uccle-ukkel", function="it_support", languages=["nl"])
    today = brussels_today()
    person = client.post("/api/v1/candidates", headers=coach, json={
        "first_name": "Samira", "last_initial": "E", "languages": ["ar", "fr"], "skills": "Cuisine familiale, plonge",
        "commune": "molenbeek-saint-jean-sint-jans-molenbeek",
        "consent": {"given_on": today.isoformat(), "expires_on": (today + timedelta(days=365)).isoformat()}}).json

    [best] = client.get(f"/api/v1/candidates/{person['id']}/suggested-offers", headers=coach).json["items"]
    assert best["offer"]["id"] == kitchen.id and "same_commune" in best["reasons"]

    referral = client.post("/api/v1/referrals", headers=coach,
                           json={"candidate_id": person["id"], "offer_id": kitchen.id}).json
    at = (utcnow() + timedelta(days=3)).astimezone(BRUSSELS).replace(hour=10, minute=0, second=0, microsecond=0)
    mailbox.clear()
    moved = client.post(f"/api/v1/referrals/{referral['id']}/transitions", headers=employer,
                        json={"to": "interview", "at": at.isoformat(), "place": "Chaussée de Gand 1"})
    assert moved.status_code == 200
    invited = {m["To"] for m in mailbox if any(p.get_content_type() == "text/calendar" for p in m.iter_attachments())}
    assert invited == {ocmw_member.email, host_member.email}  # both calendars

    for body in ({"to": "accepted"}, {"to": "started", "date": today.isoformat()},
                 {"to": "ended", "date": today.isoformat(), "outcome": "broken_off", "reason": "health"}):
        assert client.post(f"/api/v1/referrals/{referral['id']}/transitions", headers=employer,
                           json=body).status_code == 200
    report = client.get("/api/v1/reports/placements", headers=employer,
                        query_string={"year": today.year, "organisation_id": host.id}).json
    assert report["broken_off_by_reason"]["health"] == 1
