"""The schema comes only from migrations: upgrade from empty to head, back down to base,
and no drift between the models and the migrations."""
import uuid

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db
from tests.conftest import PG_URL


@pytest.fixture
def empty_database(tmp_path):
    """A brand-new empty database of the kind the suite runs on."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    base = make_url(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{base.database}_migrations_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_to_head_then_downgrade_to_base(empty_database):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "organisations", "memberships", "api_tokens", "audit_entries"} <= tables
        assert {t.name for t in db.metadata.sorted_tables} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_models_and_migrations_do_not_drift(empty_database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        db.engine.dispose()
