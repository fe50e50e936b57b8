"""Conditional GETs on the calendars: strong ETag and Last-Modified from one cheap query;
a 304 never builds the calendar; malformed headers are ignored."""
import pytest

from portal.accounts.feed_tokens import ensure_feed_secret, feed_token
from portal.core import cache
from portal.events import services
from portal.extensions import db
from tests import factories
from tests.events import helpers


@pytest.fixture
def feed_paths(partner, participant):
    event = helpers.event(partner)
    helpers.agenda_item(event)
    services.register(participant, event.id)
    return {
        "event": f"/events/{event.id}.ics",
        "public": "/calendar/events.ics",
        "personal": f"/calendar/{feed_token(participant)}.ics",
        "event_id": event.id,
    }


@pytest.mark.parametrize("kind", ["event", "public", "personal"])
def test_feed_answers_with_strong_etag_and_last_modified(client, feed_paths, kind):
    response = client.get(feed_paths[kind])
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response.headers["Last-Modified"].endswith("GMT")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.parametrize("kind,cold,queries", [
    ("event", True, 1), ("public", True, 1), ("personal", True, 2),
    # the event and public validators are kept per events version (portal/core/cache.py): a
    # repeated 304 reads only the version counters, on a connection of their own
    ("event", False, 0), ("public", False, 0),
])
def test_if_none_match_gives_304_without_building_the_calendar(client, feed_paths, count_queries, kind, cold,
                                                               queries):
    etag = client.get(feed_paths[kind]).headers["ETag"]
    db.session.expunge_all()  # as a fresh request: nothing cached in the session
    if cold:
        cache.clear()
    with count_queries() as statements:
        response = client.get(feed_paths[kind], headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    # The validator query (and, for the personal feed, the token's owner) only.
    assert len(statements) == queries, statements
    assert not any("agenda_items" in s for s in statements)


@pytest.mark.parametrize("kind", ["event", "public", "personal"])
def test_if_modified_since_gives_304(client, feed_paths, kind):
    last_modified = client.get(feed_paths[kind]).headers["Last-Modified"]
    assert client.get(feed_paths[kind], headers={"If-Modified-Since": last_modified}).status_code == 304


@pytest.mark.parametrize("headers", [
    {"If-None-Match": "garbage, \"unterminated"}, {"If-Modified-Since": "yesterday-ish"},
    {"If-Modified-Since": "Mon, 99 Foo 2023 25:61:61 GMT"}, {"If-None-Match": ""}, {"If-None-Match": "W/"},
])
def test_malformed_conditional_headers_are_ignored(client, feed_paths, headers):
    response = client.get(feed_paths["public"], headers=headers)
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.data


def test_a_stale_etag_gets_the_new_calendar_after_a_change(client, feed_paths, app):
    old = client.get(feed_paths["public"]).headers["ETag"]
    event = db.session.get(__import__("portal.events.models", fromlist=["Event"]).Event, feed_paths["event_id"])
    services.update_event(factories.user("root@tandem.test", is_admin=True), event.id, {"title": "Nieuwe titel"})
    response = client.get(feed_paths["public"], headers={"If-None-Match": old})
    assert response.status_code == 200
    assert response.headers["ETag"] != old
    assert b"Nieuwe titel" in response.data


def test_a_new_registration_changes_the_personal_feed_validator(client, feed_paths, partner, participant):
    old = client.get(feed_paths["personal"]).headers["ETag"]
    services.register(participant, helpers.event(partner, title="Tweede dag").id)
    response = client.get(feed_paths["personal"], headers={"If-None-Match": old})
    assert response.status_code == 200
    assert b"Tweede dag" in response.data


def test_public_feed_runs_a_fixed_number_of_queries(client, partner, count_queries):
    for _ in range(2):
        helpers.agenda_item(helpers.event(partner))
    with count_queries() as few:
        client.get("/calendar/events.ics")
    for _ in range(6):
        helpers.agenda_item(helpers.event(partner))
    with count_queries() as many:
        client.get("/calendar/events.ics")
    assert len(few) == len(many)


def test_a_draft_event_ics_is_404_for_strangers(client, partner):
    draft = helpers.event(partner, status="draft")
    assert client.get(f"/events/{draft.id}.ics").status_code == 404
    assert client.get("/events/999999.ics").status_code == 404


def test_personal_feed_of_a_user_without_registrations_is_empty_but_valid(client, participant):
    ensure_feed_secret(participant)
    db.session.commit()
    response = client.get(f"/calendar/{feed_token(participant)}.ics")
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.data and b"BEGIN:VEVENT" not in response.data
