"""Fixtures every test builds on: the app on a fresh database (SQLite, or PostgreSQL when
TEST_DATABASE_URL is set), a client, a real SMTP server, one user per role, and a
counter of SQL statements."""
import os
import shutil
import uuid
from contextlib import contextmanager

import pytest
from flask import g, request_started
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.core import data_versions, outbox_worker
from portal.extensions import db
from tests import factories
from tests.smtp import Mailbox, SMTPServer

PG_URL = os.environ.get("TEST_DATABASE_URL")


# --- database ------------------------------------------------------------------------

def _migrate(url):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()


def _postgres_database(worker):
    """A fresh PostgreSQL database for this test worker, migrated once."""
    base = make_url(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
                    if PG_URL.startswith("postgresql://") else PG_URL)
    name = f"{base.database}_{worker}_{uuid.uuid4().hex[:6]}"
    # CREATE DATABASE runs from the maintenance database; the named one need not exist.
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    _migrate(url)
    return url, admin, name


@pytest.fixture(scope="session")
def database(tmp_path_factory, worker_id):
    if PG_URL:
        url, admin, name = _postgres_database(worker_id)
        yield {"kind": "postgresql", "url": url}
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        template = tmp_path_factory.mktemp("db") / "template.sqlite"
        _migrate(f"sqlite:///{template}")
        yield {"kind": "sqlite", "template": template}


@pytest.fixture(scope="session")
def worker_id(request):
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


def _empty_tables():
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    # a raw write names its domains (core/data_versions.py): every counter starts again
    data_versions.touch(db.session, *data_versions.DOMAINS)
    db.session.commit()


@pytest.fixture
def database_url(database, tmp_path):
    if database["kind"] == "postgresql":
        return database["url"]
    copy = tmp_path / "test.sqlite"
    shutil.copy(database["template"], copy)
    return f"sqlite:///{copy}"


# --- mail ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    """The messages the real local SMTP server received during this test, read after one
    pass of the outbox worker (tests/smtp.py)."""
    smtp_server.received.clear()
    return Mailbox(smtp_server)


# --- app -----------------------------------------------------------------------------

def _fresh_request_globals(sender, **extra):
    """Each request starts with an empty `g`, as in production.

    The `app` fixture keeps an application context pushed (for the database), and Flask
    reuses it for test requests, so `g` (where Flask-Login keeps the current user,
    Flask-Babel the locale and Flask-WTF the CSRF token) would otherwise carry one request's
    user into the next — and a replayed cookie would never be read.
    """
    for name in list(vars(g)):
        g.pop(name, None)


@pytest.fixture
def app(database, database_url, smtp_server, mailbox, tmp_path):
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=database_url,
        MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port,
        INSTANCE_PATH=str(tmp_path),
    )
    request_started.connect(_fresh_request_globals, app)
    with app.app_context():
        if database["kind"] == "postgresql":
            _empty_tables()
        smtp_server.deliver_pending = lambda: outbox_worker.deliver_due(app)
        try:
            yield app
        finally:
            smtp_server.deliver_pending = None
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A browser that asks for English, the language the tests read (tests of language
    choice set their own headers)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# --- people, one per role --------------------------------------------------------------

@pytest.fixture
def admin(app):
    return factories.user("admin@tandem.test", is_admin=True, name="Platform Admin")


@pytest.fixture
def federation(app):
    return factories.organisation("FeBISP", "federation")


@pytest.fixture
def moderator(federation):
    """An admin member of an approved federation: a federation moderator."""
    return factories.member(federation, "moderator@febisp.test", role="admin")


@pytest.fixture
def ocmw(app):
    return factories.organisation("OCMW Anderlecht", "ocmw", commune="anderlecht")


@pytest.fixture
def ocmw_admin(ocmw):
    return factories.member(ocmw, "admin@ocmw-anderlecht.test", role="admin")


@pytest.fixture
def ocmw_member(ocmw):
    return factories.member(ocmw, "worker@ocmw-anderlecht.test")


@pytest.fixture
def other_ocmw(app):
    return factories.organisation("OCMW Jette", "ocmw", commune="jette")


@pytest.fixture
def other_ocmw_member(other_ocmw):
    return factories.member(other_ocmw, "worker@ocmw-jette.test")


@pytest.fixture
def sie(app):
    return factories.organisation("Casablanco vzw", "sie", commune="anderlecht")


@pytest.fixture
def sie_admin(sie):
    return factories.member(sie, "director@casablanco.test", role="admin")


@pytest.fixture
def sie_member(sie):
    return factories.member(sie, "staff@casablanco.test")


@pytest.fixture
def host(app):
    return factories.organisation("Samusocial", "host", commune="bruxelles-brussel")


@pytest.fixture
def host_member(host):
    return factories.member(host, "hr@samusocial.test")


@pytest.fixture
def partner(app):
    return factories.organisation("Tracé Brussel", "partner", commune="bruxelles-brussel")


@pytest.fixture
def partner_member(partner):
    return factories.member(partner, "staff@trace.test")


@pytest.fixture
def participant(app):
    """A verified account with no organisation."""
    return factories.user("participant@example.test", name="Pat Participant")


@pytest.fixture
def unverified(app):
    return factories.user("new@example.test", verified=False, name="Nora New")


# --- helpers -------------------------------------------------------------------------

@pytest.fixture
def login(client):
    """login(user): make the test client's session that user's (as Flask-Login would)."""

    def login_as(user, as_client=None):
        with (as_client or client).session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return client

    return login_as


@pytest.fixture
def auth_headers(app):
    """auth_headers(user): the Authorization header of a fresh API token for that user."""

    def headers_for(user):
        return {"Authorization": f"Bearer {factories.api_token(user)}"}

    return headers_for


@pytest.fixture
def count_queries(app):
    """with count_queries() as queries: ...; len(queries) is the number of SQL statements."""

    @contextmanager
    def counting():
        statements = []

        def record(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        engine = db.engine
        event.listen(engine, "after_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "after_cursor_execute", record)

    return counting


@pytest.fixture
def csrf_token(client):
    """csrf_token(path): GET the page and return the CSRF token its form carries."""
    from tests.pages import csrf_of

    def token_from(path="/login"):
        return csrf_of(client, path)

    return token_from
