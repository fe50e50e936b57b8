"""Exact caching: in-process caches keyed by the data-version counters (core/data_versions.py).

A request's counters are read before any data, so whatever it computes may be kept under them.
A write makes new keys, so nothing stale is ever served — across workers and servers, since the
counters live in the shared database. Time-dependent results ("upcoming") carry the moment they
expire.

The caches are per process, bounded (LRU) and hold plain values (bytes, numbers), never ORM
objects. Whole answers are kept by core/kept_answers.py, for the views marked here
(`anonymous_response`), in core/personal_cache.py and in api/kept.py (`keep_answer`).
"""
import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, g, has_request_context, request, session
from flask_login import current_user
from sqlalchemy import func
from sqlalchemy.orm import lazyload

from portal.core import kept_answers
from portal.core.data_versions import key_versions
from portal.core.types import utcnow
from portal.extensions import db

# --- the caches ----------------------------------------------------------------------------

class LRU:
    """A bounded mapping, least recently used out first; values may carry an expiry moment."""

    def __init__(self, size):
        self.size = size
        self.items = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, now=None):
        with self.lock:
            entry = self.items.get(key)
            if entry is None:
                return None
            value, expires = entry
            if expires is not None and (now or utcnow()) >= expires:
                del self.items[key]
                return None
            self.items.move_to_end(key)
            return value

    def put(self, key, value, expires=None):
        with self.lock:
            self.items[key] = (value, expires)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self):
        with self.lock:
            self.items.clear()

    def __len__(self):
        return len(self.items)


def cache(name):
    """The named LRU of this application (created on first use)."""
    caches = current_app.extensions["tandem_cache"]["caches"]
    if name not in caches:
        caches[name] = LRU(current_app.config["CACHE_ENTRIES"])
    return caches[name]


def clear():
    """Empty every cache of this application (tests measure cold requests with it)."""
    for lru in current_app.extensions["tandem_cache"]["caches"].values():
        lru.clear()


def enabled():
    return current_app.config["CACHE_ENABLED"]


def memoize(name, domains, key, compute):
    """compute() → (value, expires or None), cached under the counters of `domains` and `key`."""
    if not enabled():
        return compute()[0]
    counters = key_versions(domains)
    if counters is None:
        return compute()[0]
    full_key = (counters, key)
    lru = cache(name)
    found = lru.get(full_key)
    if found is None:
        found = compute()
        lru.put(full_key, found, found[1])
    value, expires = found
    expires_at(expires)  # an answer kept with this value holds no longer than it
    return value


def fragment(name, key, render):
    """A rendered piece of page that depends on `key` alone, never on data (e.g. a filter form:
    the locale and the values asked), kept per process in a bounded LRU; for every visitor."""
    if not enabled():
        return render()
    lru = cache(name)
    found = lru.get(key)
    if found is None:
        found = render()
        lru.put(key, found)
    return found


def paginate(statement, page, per_page, domains, count_key, count_statement=None):
    """db.paginate(), with the count(*) — the one cost that grows with the data — kept under
    the counters of `domains`. `count_key` must name everything the statement's WHERE depends
    on (filters, the visitor's organisation). `count_statement`: what to count when the
    statement itself is cut short for the page (a LIMIT inside it). Flask-SQLAlchemy's public
    `count=False` leaves `total` to us; the count is the one Flask-SQLAlchemy would run, over
    `count_statement` when given."""
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False, count=False)
    counted = statement if count_statement is None else count_statement

    def count():
        sub = counted.options(lazyload("*")).order_by(None).subquery()
        return db.session.execute(db.select(func.count()).select_from(sub)).scalar_one(), None

    result.total = memoize("counts", domains, count_key, count)
    return result


# --- whole answers: what may be kept, under which counters -----------------------------------

def storing():
    """True inside a marked view whose answer is being computed to be kept."""
    return g.get("cache_storing", False)


def audited(values):
    """The request wrote this audit entry (core/audit.py): a kept copy of its answer writes it
    again on every hit."""
    if has_request_context():
        g.setdefault("cache_audits", []).append(values)


def expires_at(moment):
    """Within a cached view: the response stops being true at `moment` (e.g. an event ends)."""
    if moment is None or not has_request_context():
        return
    current = g.get("cache_expires")
    if current is None or moment < current:
        g.cache_expires = moment


def keep_answer(view, args, kwargs, domains, until=None):
    """The view's answer, marked for core/kept_answers.py to keep under the counters of
    `domains` — read here, before the view reads any data. Not marked when the view changed the
    session or answered anything but 200 or 304 (the middleware also refuses any answer that
    sets a cookie). `until`: a moment the answer expires at whatever the view says (a token's
    expiry)."""
    counters = key_versions(domains)
    if counters is None:
        return view(*args, **kwargs)
    before = dict(session)
    response = render_to_keep(view, args, kwargs)
    if (response.status_code in (200, 304) and not response.direct_passthrough
            and not session.modified and dict(session) == before):
        expires = min((m for m in (g.pop("cache_expires", None), until) if m is not None), default=None)
        request.environ[kept_answers.MARK] = kept_answers.Mark(
            tuple(domains), counters, expires, tuple(g.pop("cache_audits", ())))
    return response


def browser_get():
    """A GET from a browser's session that may be kept: no bearer token (api/kept.py keeps
    those), no flash waiting to be shown (the page must show, and so consume, it)."""
    return request.method == "GET" and "Authorization" not in request.headers and "_flashes" not in session


def _anonymous_request():
    return browser_get() and not current_user.is_authenticated


def anonymous_response(*domains):
    """Keep the view's answers to visitors (nobody signed in, no bearer token) under the
    counters of `domains`; the visitor's cookie, if any, is part of the key."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not enabled() or not _anonymous_request():
                return view(*args, **kwargs)
            return keep_answer(view, args, kwargs, domains)
        return wrapper
    return decorator


def init_app(app):
    app.config.setdefault("CACHE_ENABLED", True)
    app.config.setdefault("CACHE_ENTRIES", 512)  # per cache; old versions age out first
    app.config.setdefault("CACHE_MAX_BODY", 256 * 1024)
    app.extensions["tandem_cache"] = {"caches": {"answers": LRU(app.config["CACHE_ENTRIES"])}, "reader": None}


def render_to_keep(view, args, kwargs):
    """The view's response, computed for keeping: the markers a kept answer is judged by are
    cleared first (`cache_expires`: until when it holds; `cache_audits`: the audit entries it
    wrote), and `cache_storing` tells the code below that what it renders may be kept."""
    g.pop("cache_expires", None)
    g.pop("cache_audits", None)
    g.cache_storing = True
    try:
        return current_app.make_response(view(*args, **kwargs))
    finally:
        g.cache_storing = False
