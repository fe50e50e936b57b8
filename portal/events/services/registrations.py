"""Registrations: who may register or cancel, and the only code that decides confirmed vs
waitlisted (through seats.py). Each verb looks the event up itself (events/permissions.py)."""
from dataclasses import dataclass

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from portal.accounts.feed_tokens import ensure_feed_secret
from portal.core import actors, audit
from portal.core.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from portal.core.types import to_brussels, utcnow
from portal.core.use_case import parsed, use_case
from portal.events import notify, permissions, queries, questions
from portal.events.services import seats

# --- the rules: may register, may cancel ----------------------------------------------------

class NotRegistered(NotFound):
    """404: the visitor has no registration to give up (the event itself they may see)."""

def registration_refusal(actor, event, now=None):
    """Why `actor` may not register for `event` now (the error register() raises), or None:
    anonymous (401), e-mail not verified (403), cancelled, not published or past the deadline
    (422), already registered (409)."""
    now = now or utcnow()
    if not actors.is_authenticated(actor):
        return Unauthorized()
    if not permissions.can_register_for_events(actor):
        return Forbidden(_("Please verify your e-mail address before registering."))
    if event.status == "cancelled":
        return Invalid(_("This study day has been cancelled."))
    if event.status != "published":
        return Invalid(_("Registration for this study day is not open."))
    if now > event.registration_deadline:
        return Invalid(_("Registration closed on %(deadline)s.",
                         deadline=format_datetime(to_brussels(event.registration_deadline), "medium")))
    if queries.active_registration(actor, event) is not None:
        return Conflict(_("You are already registered for this study day."))
    return None


def cancellation_refusal(event, registration, now=None):
    """Why this registration may not be given up now, or None: there is none (404), or the
    day has started (422)."""
    if registration is None:
        return NotRegistered(_("You are not registered for this study day."))
    if event.starts_at <= (now or utcnow()):
        return Invalid(_("This study day has already started."))
    return None


@dataclass(frozen=True)
class RegistrationFlags:
    """What the event page offers the visitor, asked of the rules above (templates read these
    instead of restating them)."""

    registration_open: bool  # published and before the deadline, whoever asks
    may_register: bool
    needs_verification: bool
    may_cancel: bool


def flags_for(actor, event, registration, now=None):
    now = now or utcnow()
    refusal = registration_refusal(actor, event, now) if registration is None else Conflict()
    return RegistrationFlags(
        registration_open=event.status == "published" and now <= event.registration_deadline,
        may_register=refusal is None,
        needs_verification=actors.is_authenticated(actor) and not permissions.can_register_for_events(actor),
        may_cancel=registration is not None and event.status != "cancelled"
        and cancellation_refusal(event, registration, now) is None,
    )


# --- the verbs ---------------------------------------------------------------------------

@use_case
def register(actor, event_id, answers=None):
    """Register the actor for the event: confirmed while a seat is left, else on the waiting
    list (first come, first served). Refused as registration_refusal says, or (422) when the
    answers to the event's questions do not hold — checked before any seat is taken. `answers`
    may be a parser of the event (use_case.parsed): the body is read after access is decided.
    Returns the registration with its waitlist_position."""
    event = permissions.get_event_for(actor, event_id)
    answers = parsed(answers, event)
    refusal = registration_refusal(actor, event)
    if refusal is not None:
        raise refusal
    answers = questions.checked_answers(event, answers)
    try:
        registration = seats.take_place(event, user_id=actor.id, answers=answers)
    except IntegrityError:
        # A simultaneous request of the same person won the unique index; the rollback
        # (@use_case) also gives back the seat taken above.
        raise Conflict(_("You are already registered for this study day.")) from None
    ensure_feed_secret(actor)
    audit.record(actor, "event.register", registration, status=registration.status, event_id=event.id)
    notify.mail_place(registration, event)
    return registration


@use_case
def cancel_registration(actor, event_id):
    """The actor gives up their place (cancellation_refusal says when not); a freed seat goes
    to the first on the waiting list, who is mailed. Returns the promoted registrations."""
    event = permissions.get_event_for(actor, event_id)
    registration = queries.active_registration(actor, event)
    refusal = cancellation_refusal(event, registration)
    if refusal is not None:
        raise refusal
    was_confirmed, promoted = seats.release_place(registration, event)
    audit.record(actor, "event.unregister", registration, event_id=event.id, was_confirmed=was_confirmed)
    notify.mail_registration_cancelled(actor, event)
    return promoted
