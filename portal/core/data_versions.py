"""Data-version counters: one per data domain, raised by every write in its own transaction.

Every transaction that writes offers, events (with their agenda and registrations) or
organisations raises that domain's counter in `data_versions` *inside the same transaction*
(SQLAlchemy session events below), so a counter and the data it stands for commit together.
A request reads all counters in one query, before it reads any data (`versions()`); whatever
it then computes is at least as new as those counters. portal/core/cache.py keeps results
under them.
"""
import os
import threading

from flask import current_app, g, has_request_context, request
from sqlalchemy import BigInteger, Column, String, Table, create_engine, event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from portal.core.types import utcnow
from portal.extensions import db

DOMAINS = ("events", "offers", "organisations", "referrals", "users")
# table → the domain whose counter a write to it raises
TABLE_DOMAINS = {
    "offers": "offers",
    "organisations": "organisations",
    "events": "events", "agenda_items": "events", "registrations": "events", "event_co_organisers": "events",
    "agenda_materials": "events", "registration_questions": "events", "event_feedback": "events",
    "guest_requests": "events",
    # who a person is and acts for: name, language, feed secret, session version, membership,
    # tokens (and below, the confidential side: candidates and referrals). Kept per person only
    # (core/personal_cache.py).
    "users": "users", "memberships": "users", "api_tokens": "users", "saved_searches": "users",
    "candidates": "referrals", "consent_records": "referrals", "referrals": "referrals",
    "referral_moves": "referrals", "placements": "referrals", "placement_notes": "referrals",
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
_PENDING = "tandem_cache_domains"
VERSIONS_READ = "tandem.data_versions"  # the WSGI environ key core/kept_answers.py hands them on in


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
    """Bulk statements through session.execute(): insert(Offer), update(Event) (the seat
    statements of events/services/seats.py), delete(...) — their table is known without
    reading SQL. The portal writes no SQL text (tests/core/test_architecture.py); a raw write
    elsewhere (a migration, a one-off script) names its domains with touch()."""
    table = getattr(state.statement, "table", None)
    if table is not None and (state.is_insert or state.is_update or state.is_delete):
        name = getattr(table, "name", None)
        if name in TABLE_DOMAINS:
            touch(state.session, TABLE_DOMAINS[name])


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
    rollback. One connection per process (re-opened after a fork or a lost connection). It
    also writes the audit entries of kept answers (core/kept_answers.py), one statement each
    hit, committed at once."""

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

    def insert(self, table, rows):
        """INSERT `rows` (dicts with the same keys) into `table`, all or none, committed at
        once (not retried: a lost connection raises, and the caller computes its answer
        instead). On the driver's cursor, as the read: SQLAlchemy's execute() costs ~0.13 ms of
        CPU a row here, more than the hit it logs; the statement and the values' conversions
        are still SQLAlchemy's own (`_DriverInsert`). One row is one autocommitted statement;
        several are wrapped in a transaction of their own."""
        with self.lock:
            try:
                connection = self._connect()
                insert = _DriverInsert.of(table, tuple(rows[0]), connection.dialect)
                cursor = connection.connection.dbapi_connection.cursor()
                try:
                    if len(rows) > 1:
                        cursor.execute("BEGIN")
                    for row in rows:
                        cursor.execute(insert.sql, insert.parameters(row))
                    if len(rows) > 1:
                        cursor.execute("COMMIT")
                finally:
                    cursor.close()
            except Exception:
                self.close()  # closing the connection also rolls back what it began
                raise

    def _connect(self):
        if self.connection is None or self.pid != os.getpid():
            self.connection, self.pid = None, os.getpid()  # a forked copy is the parent's: never used
            if self.engine is None:
                self.engine = create_engine(self.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
            self.connection = self.engine.connect()
        return self.connection

    def _read(self):
        cursor = self._connect().connection.dbapi_connection.cursor()  # the driver's: no SQLAlchemy on the way
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


class _DriverInsert:
    """An INSERT of some columns as SQLAlchemy compiles it for the dialect, with each column's
    own bind conversion (a JSON column's serialising, UTCDateTime's check and its SQLite
    string), ready to run on the driver's cursor."""

    _made = {}

    @classmethod
    def of(cls, table, names, dialect):
        key = (table.name, names, dialect.name)
        if key not in cls._made:
            cls._made[key] = cls(table, names, dialect)
        return cls._made[key]

    def __init__(self, table, names, dialect):
        compiled = table.insert().compile(dialect=dialect, column_keys=list(names))
        self.sql = compiled.string
        self.positions = compiled.positiontup if dialect.positional else None
        self.converters = {name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names}

    def parameters(self, row):
        values = {name: (convert(row[name]) if convert else row[name]) for name, convert in self.converters.items()}
        return [values[name] for name in self.positions] if self.positions is not None else values


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
        handed_on = request.environ.get(VERSIONS_READ) if has_request_context() else None
        if handed_on is not None:  # read by core/kept_answers.py for this very request
            g.data_versions = handed_on
        elif reader:
            g.data_versions = reader.read()
        else:
            g.data_versions = dict(db.session.execute(text(READ_VERSIONS)).all())
    return g.data_versions


def key_versions(domains):
    """The counters of `domains`, or None when one is unknown (then: do not cache)."""
    current = versions()
    values = tuple(current.get(domain) for domain in domains)
    return None if None in values else values
