"""A study day as a list item, rendered once per state of that event and language and reused
by every list that shows it (/events for visitors and for each signed-in person alike).

An item shows nothing of the reader: the event's own row (texts, times, status, seats), its
organisers' names, the page's language, and whether it is still to come (the seats line). So
it is kept under exactly that — the row's values, the co-organisers' ids, the `organisations`
counter (names), the language and that one fact of time — and not under the `events` counter:
a registration or an edit re-renders the one item it changed, not the ~200 of the list
(~60 µs of Jinja each).
"""
from flask_babel import get_locale

from portal.core import cache
from portal.core.data_versions import key_versions
from portal.core.web import rendered_piece
from portal.events.models import Event

COLUMNS = tuple(column.key for column in Event.__table__.columns)


def event_list_item(event, now):
    counters = key_versions(("organisations",)) if cache.enabled() else None
    if counters is None:
        return _render(event, now)
    row = repr(tuple(getattr(event, name) for name in COLUMNS))  # repr: translations are a dict
    key = (counters, str(get_locale()), row, tuple(o.id for o in event.co_organisers), event.ends_at > now)
    return cache.fragment("event_list_items", key, lambda: _render(event, now))


def _render(event, now):
    return rendered_piece("events/_list_item.html", event=event, now=now)
