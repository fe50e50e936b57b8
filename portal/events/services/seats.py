"""Seats: the only code that takes, frees or hands out a seat (DESIGN.md "Seats").

A seat is taken by ONE conditional statement,
    UPDATE events SET seats_taken = seats_taken + 1 WHERE id = :id AND seats_taken < capacity
whose rowcount says it all: 1 = confirmed, 0 = full. It is atomic on PostgreSQL (the row is
locked until commit, concurrent updates re-check the condition) and on SQLite (one writer at
a time). Reading the count first and inserting afterwards oversells under load;
tests/events/test_concurrency.py proves both. The statements are SQLAlchemy `update()`s of
the events table (not SQL text), so the data-version counters see them (core/data_versions.py).
"""
from sqlalchemy import update

from portal.core import audit
from portal.core.types import utcnow
from portal.events import notify, queries
from portal.events.models import Event, Registration
from portal.extensions import db

# synchronize_session=False: the in-memory Event is not updated by these statements (the
# statement is the truth; seats_taken is read back where it matters).
TAKE_SEAT = (update(Event).where(Event.seats_taken < Event.capacity)
             .values(seats_taken=Event.seats_taken + 1).execution_options(synchronize_session=False))
FREE_SEAT = (update(Event).where(Event.seats_taken > 0)
             .values(seats_taken=Event.seats_taken - 1).execution_options(synchronize_session=False))
NEXT_WAITLIST_NUMBER = (update(Event).values(waitlist_counter=Event.waitlist_counter + 1)
                        .execution_options(synchronize_session=False))
# Changes nothing, but takes the event's row lock until commit (one writer at a time).
LOCK = update(Event).values(waitlist_counter=Event.waitlist_counter).execution_options(synchronize_session=False)


def take_seat(event_id):
    """True when a seat was taken (confirmed), False when the event is full."""
    return db.session.execute(TAKE_SEAT.where(Event.id == event_id)).rowcount == 1


def free_seat(event_id):
    db.session.execute(FREE_SEAT.where(Event.id == event_id))


def lock_event(event_id):
    """Lock the event's row before handing out seats, so two promotions never race."""
    db.session.execute(LOCK.where(Event.id == event_id))


def next_waitlist_number(event_id):
    # The UPDATE locks the event's row until commit (one writer at a time on SQLite), so
    # numbers are handed out once each, in the order the registrations arrive.
    db.session.execute(NEXT_WAITLIST_NUMBER.where(Event.id == event_id))
    return db.session.execute(db.select(Event.waitlist_counter).where(Event.id == event_id)).scalar_one()


def take_place(event, **fields):
    """A new registration (a member's or a guest's, from `fields`) with a seat while one is left,
    else a waiting-list number: THE seat rule, for every way of registering (register, a guest's
    confirmed link, an organiser registering someone). Flushes, so a lost race on a unique index
    raises IntegrityError here, for the caller's use case to roll back (the seat with it)."""
    now = utcnow()
    if take_seat(event.id):
        registration = Registration(event_id=event.id, status="confirmed", registered_at=now, updated_at=now,
                                    **fields)
    else:
        registration = Registration(event_id=event.id, status="waitlisted",
                                    waitlist_number=next_waitlist_number(event.id),
                                    registered_at=now, updated_at=now, **fields)
    db.session.add(registration)
    db.session.flush()
    registration.waitlist_position = queries.waitlist_position(registration)
    return registration


def release_place(registration, event):
    """Give up a registration's place (a member's or a guest's): a freed seat goes to the first
    on the waiting list. Returns (it held a seat, the promoted registrations)."""
    was_confirmed = registration.status == "confirmed"
    if was_confirmed:
        free_seat(event.id)  # first statement: locks the event's row until commit
    else:
        lock_event(event.id)
    now = utcnow()
    registration.status = "cancelled"
    registration.cancelled_at = now
    registration.updated_at = now
    db.session.flush()
    return was_confirmed, (promote_waiting(event) if was_confirmed else [])


def promote_waiting(event):
    """Give free seats to the first in line, in order, and mail them; the only place anyone is
    promoted (a cancelled registration, a raised capacity). Runs inside the caller's
    transaction, after the caller has locked the event's row."""
    promoted = []
    if event.status != "published" or event.starts_at <= utcnow():
        return promoted
    while True:
        first = db.session.execute(
            db.select(Registration).where(Registration.event_id == event.id, Registration.status == "waitlisted")
            .order_by(Registration.waitlist_number).limit(1)
        ).scalar_one_or_none()
        if first is None or not take_seat(event.id):
            return promoted
        first.status = "confirmed"
        first.updated_at = utcnow()
        db.session.flush()
        audit.record(None, "event.promote", first, event_id=event.id)
        notify.mail_promoted(first, event)
        promoted.append(first)
