"""After the day (#17): a short feedback form mailed to the attendees — a rating of 1 to 5 and a
comment for the day, optionally a rating per talk — and the organisers' view of the results.

The form is reached by a signed link (members and guests alike, no log-in needed), only by people
checked in at a day that has ended; one answer per registration, the latest stands. The results
show no names: people write more freely, and organisers need the picture, not the person.
"""
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from portal.core import audit
from portal.core.errors import Conflict, Forbidden, Invalid, NotFound
from portal.core.mail import queue_mail
from portal.core.signed_links import LinkProblem, load, sign
from portal.core.translated import InReaderLanguage
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.events import links
from portal.events.models import Event, Registration
from portal.events.models_study_day import Feedback
from portal.extensions import db

SALT = "tandem.events.feedback"
RATED_KINDS = ("talk", "panel", "qa")
COMMENT_MAX = 10_000


def form_url(registration):
    token = sign(SALT, {"r": registration.id, "e": registration.event_id})
    return links.feedback_url(token)


def rated_items(event):
    return [item for item in event.agenda if item.kind in RATED_KINDS]


def registration_for(token):
    """The attendee a feedback link names: NotFound when bad, Forbidden when not checked in,
    Conflict before the day has ended."""
    try:
        payload = load(SALT, token)
    except LinkProblem:
        raise NotFound() from None
    if not isinstance(payload, dict) or not all(isinstance(payload.get(k), int) for k in ("r", "e")):
        raise NotFound()
    registration = db.session.execute(
        db.select(Registration).where(Registration.id == payload["r"], Registration.event_id == payload["e"])
        .options(joinedload(Registration.event).selectinload(Event.agenda), joinedload(Registration.user))
    ).unique().scalar_one_or_none()
    if registration is None:
        raise NotFound()
    if registration.checked_in_at is None:
        raise Forbidden(_("Only people checked in at the study day give feedback."))
    if registration.event.ends_at > utcnow():
        raise Conflict(_("Feedback opens once the study day has ended."))
    return registration


def existing(registration):
    return db.session.execute(db.select(Feedback).where(Feedback.registration_id == registration.id)
                              ).scalar_one_or_none()


def _rating(value, field, errors, required=True):
    if value in (None, "") and not required:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        errors[field] = [_("Give a rating from 1 to 5.")]
        return None
    return value


@use_case
def give(registration, rating, comment, item_ratings):
    """Store (or replace) the attendee's feedback; Invalid naming each bad field, nothing stored."""
    errors = {}
    rating = _rating(rating, "rating", errors)
    comment = comment if isinstance(comment, str) else None
    if comment is None or "\x00" in comment or len(comment) > COMMENT_MAX:
        errors["comment"] = [_("At most %(max)d characters.", max=COMMENT_MAX)]
    allowed = {str(item.id) for item in rated_items(registration.event)}
    ratings = {}
    for key, value in (item_ratings or {}).items():
        if key not in allowed:
            errors[f"items.{key}"] = [_("There is no such talk on this study day.")]
            continue
        value = _rating(value, f"items.{key}", errors, required=False)
        if value is not None:
            ratings[key] = value
    if errors:
        raise Invalid(fields=errors)
    feedback = existing(registration) or Feedback(event_id=registration.event_id, registration_id=registration.id)
    feedback.rating, feedback.comment, feedback.item_ratings = rating, comment.strip(), ratings
    feedback.updated_at = utcnow()
    db.session.add(feedback)
    return feedback


@use_case
def ask_attendees(actor, event):
    """Organisers mail every checked-in registrant the feedback link, once the day has ended."""
    if event.ends_at > utcnow():
        raise Conflict(_("Feedback opens once the study day has ended."))
    attendees = db.session.execute(
        db.select(Registration).where(Registration.event_id == event.id, Registration.status == "confirmed",
                                      Registration.checked_in_at.is_not(None))
        .options(joinedload(Registration.user))
    ).scalars().all()
    for registration in attendees:
        person = registration.person
        queue_mail(person.email, person.language, "event_feedback",
                   _l("How was the study day? %(title)s", title=InReaderLanguage(event, "title")),
                   event=event, user=person, link=form_url(registration))
    audit.record(actor, "event.feedback.ask", event, organisation_id=event.organiser_id, recipients=len(attendees))
    return len(attendees)


def _average(values):
    """The mean to one decimal, written in the reader's language (4,5 in Dutch and French)."""
    return format_decimal(round(sum(values) / len(values), 1), "0.0") if values else None


def results(event):
    """{count, average, distribution {1..5: n}, items [(item, count, average)], comments} from two queries."""
    event = db.session.execute(db.select(Event).where(Event.id == event.id).options(selectinload(Event.agenda))
                               ).scalar_one()
    answers = db.session.execute(db.select(Feedback).where(Feedback.event_id == event.id)
                                 .order_by(Feedback.updated_at.desc())).scalars().all()
    ratings = [a.rating for a in answers]
    items = []
    for item in rated_items(event):
        given = [a.item_ratings[str(item.id)] for a in answers if str(item.id) in (a.item_ratings or {})]
        items.append((item, len(given), _average(given)))
    return {"count": len(answers), "average": _average(ratings),
            "distribution": {n: ratings.count(n) for n in range(5, 0, -1)}, "items": items,
            "comments": [a.comment for a in answers if a.comment]}
