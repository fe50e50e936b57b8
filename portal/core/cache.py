"""Exact caching: a version counter per data domain, and in-process caches keyed by it.

Every transaction that writes offers, events (with their agenda and registrations) or
organisations raises that domain's counter in `data_versions` *inside the same transaction*
(SQLAlchemy session events below), so a counter and the data it stands for commit together.
A request reads all counters in one query, before it reads any data; whatever it then
computes is at least as new as those counters and may be kept under them. A write makes new
keys, so nothing stale is ever served — across workers and servers, since the counters live
in the shared database. Time-dependent results ("upcoming") carry the moment they expire.

The caches are per process, bounded (LRU) and hold plain values (bytes, numbers), never ORM
objects. Whole responses are kept only for anonymous visitors whose request did not touch
their session, CSRF token or cookies (`anonymous_response`).
"""
import os
import re
import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import BigInteger, Column, String, Table, create_engine, event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from portal.core.types import utcnow
from portal.extensions import db

DOMAINS = ("events", "offers", "organisations")
# table → the domain whose counter a write to it raises
TABLE_DOMAINS = {
    "offers": "offers",
    "organisations": "organisations",
    "events": "events", "agenda_items": "events", "registrations": "events", "event_co_organisers": "events",
}

data_versions = Table(
    "data_versions", db.metadata,
    Column("domain", String(32), primary_key=True),
    Column("version", BigInteger, nullable=False),
)

READ_VERSIONS = "SELECT domain, version FROM data_versions"
# An upsert (SQLite ≥ 3.24 and PostgreSQL alike): a missing row starts at the clock in
# microseconds, so a counter recreated after a row was deleted never repeats an old value.
BUMP = text(
    "INSERT INTO data_versions (domain, version) VALUES (:domain, :start) "
    "ON CONFLICT (domain) DO UPDATE SET version = data_versions.version + 1"
)
_WRITE_SQL = re.compile(r"^\s*(?:insert\s+into|update|delete\s+from)\s+\"?(\w+)", re.IGNORECASE)
_PENDING = "tandem_cache_domains"


# --- writing: raise the counters in the writing transaction ---------------------------------

def touch(session, *domains):
    """Mark domains as changed by the session's transaction (for writes the events below
    cannot see, e.g. SQL on a raw connection)."""
    session.info.setdefault(_PENDING, set()).update(domains)


@event.listens_for(Session, "after_flush")
def _collect_flushed(session, flush_context):
    # new/dirty/deleted still describe what this flush wrote
    tables = {obj.__table__.name for obj in (*session.new, *session.dirty, *session.deleted)
              if hasattr(obj, "__table__")}
    touch(session, *(TABLE_DOMAINS[t] for t in tables if t in TABLE_DOMAINS))


@event.listens_for(Session, "do_orm_execute")
def _collect_executed(state):
    """Bulk statements through session.execute(): insert(Offer), update(...), and text()."""
    statement = state.statement
    table = getattr(statement, "table", None)
    if table is not None and (state.is_insert or state.is_update or state.is_delete):
        names = {getattr(table, "name", None)}
    elif hasattr(statement, "text"):  # a TextClause such as events/services.py's seat UPDATEs
        sql = statement.text
        if re.match(r"^\s*truncate\b", sql, re.IGNORECASE):
            names = set(TABLE_DOMAINS)
        else:
            match = _WRITE_SQL.match(sql)
            names = {match.group(1).lower()} if match else set()
    else:
        return
    touch(state.session, *(TABLE_DOMAINS[n] for n in names if n in TABLE_DOMAINS))


@event.listens_for(Session, "before_commit")
def _bump_before_commit(session):
    session.flush()  # so that the last changes are collected too
    domains = session.info.pop(_PENDING, None)
    if domains:
        bump(session.connection(), domains)


@event.listens_for(Session, "after_transaction_end")
def _forget_after_rollback(session, transaction):
    if transaction.parent is None:  # the outermost transaction ended (committed or rolled back)
        session.info.pop(_PENDING, None)


def bump(connection, domains):
    """Raise the counters of `domains` on `connection` (in its transaction). Sorted, so that
    two transactions always lock the rows in the same order (no deadlock)."""
    start = int(utcnow().timestamp() * 1_000_000)
    for domain in sorted(domains):
        connection.execute(BUMP, {"domain": domain, "start": start})


# --- reading: the counters, once per request --------------------------------------------------

