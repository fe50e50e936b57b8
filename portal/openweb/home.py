"""The home page: the pitch, and what is happening now — the next study days and the newest
offers — asked of the same queries as their own lists (so a visitor never sees a draft), three
of each. Cached for visitors under the events and offers counters; it changes when the first
day shown ends (it leaves the list)."""
from flask import render_template
from flask_login import current_user

from portal.core import cache
from portal.events import queries as event_queries
from portal.extensions import db
from portal.offers.search import search_offers

SHOWN = 3
DOMAINS = ("events", "offers", "organisations")  # organisations: the names shown beside offers


def front_page():
    events = event_queries.upcoming(current_user, limit=SHOWN)
    cache.expires_at(min((event.ends_at for event in events), default=None))
    offers = db.session.execute(search_offers(current_user, {"status": "published"}).limit(SHOWN)).scalars().all()
    return render_template("home.html", next_events=events, newest_offers=offers)
