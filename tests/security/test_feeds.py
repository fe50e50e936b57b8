"""Garbage conditional headers on all three calendars (the public feed's basic cases are in
tests/events/test_feeds_http.py): ignored, so the calendar is sent (200), never a 500."""
import pytest

from portal.accounts.feed_tokens import feed_token
from portal.events import services
from tests.events import helpers

GARBAGE = [
    {"If-None-Match": "x" * 8000}, {"If-None-Match": '"' * 50}, {"If-None-Match": "W/\"a\", ,,, \"b"},
    {"If-None-Match": "\"é\"".encode().decode("latin-1")}, {"If-Modified-Since": "0"},
    {"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"}, {"If-Modified-Since": "-1"},
    {"If-Modified-Since": "Mon, 31 Feb 2023 10:00:00 GMT"}, {"If-Modified-Since": "9" * 400},
    {"If-None-Match": "garbage", "If-Modified-Since": "Fri, 31 Dec 9999 23:59:59 GMT"},
]


@pytest.fixture
def feeds(app, partner, participant):
    event = helpers.event(partner)
    with app.test_request_context():
        services.register(participant, event.id)
    return [f"/events/{event.id}.ics", f"/events/{event.id}.ics?detail=agenda", "/calendar/events.ics",
            f"/calendar/{feed_token(participant)}.ics"]


@pytest.mark.parametrize("headers", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_conditional_headers_get_the_calendar(client, feeds, headers):
    for path in feeds:
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code)
        assert response.data.startswith(b"BEGIN:VCALENDAR")
