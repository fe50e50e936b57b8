"""Registrations: the only code that decides confirmed vs waitlisted, and the only code that
promotes from the waiting list (DESIGN.md "Seats").

A seat is taken by ONE conditional statement,
    UPDATE events SET seats_taken = seats_taken + 1 WHERE id = :id AND seats_taken < capacity
whose rowcount says it all: 1 = confirmed, 0 = full. It is atomic on PostgreSQL (the row is
locked until commit, concurrent updates re-check the condition) and on SQLite (one writer at
a time). Reading the count first and inserting afterwards oversells under load;
tests/events/test_concurrency.py proves both.
"""
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, text
from sqlalchemy.exc import IntegrityError

from portal.accounts.feed_tokens import ensure_feed_secret
from portal.core import audit, permissions
from portal.core.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from portal.core.mail import queue_mail
from portal.core.translated import InReaderLanguage
from portal.core.types import to_brussels, utcnow
from portal.events import checkin, guest_links, ical, questions
from portal.events.models import Event, Registration
from portal.extensions import db

TAKE_SEAT = text("UPDATE events SET seats_taken = seats_taken + 1 WHERE id = :id AND seats_taken < capacity")
FREE_SEAT = text("UPDATE events SET seats_taken = seats_taken - 1 WHERE id = :id AND seats_taken > 0")
NEXT_WAITLIST_NUMBER = text("UPDATE events SET waitlist_counter = waitlist_counter + 1 WHERE id = :id")


def _take_seat(event_id):
    """True when a seat was taken (confirmed), False when the event is full."""
    return db.session.execute(TAKE_SEAT, {"id": event_id}).rowcount == 1


def _free_seat(event_id):
    db.session.execute(FREE_SEAT, {"id": event_id})


def _next_waitlist_number(event_id):
    # The UPDATE locks the event's row until commit (one writer at a time on SQLite), so
    # numbers are handed out once each, in the order the registrations arrive.
    db.session.execute(NEXT_WAITLIST_NUMBER, {"id": event_id})
    return db.session.execute(db.select(Event.waitlist_counter).where(Event.id == event_id)).scalar_one()


def waitlist_position(registration):
    """1 for the first in line: how many still wait with a number up to this one's."""
    if registration.status != "waitlisted":
        return None
    return db.session.execute(
        db.select(func.count()).select_from(Registration).where(
            Registration.event_id == registration.event_id,
            Registration.status == "waitlisted",
            Registration.waitlist_number <= registration.waitlist_number,
        )
    ).scalar_one()


def active_registration(user, event):
    """The user's confirmed or waitlisted registration for the event, or None."""
    if not permissions.is_authenticated(user):
        return None
    return db.session.execute(
        db.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id == user.id,
            Registration.status != "cancelled",
        )
    ).scalar_one_or_none()


def seats(event):
    """{capacity, confirmed, waitlisted, left} from one query."""
    confirmed, waitlisted = db.session.execute(
        db.select(
            func.count().filter(Registration.status == "confirmed"),
            func.count().filter(Registration.status == "waitlisted"),
        ).where(Registration.event_id == event.id)
    ).one()
    return {"capacity": event.capacity, "confirmed": confirmed, "waitlisted": waitlisted,
            "left": max(event.capacity - confirmed, 0)}


def event_link(event):
    from flask import current_app

    return f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}"


_event_link = event_link


def _mail_confirmed(registration, event, template="event_confirmed"):
    person = registration.person
    title = InReaderLanguage(event, "title")  # in the registrant's language (core/mail.py renders in it)
    subject = (_l("Your seat: %(title)s", title=title) if template == "event_promoted"
               else _l("Registration confirmed: %(title)s", title=title))
    qr = checkin.mail_attachment(registration)
    queue_mail(
        person.email, person.language, template, subject,
        attachments=[ical.attachment(ical.invitation(event, person), "REQUEST")] + ([qr] if qr else []),
        event=event, user=person, link=_event_link(event), starts_at=to_brussels(event.starts_at),
        cancel_link=guest_links.cancel_url(registration), checkin_code=checkin.code_of(registration),
    )


