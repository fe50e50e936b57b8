"""Guests: people without an account register for a study day (API.md §6.3).

A visitor's request stores a GuestRequest and mails a link; the seat (or the waiting-list place)
is taken only when that link is opened, through THE seat rule (`services/seats.py: take_place`). The answer
to a request is the same whatever the address (an account, a registration already, nothing):
only the mailbox's holder learns more, from the link. Every guest mail carries a signed
cancellation link (guest_links.py). An organiser can register someone by name and address at once.
"""
import limits
from flask import current_app, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from portal.accounts.forms import email_field
from portal.accounts.throttle import RateLimited
from portal.core import audit
from portal.core.choices import INTERFACE_LANGUAGES
from portal.core.errors import Conflict, Invalid
from portal.core.fields import choice_field
from portal.core.mail import queue_mail
from portal.core.signed_links import LinkProblem
from portal.core.translated import InReaderLanguage
from portal.core.types import to_brussels, utcnow
from portal.core.use_case import use_case
from portal.events import guest_links, notify, permissions, questions
from portal.events.models import Event, Registration
from portal.events.models_study_day import GuestRequest
from portal.events.services import seats
from portal.extensions import db, limiter

# Claims a confirmation link once: the conditional UPDATE of used_at lets one opening through.
CLAIM_REQUEST = (update(GuestRequest).where(GuestRequest.used_at.is_(None))
                 .execution_options(synchronize_session=False))


class GuestForm(FlaskForm):
    """Who the guest is: shared by the event's guest page and the API (portal.api.inputs)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = email_field()
    language = choice_field(_l("Language of the mails"), INTERFACE_LANGUAGES, validators=[DataRequired()])
    organisation_name = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])


def _limited():
    """Guest requests share the sign-up limit (SIGNUP_LIMIT) per client address, page and API alike."""
    item = limits.parse(current_app.config["SIGNUP_LIMIT"])
    key = (current_app.config.get("RATELIMIT_KEY_PREFIX") or "tandem", "guest-registration",
           request.remote_addr or "unknown")
    if not limiter.limiter.hit(item, *key):
        raise RateLimited(message=_("Too many attempts. Please wait a while and try again."))


def _check_open(event, deadline=True):
    if event.status == "cancelled":
        raise Invalid(_("This study day has been cancelled."))
    if event.status != "published":
        raise Invalid(_("Registration for this study day is not open."))
    if deadline and utcnow() > event.registration_deadline:
        raise Invalid(_("Registration closed on %(deadline)s.",
                        deadline=format_datetime(to_brussels(event.registration_deadline), "medium")))


def _guest_fields(data):
    return {"name": data["name"].strip(), "email": data["email"].strip().lower(), "language": data["language"],
            "organisation_name": (data.get("organisation_name") or "").strip()}


@use_case
def request_registration(event_id, data, answers):
    """A visitor asks for a place: checked (fields, answers, open), stored as a GuestRequest and
    answered by a mailed link. Holds no seat. Rate-limited per client address."""
    event = permissions.get_event_for(None, event_id)
    _limited()
    _check_open(event)
    answers = questions.checked_answers(event, answers)
    guest_request = GuestRequest(event_id=event.id, answers=answers, **_guest_fields(data))
    db.session.add(guest_request)
    db.session.flush()
    audit.record(None, "event.guest.request", guest_request, event_id=event.id)
    queue_mail(guest_request.email, guest_request.language, "event_guest_confirm",
               _l("Confirm your registration: %(title)s", title=InReaderLanguage(event, "title")),
               event=event, name=guest_request.name, link=guest_links.confirm_url(guest_request))
    return guest_request


def _active_guest(event_id, email):
    return db.session.execute(db.select(Registration).where(
        Registration.event_id == event_id, func.lower(Registration.guest_email) == email,
        Registration.status != "cancelled")).scalar_one_or_none()


def _place(event, fields, answers, actor=None):
    if _active_guest(event.id, fields["email"]) is not None:
        raise Conflict(_("This address is already registered for this study day."))
    try:
        registration = seats.take_place(
            event, guest_name=fields["name"], guest_email=fields["email"], guest_language=fields["language"],
            organisation_name=fields["organisation_name"] or None, answers=answers)
    except IntegrityError:  # a simultaneous registration of the address won (@use_case rolls back)
        raise Conflict(_("This address is already registered for this study day.")) from None
    audit.record(actor, "event.guest.register", registration, status=registration.status, event_id=event.id)
    notify.mail_place(registration, event)
    return registration


@use_case
def confirm(token):
    """Open a mailed confirmation link: the seat or waiting-list place is taken now, once.
    LinkProblem for a bad, expired or used link; Invalid when registration has closed since."""
    request_id, event_id = guest_links.confirm_payload(token)
    guest_request = db.session.get(GuestRequest, request_id)
    if guest_request is None or guest_request.event_id != event_id:
        raise LinkProblem("invalid")
    if guest_request.used_at is not None:
        raise LinkProblem("used")
    event = db.session.get(Event, event_id)
    _check_open(event)
    claim = CLAIM_REQUEST.where(GuestRequest.id == guest_request.id).values(used_at=utcnow())
    if db.session.execute(claim).rowcount != 1:
        raise LinkProblem("used")  # a simultaneous opening of the same link won
    fields = {"name": guest_request.name, "email": guest_request.email, "language": guest_request.language,
              "organisation_name": guest_request.organisation_name}
    return _place(event, fields, guest_request.answers)


@use_case
def register_someone(actor, event_id, data, answers):
    """An organiser registers a guest (a speaker, a guest of the parliament) by name and address:
    placed at once, even after the deadline; required questions may stay unanswered."""
    event = permissions.get_event_to_organise(actor, event_id)
    _check_open(event, deadline=False)
    answers = questions.checked_answers(event, answers, enforce_required=False)
    return _place(event, _guest_fields({"language": event.language, **data}), answers, actor=actor)


def registration_to_cancel(token):
    """The guest's registration a cancellation link names; LinkProblem when bad or already used."""
    registration_id, event_id = guest_links.cancel_payload(token)
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event_id or not registration.is_guest:
        raise LinkProblem("invalid")
    if registration.status == "cancelled":
        raise LinkProblem("used")
    return registration


@use_case
def cancel(token):
    """A guest gives up their place from the mailed link; the first waiting is promoted."""
    registration = registration_to_cancel(token)
    event = registration.event
    if event.starts_at <= utcnow():
        raise Invalid(_("This study day has already started."))
    was_confirmed, _promoted = seats.release_place(registration, event)
    audit.record(None, "event.guest.unregister", registration, event_id=event.id, was_confirmed=was_confirmed)
    notify.mail_registration_cancelled(registration.person, event)
    return registration

