"""Calendars kept exactly (portal/events/feeds.py): a full download is built once per
validator and data version, every change shows at once, and two people's feeds stay apart."""
import pytest

from portal.accounts.feed_tokens import ensure_feed_secret, feed_token
from portal.events import services
from portal.events.models import Event
from portal.extensions import db
from tests.events import helpers


@pytest.fixture
def day(partner, participant):
    event = helpers.event(partner, title="Studiedag")
    helpers.agenda_item(event, title="Onthaal")
    services.register(participant, event.id)
    return event


def paths(event, person):
    return [f"/events/{event.id}.ics", f"/events/{event.id}.ics?detail=agenda", "/calendar/events.ics",
            f"/calendar/{feed_token(person)}.ics"]


def test_a_repeated_full_download_builds_nothing(client, day, participant, count_queries):
    for path in paths(day, participant):
        first = client.get(path)
        db.session.expunge_all()
        with count_queries() as statements:
            again = client.get(path)
        assert again.status_code == 200 and again.data == first.data, path
        assert statements == [], (path, statements)


def test_the_personal_feeds_304_reads_nothing_once_known(client, day, participant, count_queries):
    path = f"/calendar/{feed_token(participant)}.ics"
    etag = client.get(path).headers["ETag"]
    db.session.expunge_all()
    with count_queries() as statements:
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert statements == []


def test_every_change_shows_in_the_kept_calendars_at_once(client, admin, day, participant):
    event_id = day.id
    for path in paths(day, participant):
        assert b"Studiedag" in client.get(path).data
    services.update_event(admin, event_id, {"title": "Nieuwe titel"})
    for path in paths(db.session.get(Event, event_id), participant):
        body = client.get(path).data
        assert b"Nieuwe titel" in body and b"Studiedag" not in body, path
    helpers.agenda_item(db.session.get(Event, event_id), title="Slotwoord")
    assert b"Slotwoord" in client.get(f"/events/{event_id}.ics?detail=agenda").data
    services.cancel_registration(participant, event_id)
    assert b"Nieuwe titel" not in client.get(f"/calendar/{feed_token(participant)}.ics").data


def test_two_peoples_feeds_never_mix(client, partner, participant):
    other = helpers.people(1, "other")[0]
    ensure_feed_secret(other)
    db.session.commit()
    mine, theirs = helpers.event(partner, title="Mijn dag"), helpers.event(partner, title="Hun dag")
    services.register(participant, mine.id)
    services.register(other, theirs.id)
    for _ in range(2):  # computed, then kept: the same answer each time
        body = client.get(f"/calendar/{feed_token(participant)}.ics").data
        assert b"Mijn dag" in body and b"Hun dag" not in body
        body = client.get(f"/calendar/{feed_token(other)}.ics").data
        assert b"Hun dag" in body and b"Mijn dag" not in body


def test_a_new_feed_secret_kills_the_kept_token_at_once(client, day, participant):
    old = feed_token(participant)
    assert client.get(f"/calendar/{old}.ics").status_code == 200
    participant.feed_secret = None
    ensure_feed_secret(participant)
    db.session.commit()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{feed_token(participant)}.ics").status_code == 200
