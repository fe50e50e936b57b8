"""Migration 0006_content_translations keeps every text (it becomes the record's language
version) and a round trip down and up loses nothing."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from portal import create_app
from portal.extensions import db
from tests.core.test_migrations import empty_database  # noqa: F401  (the fixture)


def _previous_revision():
    """The revision this one follows (the integrator may relink the chain)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[2] / "migrations" / "versions" / "0006_content_translations.py"
    spec = importlib.util.spec_from_file_location("content_translations_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.down_revision


BEFORE = _previous_revision()
ROWS = {
    "organisations": "SELECT name, description FROM organisations",
    "offers": "SELECT title, description FROM offers",
    "events": "SELECT title, description, venue, language FROM events",
    "agenda_items": "SELECT title, description FROM agenda_items",
}


def _fill(connection):
    now = "2023-06-01 10:00:00+00:00"
    connection.execute(text(
        "INSERT INTO organisations (id, name, type, status, enterprise_number, commune, description, website, email,"
        " phone, address, sie_mandated, sectors, rejection_reason, created_at, updated_at) VALUES (1, 'Brulocalis',"
        " 'federation', 'approved', '0403019261', 'bruxelles-brussel', 'Fédération des CPAS — réceptionnistes', '',"
        " '', '', '', false, '[]', '', :now, :now)"), {"now": now})
    connection.execute(text(
        "INSERT INTO offers (id, organisation_id, title, description, sector, function, commune, positions,"
        " languages, hours_per_week, start_date, contract_type, status, created_at, updated_at) VALUES (1, 1,"
        " 'Réceptionniste', 'Accueil des cuisinières', 'horeca', 'receptionist', 'jette', 1, '[\"fr\"]', 38,"
        " '2023-09-01', 'art60', 'published', :now, :now)"), {"now": now})
    connection.execute(text(
        "INSERT INTO events (id, title, description, venue, address, starts_at, ends_at, capacity, seats_taken,"
        " waitlist_counter, registration_deadline, language, status, organiser_id, sequence, created_at, updated_at)"
        " VALUES (1, 'Studiedag', 'Samenwerking', 'Parlement', 'Lombardstraat 69', '2023-06-28 07:00:00+00:00',"
        " '2023-06-28 11:00:00+00:00', 100, 0, 0, '2023-06-27 07:00:00+00:00', 'nl', 'published', 1, 0, :now, :now)"),
        {"now": now})
    connection.execute(text(
        "INSERT INTO agenda_items (id, event_id, starts_at, ends_at, title, kind, description, speakers, moderators)"
        " VALUES (1, 1, '2023-06-28 07:00:00+00:00', '2023-06-28 07:30:00+00:00', 'Onthaal', 'welcome', 'Koffie',"
        " '[]', '[]')"))


def _texts(connection):
    return {table: [tuple(row) for row in connection.execute(text(sql)).all()] for table, sql in ROWS.items()}


def test_existing_texts_become_the_language_version_and_survive_a_round_trip(empty_database):  # noqa: F811
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            _fill(connection)
            before = _texts(connection)
        upgrade(revision="0006_content_translations")
        with db.engine.connect() as connection:
            assert _texts(connection) == before
            offer = connection.execute(text("SELECT language, translations, search_title, search_body FROM offers"))\
                .one()
            assert offer.language == "nl" and offer.translations in ({}, "{}")
            assert "receptionnist" in offer.search_title and "cuisinier" in offer.search_body
            name_key = connection.execute(text("SELECT search_title FROM organisations")).scalar_one()
            assert name_key.startswith("brulocalis")
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            assert _texts(connection) == before
        upgrade(revision="0006_content_translations")
        with db.engine.connect() as connection:
            assert _texts(connection) == before
        db.engine.dispose()
