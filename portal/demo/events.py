"""Demo study days: the 28 June 2023 day in the Brussels Parliament as seed
004_3813013d43e53bb1.txt tells it, and a few upcoming days (dated from the day of loading,
so they stay upcoming) with registrations, one of them full with a waiting list.

Idempotent: an event is found again by its title and organiser. Registrations go through
portal.events.services.register, the only code that hands out seats.
"""
import random
from datetime import date, datetime, time, timedelta

from portal.core.types import BRUSSELS, utcnow
from portal.demo import in_french_and_dutch, organisations
from portal.events import services
from portal.events.models import AgendaItem, Event
from portal.extensions import db

SYNTHETIC = ("events",)

STUDY_DAY_TITLE = "Samenwerking OCMW’s en sociale inschakelingsondernemingen"
STUDY_DAY_DESCRIPTION = (
    "Op woensdag 28 juni 2023 vond in het Brussels Parlement een studiedag plaats over de samenwerking tussen "
    "OCMW's en sociale inschakelingsondernemingen in Brussel. Deze studiedag werd georganiseerd door Tracé "
    "Brussel vzw, in samenwerking met de federaties FeBIO en FeBISP en met het koepelplatform van de Brusselse "
    "OCMW's, Brulocalis.\n\n"
    "Alle OCMW's en gemandateerde sociale inschakelingsondernemingen waren uitgenodigd om kennis te maken en "
    "informatie uit te wisselen, en om gezamenlijk na te denken over de collectieve uitdagingen bij de "
    "tewerkstelling van werknemers met een artikel 60§7 statuut.\n\n"
    "De uren in het programma zijn voorbeelduren: de bron vermeldt alleen de volgorde van het programma."
)


def _person(name, role, organisation=""):
    return {"name": name, "role": role, "organisation": organisation}


# (start, end, kind, title, speakers, moderators); clock times are example times.
STUDY_DAY_AGENDA = [
    ("09:30", "09:40", "welcome", "Verwelkoming",
     [_person("Rachid Madrane", "voorzitter", "Brussels Parlement")], []),
    ("09:40", "09:55", "talk", "Inleiding",
     [_person("Stephan Saive", "kabinetsmedewerker", "kabinet van minister Clerfayt")], []),
    ("09:55", "10:20", "talk",
     "De waarde van een artikel 60§7 traject voor de emancipatie van een persoon met verhoogde kwetsbaarheid",
     [_person("Sébastien Avanzo", "analist", "View.Brussels")], []),
    ("10:20", "10:45", "talk", "De werking en uitdagingen van de OCMW's in het Brussels Gewest",
     [_person("Vincent Libert", "secretaris-generaal", "OCMW Oudergem")], []),
    ("10:45", "11:15", "talk",
     "De sociale inschakelingseconomie: het recent gewijzigde wettelijke kader en de huidige problemen bij de "
     "tewerkstelling van artikel 60 werknemers",
     [_person("FeBISP", "federatie", "FeBISP"), _person("FeBIO", "federatie", "FeBIO")], []),
    ("11:15", "11:35", "break", "Pauze", [], []),
    ("11:35", "12:25", "panel", "Panelgesprek: toeleiding en rekrutering van artikel 60§7 werknemers",
     [_person("Diana Diovisalvi", "directeur van SPI", "OCMW Sint-Jans Molenbeek"),
      _person("Pieter Dehon", "directeur", "Casablanco vzw"),
      _person("Sabrina Ergen", "directeur", "Arpaije vzw")],
     [_person("Tatiana Vial", "directeur", "FeBISP"),
      _person("Fransje Wagemans", "adviesagentschap sociale economie", "Tracé Brussel vzw")]),
    ("12:25", "12:45", "qa", "Vragen uit het publiek", [], []),
    ("12:45", "13:00", "closing", "Slotwoord",
     [_person("Georgy Manalis", "directeur van de federatie van Brusselse OCMW’s", "Brulocalis")], []),
]

# Upcoming days: (organiser key, co-organiser keys, days from today, capacity, language, title,
# description, registrant keys). The Brulocalis day has 3 seats for 5 registrants: a waiting list.
UPCOMING = [
    ("febisp", ("febio",), 14, 40, "nl", "Jobcoaching van artikel 60-werknemers: goede praktijken",
     "Uitwisseling tussen jobcoaches van OCMW's en sociale inschakelingsondernemingen.",
     ("ocmw-anderlecht", "casablanco", "participant")),
    ("brulocalis", ("febisp",), 30, 3, "fr", "Rencontre CPAS – entreprises d'insertion : le recrutement",
     "Une matinée d'échanges sur la sélection et l'accueil des travailleurs article 60§7.",
     ("ocmw-anderlecht", "ocmw-jette", "arpaije", "casablanco", "participant")),
    ("actiris", (), 45, 60, "nl", "Infosessie: tewerkstellingsmaatregelen na een artikel 60§7 contract",
     "Wat na het contract? Een overzicht van de maatregelen voor werkgevers en werknemers.",
     ("ocmw-jette",)),
]