def register(actor, event, answers=None):
    """Register the actor for the event: confirmed while a seat is left, else on the waiting
    list (first come, first served). One registration per person (409); refused (422) after
    the deadline, on a cancelled event or one that is not published, or when the answers to
    the event's questions do not hold (checked before any seat is taken)."""
    if not permissions.is_authenticated(actor):
        raise Unauthorized()
    if not permissions.can_register_for_events(actor):
        raise Forbidden(_("Please verify your e-mail address before registering."))
    if event.status == "cancelled":
        raise Invalid(_("This study day has been cancelled."))
    if event.status != "published":
        raise Invalid(_("Registration for this study day is not open."))
    if utcnow() > event.registration_deadline:
        raise Invalid(_("Registration closed on %(deadline)s.",
                        deadline=format_datetime(to_brussels(event.registration_deadline), "medium")))
    if active_registration(actor, event) is not None:
        raise Conflict(_("You are already registered for this study day."))
    answers = questions.checked_answers(event, answers)

    try:
        registration = take_place(event, user_id=actor.id, answers=answers)
    except IntegrityError:
        # A simultaneous request of the same person won the unique index; the rollback
        # also gives back the seat taken above.
        db.session.rollback()
        raise Conflict(_("You are already registered for this study day.")) from None
    ensure_feed_secret(actor)
    audit.record(actor, "event.register", registration, status=registration.status, event_id=event.id)
    mail_place(registration, event)
    db.session.commit()
    return registration


def mail_place(registration, event):
    """Tell a new registrant (member or guest) what they got: a seat, with an invitation, or a
    place on the waiting list."""
    if registration.status == "confirmed":
        _mail_confirmed(registration, event)
        return
    person = registration.person
    queue_mail(person.email, person.language, "event_waitlisted",
               _l("Waiting list: %(title)s", title=InReaderLanguage(event, "title")),
               event=event, user=person, position=registration.waitlist_position, link=_event_link(event),
               cancel_link=guest_links.cancel_url(registration))


def take_place(event, **fields):
    """A new registration (a member's or a guest's, from `fields`) with a seat while one is left,
    else a waiting-list number: THE seat rule, for every way of registering. Flushes, so a lost
    race on a unique index raises IntegrityError here, for the caller to roll back."""
    now = utcnow()
    if _take_seat(event.id):
        registration = Registration(event_id=event.id, status="confirmed", registered_at=now, updated_at=now,
                                    **fields)
    else:
        registration = Registration(event_id=event.id, status="waitlisted",
                                    waitlist_number=_next_waitlist_number(event.id),
                                    registered_at=now, updated_at=now, **fields)
    db.session.add(registration)
    db.session.flush()
    registration.waitlist_position = waitlist_position(registration)
    return registration


def _promote_waiting(event):
    """Give free seats to the first in line, in order; the only place anyone is promoted.
    Runs inside the caller's transaction, after the caller has locked the event's row."""
    promoted = []
    if event.status != "published" or event.starts_at <= utcnow():
        return promoted
    while True:
        first = db.session.execute(
            db.select(Registration).where(Registration.event_id == event.id, Registration.status == "waitlisted")
            .order_by(Registration.waitlist_number).limit(1)
        ).scalar_one_or_none()
        if first is None or not _take_seat(event.id):
            return promoted
        first.status = "confirmed"
        first.updated_at = utcnow()
        db.session.flush()
        audit.record(None, "event.promote", first, event_id=event.id)
        _mail_confirmed(first, event, template="event_promoted")
        promoted.append(first)


def release_place(registration, event):
    """Give up a registration's place (a member's or a guest's): a freed seat goes to the first
    on the waiting list. Returns (it held a seat, the promoted registrations)."""
    was_confirmed = registration.status == "confirmed"
    if was_confirmed:
        _free_seat(event.id)  # first statement: locks the event's row until commit
    else:
        db.session.execute(text("UPDATE events SET waitlist_counter = waitlist_counter WHERE id = :id"),
                           {"id": event.id})
    now = utcnow()
    registration.status = "cancelled"
    registration.cancelled_at = now
    registration.updated_at = now
    db.session.flush()
    return was_confirmed, (_promote_waiting(event) if was_confirmed else [])


def cancel_registration(actor, event):
    """The actor gives up their place; a freed seat goes to the first on the waiting list,
    who is mailed. Not possible once the event has started."""
    registration = active_registration(actor, event)
    if registration is None:
        raise NotFound(_("You are not registered for this study day."))
    if event.starts_at <= utcnow():
        raise Invalid(_("This study day has already started."))
    was_confirmed, promoted = release_place(registration, event)
    audit.record(actor, "event.unregister", registration, event_id=event.id, was_confirmed=was_confirmed)
    queue_mail(actor.email, actor.language, "event_registration_cancelled",
               _l("Registration cancelled: %(title)s", title=InReaderLanguage(event, "title")),
               attachments=[ical.attachment(ical.cancellation(event, actor), "CANCEL")],
               event=event, user=actor, link=_event_link(event))
    db.session.commit()
    return promoted
