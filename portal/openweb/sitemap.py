"""/sitemap.xml: every public page, with the moment it last changed (sitemaps.org protocol).
Up to MAX_URLS pages it is one `urlset`; past that it is a `sitemapindex` naming
/sitemap-1.xml, /sitemap-2.xml, … of at most MAX_URLS each, as the protocol requires.

Public means what a visitor may see, asked of the same scopes the pages use (a visitor's
`offers_visible_to`, `events_visible_to`, the directory's `approved_organisations`), so a draft,
a pending organisation or a candidate can never appear here. Three queries of (id, updated_at)
— no ORM objects — and the document is kept under the data-version counters of the three
domains: exact (any write makes a new key) and built once per change, not per crawler visit.
"""
from xml.sax.saxutils import escape

from flask import url_for

from portal.core import cache
from portal.core.types import to_brussels
from portal.events.permissions import events_visible_to
from portal.extensions import db, login_manager
from portal.offers.permissions import offers_visible_to
from portal.organisations.permissions import approved_organisations

DOMAINS = ("events", "offers", "organisations")
# One sitemap holds at most 50,000 URLs (sitemaps.org); past that it must become an index.
MAX_URLS = 50_000


def _rows(statement, model):
    inner = statement.with_only_columns(model.id, model.updated_at).order_by(model.id)
    return db.session.execute(inner).all()


def entries(absolute):
    """[(absolute URL, last change or None)] of every public page."""
    from portal.events.models import Event
    from portal.offers.models import Offer
    from portal.organisations.models import Organisation

    visitor = login_manager.anonymous_user()
    events = _rows(events_visible_to(visitor), Event)
    offers = _rows(offers_visible_to(visitor), Offer)
    organisations = _rows(approved_organisations(), Organisation)

    lists = [
        (url_for("openweb.home_page"), max(filter(None, (newest(events), newest(offers))), default=None)),
        (url_for("events.index"), newest(events)),
        (url_for("offers.index"), newest(offers)),
        (url_for("organisations.directory"), newest(organisations)),
        (url_for("core.accessibility"), None),
        (url_for("api_docs.api_docs"), None),
        (url_for("accounts.signup"), None),
    ]
    records = ([(url_for("events.detail", event_id=row.id), row.updated_at) for row in events]
               + [(url_for("offers.detail", offer_id=row.id), row.updated_at) for row in offers]
               + [(url_for("organisations.detail", organisation_id=row.id), row.updated_at)
                  for row in organisations])
    return [(absolute(path), moment) for path, moment in lists + records]


def newest(rows):
    return max((row.updated_at for row in rows if row.updated_at), default=None)


def documents(absolute):
    """What is served: [/sitemap.xml, then /sitemap-1.xml, … when it is an index]."""
    found = entries(absolute)
    if len(found) <= MAX_URLS:
        return [_document("urlset", "url", found)]
    parts = [found[start:start + MAX_URLS] for start in range(0, len(found), MAX_URLS)]
    index = [(absolute(url_for("openweb.sitemap_part", number=number)),
              max((moment for _location, moment in part if moment), default=None))
             for number, part in enumerate(parts, start=1)]
    return [_document("sitemapindex", "sitemap", index), *(_document("urlset", "url", part) for part in parts)]


def _document(root, element, rows):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for location, moment in rows:
        lastmod = f"<lastmod>{to_brussels(moment).isoformat(timespec='seconds')}</lastmod>" if moment else ""
        lines.append(f"<{element}><loc>{escape(location)}</loc>{lastmod}</{element}>")
    lines.append(f"</{root}>")
    return ("\n".join(lines) + "\n").encode()


def cached_documents(absolute, base_url):
    """The documents, rebuilt only when one of the three domains changed."""
    return cache.memoize("sitemap", DOMAINS, ("sitemap", base_url), lambda: (tuple(documents(absolute)), None))
