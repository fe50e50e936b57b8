"""The demo study days: the 28 June 2023 day exactly as the seed tells it, upcoming days with
a waiting list, idempotence, and synthetic volume."""
import icalendar
import pytest

from portal.demo import events as demo_events
from portal.demo import organisations
from portal.events.models import Event, Registration
from portal.extensions import db


@pytest.fixture
def demo(app):
    organisations.load(echo=lambda *_: None)
    demo_events.load(echo=lambda *_: None)


def study_day():
    return db.session.execute(db.select(Event).where(Event.title == demo_events.STUDY_DAY_TITLE)).scalar_one()


def test_the_study_day_of_28_june_2023_follows_the_seed(demo):
    event = study_day()
    assert event.starts_at.astimezone(demo_events.BRUSSELS).date().isoformat() == "2023-06-28"
    assert event.venue == "Brussels Parlement" and event.language == "nl"
    assert event.organiser.name.startswith("Tracé Brussel")
    assert sorted(org.name for org in event.co_organisers) == ["Brulocalis", "FeBIO", "FeBISP"]
    assert [item.kind for item in event.agenda] == ["welcome", "talk", "talk", "talk", "talk", "break", "panel",
                                                    "qa", "closing"]
    people = [(p["name"], p["role"], p["organisation"]) for item in event.agenda for p in item.speakers]
    assert people == [
        ("Rachid Madrane", "voorzitter", "Brussels Parlement"),
        ("Stephan Saive", "kabinetsmedewerker", "kabinet van minister Clerfayt"),
        ("Sébastien Avanzo", "analist", "View.Brussels"),
        ("Vincent Libert", "secretaris-generaal", "OCMW Oudergem"),
        ("FeBISP", "federatie", "FeBISP"), ("FeBIO", "federatie", "FeBIO"),
        ("Diana Diovisalvi", "directeur van SPI", "OCMW Sint-Jans Molenbeek"),
        ("Pieter Dehon", "directeur", "Casablanco vzw"),
        ("Sabrina Ergen", "directeur", "Arpaije vzw"),
        ("Georgy Manalis", "directeur van de federatie van Brusselse OCMW’s", "Brulocalis"),
    ]
    [panel] = [item for item in event.agenda if item.kind == "panel"]
    assert [(p["name"], p["organisation"]) for p in panel.moderators] == [
        ("Tatiana Vial", "FeBISP"), ("Fransje Wagemans", "Tracé Brussel vzw")]
    assert "voorbeelduren" in event.description
    seed = open("/work/shared/seeds/004_3813013d43e53bb1.txt", encoding="utf-8").read()
    for name in ("Rachid Madrane", "Stephan Saive", "Sébastien Avanzo", "Vincent Libert", "Diana Diovisalvi",
                 "Pieter Dehon", "Sabrina Ergen", "Tatiana Vial", "Fransje Wagemans", "Georgy Manalis",
                 "View.Brussels", "OCMW Oudergem", "OCMW Sint-Jans Molenbeek", "Casablanco vzw", "Arpaije vzw"):
        assert name in seed, name


def test_upcoming_demo_days_have_registrations_and_a_waiting_list(demo):
    full = db.session.execute(db.select(Event).where(Event.capacity == 3)).scalar_one()
    statuses = db.session.execute(
        db.select(Registration.status).where(Registration.event_id == full.id)).scalars().all()
    assert statuses.count("confirmed") == 3 and statuses.count("waitlisted") >= 1
    assert full.seats_taken == 3


def test_loading_twice_adds_nothing(demo):
    counts = lambda: (db.session.execute(db.select(db.func.count()).select_from(Event)).scalar_one(),  # noqa: E731
                      db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one())
    before = counts()
    demo_events.load(echo=lambda *_: None)
    assert counts() == before


def test_the_demo_study_day_calendar_parses(demo, client):
    body = client.get(f"/events/{study_day().id}.ics?detail=agenda").data
    calendar = icalendar.Calendar.from_ical(body)
    assert len(calendar.walk("VEVENT")) == 10
    assert b"DTSTART;TZID=Europe/Brussels:20230628T090000" in body


def test_synthetic_events_are_published_and_spread(demo):
    before = db.session.execute(db.select(db.func.count()).select_from(Event)).scalar_one()
    demo_events.synthetic(echo=lambda *_: None, events=500)
    rows = db.session.execute(db.select(Event.starts_at).where(Event.title.like("Studiedag %"))).scalars().all()
    assert len(rows) == 500
    assert db.session.execute(db.select(db.func.count()).select_from(Event)).scalar_one() == before + 500
    assert min(rows).year == 2023 and max(rows) > demo_events.utcnow()
