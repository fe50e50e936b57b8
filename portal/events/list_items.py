"""A study day as a list item, rendered once per data version and language and reused by
every list that shows it (/events for visitors and for each signed-in person alike).

An item shows nothing of the reader: the event, its seats and its organisers' names, in the
page's language, and whether it is still to come (the seats line). So it is kept under the
`events` and `organisations` counters, the language, the event and that one fact of time —
exact, and ~70 Jinja macro calls a page fewer on a computed /events.
"""
from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup

from portal.core import cache
from portal.core.data_versions import key_versions

DOMAINS = ("events", "organisations")


def event_list_item(event, now):
    counters = key_versions(DOMAINS) if cache.enabled() else None
    if counters is None:
        return _render(event, now)
    key = (counters, str(get_locale()), event.id, event.ends_at > now)
    return cache.fragment("event_list_items", key, lambda: _render(event, now))


def _render(event, now):
    # an autoescaped template's output: already safe HTML
    return Markup(render_template("events/_list_item.html", event=event, now=now))  # noqa: S704
