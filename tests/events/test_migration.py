"""migrations/versions/0003_events.py upgrades and downgrades (SQLite or PostgreSQL, as the suite runs)."""
import uuid

from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db

EVENT_TABLES = {"events", "agenda_items", "registrations", "event_co_organisers"}


def _fresh_url(database, tmp_path):
    if database["kind"] == "sqlite":
        return f"sqlite:///{tmp_path / 'migrate.sqlite'}", None
    base = make_url(database["url"])
    name = f"{base.database}_mig_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return base.set(database=name).render_as_string(hide_password=False), (admin, name)


def test_events_migration_upgrades_and_downgrades(database, tmp_path):
    url, cleanup = _fresh_url(database, tmp_path)
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    try:
        with app.app_context():
            upgrade()
            tables = set(inspect(db.engine).get_table_names())
            assert EVENT_TABLES <= tables
            indexes = {i["name"]: i for i in inspect(db.engine).get_indexes("registrations")}
            assert indexes["uq_registrations_event_user_active"]["unique"]
            downgrade(revision="0002_offers_referrals")  # the revision before 0003_events
            tables = set(inspect(db.engine).get_table_names())
            assert not EVENT_TABLES & tables
            assert {"users", "organisations"} <= tables
            upgrade()
            assert EVENT_TABLES <= set(inspect(db.engine).get_table_names())
            db.engine.dispose()
    finally:
        if cleanup:
            admin, name = cleanup
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
