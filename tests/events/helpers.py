"""Builders for events tests: events straight into the database, as a service would leave them."""
from datetime import datetime, timedelta

from portal.core.types import BRUSSELS, utcnow
from portal.events.models import AgendaItem, Event
from portal.extensions import db
from tests import factories


def event(organiser=None, co_organisers=(), days_ahead=10, capacity=10, status="published", **fields):
    start = (utcnow() + timedelta(days=days_ahead)).astimezone(BRUSSELS).replace(
        hour=9, minute=0, second=0, microsecond=0)
    values = dict(
        title="Samenwerking OCMW's en SIE's", description="Een studiedag.", venue="Brussels Parlement",
        address="Lombardstraat 69, 1000 Brussel", starts_at=start, ends_at=start + timedelta(hours=7),
        capacity=capacity, registration_deadline=start - timedelta(days=1), language="nl", status=status,
        created_at=utcnow(), updated_at=utcnow(),
    )
    values.update(fields)
    record = Event(organiser=organiser, **values)
    record.co_organisers = list(co_organisers)
    db.session.add(record)
    db.session.commit()
    return record


def agenda_item(event_, minutes_from_start=0, length=30, title="Verwelkoming", kind="welcome", **fields):
    start = event_.starts_at + timedelta(minutes=minutes_from_start)
    item = AgendaItem(event=event_, starts_at=start, ends_at=start + timedelta(minutes=length), title=title,
                      kind=kind, description=fields.pop("description", ""),
                      speakers=fields.pop("speakers", []), moderators=fields.pop("moderators", []))
    db.session.add(item)
    db.session.commit()
    return item


def people(count, prefix="person"):
    return [factories.user(f"{prefix}{n}@example.test", name=f"Person {n}") for n in range(count)]


def brussels(*args):
    return datetime(*args, tzinfo=BRUSSELS)
