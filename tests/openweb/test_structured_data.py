"""schema.org Event JSON-LD on study-day pages: it parses, carries the fields search engines
need, follows the day's status, and a title cannot end the <script> element."""
import json

from portal.core.types import BRUSSELS
from portal.extensions import db
from tests.events import helpers as event_helpers
from tests.openweb.page import Page


def json_ld(client, event_id):
    response = client.get(f"/events/{event_id}?lang=fr")
    assert response.status_code == 200
    page = Page(response.get_data(as_text=True))
    assert len(page.json_ld) == 1
    return json.loads(page.json_ld[0]), response.get_data(as_text=True)


def test_a_study_day_page_describes_the_event(client, public_world, partner):
    event = public_world["event"]
    event.co_organisers = [partner]
    db.session.commit()
    data, _html = json_ld(client, event.id)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == event.title and data["description"] == "Een studiedag."
    assert data["startDate"] == event.starts_at.astimezone(BRUSSELS).isoformat()
    assert data["startDate"].endswith(("+01:00", "+02:00")) and data["endDate"] > data["startDate"]
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {"@type": "Place", "name": "Brussels Parlement", "address": {
        "@type": "PostalAddress", "streetAddress": "Lombardstraat 69, 1000 Brussel", "addressRegion": "Brussels",
        "addressCountry": "BE"}}
    assert [o["name"] for o in data["organizer"]] == ["FeBISP", "Tracé Brussel"]
    assert data["url"] == f"http://localhost/events/{event.id}"
    assert data["offers"]["availability"] == "https://schema.org/InStock" and data["offers"]["price"] == 0


def test_a_cancelled_day_says_so(client, federation):
    event = event_helpers.event(organiser=federation, status="cancelled")
    data, _html = json_ld(client, event.id)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in data


def test_a_title_cannot_close_the_script_element(client, federation):
    title = "Dag </script><script>alert(1)</script> & <!-- co"
    event = event_helpers.event(organiser=federation, title=title)
    data, html = json_ld(client, event.id)
    assert data["name"] == title
    assert "</script><script>alert(1)" not in html and "<!-- co" not in html


def test_pages_other_than_study_days_carry_none(client, public_world):
    page = Page(client.get(f"/offers/{public_world['offer'].id}").get_data(as_text=True))
    assert page.json_ld == []