def _find(title, organiser):
    return db.session.execute(
        db.select(Event).where(Event.title == title, Event.organiser_id == (organiser.id if organiser else None))
    ).scalar_one_or_none()


def _at(day, clock):
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), BRUSSELS)


def _study_day():
    trace = organisations.get("trace")
    found = _find(STUDY_DAY_TITLE, trace)
    if found is not None:
        if not found.translations:  # a demo loaded before the French version existed
            in_french_and_dutch.study_day(found)
            db.session.commit()
        return 0
    day = date(2023, 6, 28)
    created = _at(date(2023, 5, 15), "10:00")
    event = Event(
        title=STUDY_DAY_TITLE, description=STUDY_DAY_DESCRIPTION, venue="Brussels Parlement",
        address="Lombardstraat 69, 1000 Brussel", starts_at=_at(day, "09:00"), ends_at=_at(day, "13:00"),
        capacity=150, registration_deadline=_at(date(2023, 6, 23), "17:00"), language="nl", status="published",
        organiser=trace, created_at=created, updated_at=created, sequence=0, seats_taken=0, waitlist_counter=0,
    )
    event.co_organisers = [organisations.get(key) for key in ("febio", "febisp", "brulocalis")]
    for start, end, kind, title, speakers, moderators in STUDY_DAY_AGENDA:
        event.agenda.append(AgendaItem(starts_at=_at(day, start), ends_at=_at(day, end), kind=kind, title=title,
                                       description="", speakers=speakers, moderators=moderators))
    in_french_and_dutch.study_day(event)
    db.session.add(event)
    db.session.commit()
    return 1


def _upcoming():
    added = 0
    today = datetime.now(BRUSSELS).date()
    for organiser_key, co_keys, days, capacity, language, title, description, registrants in UPCOMING:
        organiser = organisations.get(organiser_key)
        if _find(title, organiser) is not None:
            continue
        day = today + timedelta(days=days)
        now = utcnow()
        event = Event(
            title=title, description=description, venue="Maison des Associations Internationales",
            address="Rue Washington 40, 1050 Ixelles", starts_at=_at(day, "09:30"), ends_at=_at(day, "12:30"),
            capacity=capacity, registration_deadline=_at(day - timedelta(days=2), "17:00"), language=language,
            status="published", organiser=organiser, created_at=now, updated_at=now, sequence=0, seats_taken=0,
            waitlist_counter=0,
        )
        event.co_organisers = [organisations.get(key) for key in co_keys]
        event.agenda.append(AgendaItem(starts_at=_at(day, "09:30"), ends_at=_at(day, "09:45"), kind="welcome",
                                       title="Onthaal" if language == "nl" else "Accueil", description="",
                                       speakers=[], moderators=[]))
        event.agenda.append(AgendaItem(starts_at=_at(day, "09:45"), ends_at=_at(day, "12:00"), kind="panel",
                                       title=title, description="", speakers=[], moderators=[]))
        event.agenda.append(AgendaItem(starts_at=_at(day, "12:00"), ends_at=_at(day, "12:30"), kind="qa",
                                       title="Vragen" if language == "nl" else "Questions", description="",
                                       speakers=[], moderators=[]))
        db.session.add(event)
        db.session.commit()
        for key in registrants:
            person = organisations.user(key)
            if person is not None:
                services.register(person, event.id)
        added += 1
    return added


def load(echo=print):
    """The study day of 28 June 2023 and the upcoming days; a second run adds nothing."""
    added = _study_day() + _upcoming()
    echo(f"events: {added} study days added")


def synthetic(echo=print, events=0):
    """`events` published events spread from 2023 to a year ahead, by bulk inserts."""
    if not events:
        return
    organisers = [org for org in (organisations.get(k) for k in ("febisp", "febio", "brulocalis", "trace", "actiris"))
                  if org is not None]
    rng = random.Random(events)  # noqa: S311 (demo data)
    first = datetime(2023, 1, 1, tzinfo=BRUSSELS)
    span = (datetime.now(BRUSSELS) + timedelta(days=365) - first).days
    now = utcnow()
    rows = []
    for number in range(events):
        day = (first + timedelta(days=rng.randrange(span))).date()
        start = _at(day, rng.choice(("09:00", "09:30", "13:30")))
        rows.append({
            "title": f"Studiedag {number + 1}: samenwerking in het netwerk", "description": "Synthetische studiedag.",
            "venue": "Brussels Parlement", "address": "Lombardstraat 69, 1000 Brussel",
            "starts_at": start, "ends_at": start + timedelta(hours=3), "capacity": rng.choice((30, 60, 120)),
            "seats_taken": 0, "waitlist_counter": 0, "registration_deadline": start - timedelta(days=2),
            "language": rng.choice(("nl", "fr")), "status": "published",
            "organiser_id": organisers[number % len(organisers)].id if organisers else None,
            "sequence": 0, "created_at": now, "updated_at": now,
        })
        if len(rows) == 2000:
            db.session.execute(db.insert(Event), rows)
            rows = []
    if rows:
        db.session.execute(db.insert(Event), rows)
    db.session.commit()
    echo(f"events: {events} synthetic study days added")