class VersionReader:
    """Reads the counters on a connection of its own, in autocommit, outside the request's
    transaction and pool: one round trip (~0.1 ms) instead of a pool check-out, a ping and a
    rollback. One connection per process (re-opened after a fork or a lost connection)."""

    def __init__(self, url):
        self.url = url
        self.engine = None
        self.connection = None
        self.pid = None
        self.lock = threading.Lock()

    def read(self):
        with self.lock:
            try:
                return self._read()
            except Exception:  # a dropped connection (database restart, idle cut-off): retry once
                self.close()
                return self._read()

    def _read(self):
        if self.connection is None or self.pid != os.getpid():
            self.connection, self.pid = None, os.getpid()  # a forked copy is the parent's: never used
            if self.engine is None:
                self.engine = create_engine(self.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
            self.connection = self.engine.raw_connection()
        cursor = self.connection.cursor()
        try:
            cursor.execute(READ_VERSIONS)
            return dict(cursor.fetchall())
        finally:
            cursor.close()

    def close(self):
        connection, self.connection = self.connection, None
        if connection is not None and self.pid == os.getpid():
            try:
                connection.close()
            except Exception:  # noqa: S110  (already broken: nothing to close)
                pass


def _reader(app):
    state = app.extensions["tandem_cache"]
    if state.get("reader") is None:
        url = db.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            state["reader"] = False  # an in-memory database is private to its connection
        else:
            state["reader"] = VersionReader(url)
    return state["reader"]


def versions():
    """{domain: counter} as committed now; read once per request. A domain whose row is
    missing is absent (nothing of it is then cached)."""
    if "data_versions" not in g:
        reader = _reader(current_app)
        if reader:
            g.data_versions = reader.read()
        else:
            g.data_versions = dict(db.session.execute(text(READ_VERSIONS)).all())
    return g.data_versions


def key_versions(domains):
    """The counters of `domains`, or None when one is unknown (then: do not cache)."""
    current = versions()
    values = tuple(current.get(domain) for domain in domains)
    return None if None in values else values


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
    if found is not None:
        return found
    value, expires = compute()
    lru.put(full_key, value, expires)
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


class _CachedCountPagination(SelectPagination):
    def _query_count(self):
        args = self._query_args
        return memoize("counts", args["domains"], args["count_key"], lambda: (super(_CachedCountPagination, self)
                                                                             ._query_count(), None))


def paginate(statement, page, per_page, domains, count_key):
    """db.paginate(), with the count(*) — the one cost that grows with the data — kept under
    the counters of `domains`. `count_key` must name everything the statement's WHERE depends
    on (filters, the visitor's organisation)."""
    return _CachedCountPagination(select=statement, session=db.session, page=page, per_page=per_page,
                                  error_out=False, domains=domains, count_key=count_key)


# --- whole responses for anonymous visitors ------------------------------------------------

def storing():
    """True inside a cached view whose response is being computed to be kept."""
    return g.get("cache_storing", False)


def expires_at(moment):
    """Within a cached view: the response stops being true at `moment` (e.g. an event ends)."""
    if moment is None:
        return
    current = g.get("cache_expires")
    if current is None or moment < current:
        g.cache_expires = moment


def _anonymous_request():
    if request.method not in ("GET", "HEAD") or "Authorization" in request.headers:
        return False
    if "_flashes" in session:  # the page must show (and consume) them
        return False
    return not current_user.is_authenticated


def anonymous_response(*domains):
    """Cache the view's response for anonymous visitors, under the counters of `domains`, the
    URL and the language. Not stored when the view touched the session (flash, CSRF token,
    language choice), set a cookie, or answered anything but 200."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not enabled() or not _anonymous_request():
                return view(*args, **kwargs)
            locale = str(get_locale())  # may remember ?lang= in the session: checked below
            counters = key_versions(domains)
            if counters is None:
                return view(*args, **kwargs)
            key = (request.endpoint, request.host_url, request.full_path, locale, counters)
            lru = cache("responses")
            found = lru.get(key)
            if found is not None:
                body, status, headers = found
                return current_app.response_class(body, status=status, headers=headers)
            before = dict(session)
            g.pop("cache_expires", None)
            g.cache_storing = True
            try:
                response = current_app.make_response(view(*args, **kwargs))
            finally:
                g.cache_storing = False
            field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
            if (response.status_code == 200 and not response.direct_passthrough and dict(session) == before
                    and not session.modified and field not in g and "Set-Cookie" not in response.headers
                    and not response.cache_control.no_store and not response.cache_control.private):
                body = response.get_data()
                if len(body) <= current_app.config["CACHE_MAX_BODY"]:
                    lru.put(key, (body, 200, list(response.headers.items())), g.pop("cache_expires", None))
            return response
        return wrapper
    return decorator


def init_app(app):
    app.config.setdefault("CACHE_ENABLED", True)
    app.config.setdefault("CACHE_ENTRIES", 512)  # per cache; old versions age out first
    app.config.setdefault("CACHE_MAX_BODY", 256 * 1024)
    app.extensions["tandem_cache"] = {"caches": {}, "reader": None}
