"""Organising study days: create, edit, cancel, the agenda, and mail to the registrants.

Every change of what calendars show raises the event's SEQUENCE and sets `updated_at` (the
feeds' DTSTAMP/LAST-MODIFIED and their validators come from it).
"""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager

from portal.core import audit, permissions
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.mail import queue_mail
from portal.core.translated import InReaderLanguage, apply_translations
from portal.core.types import utcnow
from portal.events import guest_links, ical
from portal.events.models import AgendaItem, Event, Registration
from portal.events.services import _promote_waiting
from portal.extensions import db
from portal.organisations.models import Organisation

EVENT_FIELDS = ("title", "description", "venue", "address", "starts_at", "ends_at", "capacity",
                "registration_deadline", "language")
ITEM_FIELDS = ("starts_at", "ends_at", "title", "kind", "description")
# status → statuses it may move to (the same status is always allowed).
STATUS_MOVES = {"draft": {"published", "cancelled"}, "published": {"cancelled"}, "cancelled": set()}


def _require_organiser(actor, event):
    if not permissions.is_event_organiser(actor, event):
        raise Forbidden()


def _touch(event):
    event.updated_at = utcnow()
    event.sequence = (event.sequence or 0) + 1


def _co_organisers(ids, organiser_id):
    ids = [i for i in dict.fromkeys(ids or []) if i != organiser_id]
    if not ids:
        return []
    found = db.session.execute(
        db.select(Organisation).where(Organisation.id.in_(ids), Organisation.status == "approved")
    ).scalars().all()
    if len(found) != len(ids):
        raise Invalid(fields={"co_organiser_ids": [_("Choose approved organisations of the network.")]})
    return found


def create_event(actor, data, co_organiser_ids=()):
    """Members of an approved federation or partner, and platform admins, create events; the
    event belongs to the actor's organisation (never one named in the request)."""
    if not permissions.can_create_events(actor):
        raise Forbidden()
    if data.get("status") == "cancelled":
        raise Invalid(fields={"status": [_("A new study day is a draft or published.")]})
    organisation = permissions.organisation_of(actor)
    now = utcnow()
    event = Event(
        **{name: data[name] for name in EVENT_FIELDS}, status=data.get("status") or "draft",
        organiser=organisation, created_by_id=actor.id, created_at=now, updated_at=now, sequence=0,
        seats_taken=0, waitlist_counter=0,
    )
    event.description = event.description or ""
    apply_translations(event, data.get("translations"))
    event.co_organisers = _co_organisers(co_organiser_ids, organisation.id if organisation else None)
    db.session.add(event)
    audit.record(actor, "event.create", event, organisation_id=organisation.id if organisation else None)
    db.session.commit()
    return event


def update_event(actor, event, data, co_organiser_ids=None):
    """Organisers edit an event. Capacity cannot drop below the confirmed registrations; a
    larger capacity gives the new seats to the waiting list; setting the status to
    cancelled cancels as cancel_event does."""
    _require_organiser(actor, event)
    status = data.get("status") or event.status
    if status != event.status and status not in STATUS_MOVES[event.status]:
        raise Conflict(_("A %(old)s study day cannot become %(new)s.", old=event.status, new=status))
    if "capacity" in data and data["capacity"] < event.seats_taken:
        raise Invalid(fields={"capacity": [
            _("%(count)d people already have a seat; the capacity cannot be lower.", count=event.seats_taken)
        ]})
    old_capacity = event.capacity
    apply_translations(event, data.get("translations"), data.get("language"))
    for name in EVENT_FIELDS:
        if name in data:
            setattr(event, name, data[name] if data[name] is not None else "")
    if co_organiser_ids is not None:
        event.co_organisers = _co_organisers(co_organiser_ids, event.organiser_id)
    _touch(event)
    if status == "cancelled" and event.status != "cancelled":
        _cancel(actor, event)
    else:
        event.status = status
        db.session.flush()
        if event.capacity > old_capacity:
            db.session.execute(db.text("UPDATE events SET waitlist_counter = waitlist_counter WHERE id = :id"),
                               {"id": event.id})  # lock the row before handing out seats
            _promote_waiting(event)
    audit.record(actor, "event.update", event, organisation_id=event.organiser_id)
    db.session.commit()
    return event


def _cancel(actor, event):
    event.status = "cancelled"
    event.cancelled_at = utcnow()
    db.session.flush()
    registrations = db.session.execute(
        db.select(Registration).where(Registration.event_id == event.id, Registration.status != "cancelled")
        .options(db.joinedload(Registration.user))
    ).scalars().all()
    for registration in registrations:
        user = registration.person
        queue_mail(user.email, user.language, "event_cancelled",
                   _l("Cancelled: %(title)s", title=InReaderLanguage(event, "title")),
                   attachments=[ical.attachment(ical.cancellation(event, user), "CANCEL")],
                   event=event, user=user, link=f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}")


def cancel_event(actor, event):
    """Organisers cancel an event: it stays listed as cancelled, calendars get
    STATUS:CANCELLED, and every registrant is mailed a METHOD:CANCEL."""
    _require_organiser(actor, event)
    if event.status == "cancelled":
        raise Conflict(_("This study day is already cancelled."))
    _touch(event)
    _cancel(actor, event)
    audit.record(actor, "event.cancel", event, organisation_id=event.organiser_id)
    db.session.commit()
    return event


def _check_item_times(event, data):
    errors = {}
    if data["starts_at"] < event.starts_at or data["starts_at"] >= event.ends_at:
        errors["starts_at"] = [_("The item must start during the study day.")]
    if data["ends_at"] > event.ends_at:
        errors["ends_at"] = [_("The item must end by the end of the study day.")]
    if errors:
        raise Invalid(fields=errors)


def add_agenda_item(actor, event, data, speakers=(), moderators=()):
    """Organisers add an item, within the event's hours."""
    _require_organiser(actor, event)
    _check_item_times(event, data)
    values = {name: data[name] for name in ITEM_FIELDS}
    values["description"] = values["description"] or ""
    item = AgendaItem(event=event, **values, speakers=list(speakers), moderators=list(moderators))
    apply_translations(item, data.get("translations"))
    db.session.add(item)
    _touch(event)
    audit.record(actor, "event.agenda.add", item, organisation_id=event.organiser_id, event_id=event.id)
    db.session.commit()
    return item


def update_agenda_item(actor, event, item, data, speakers=None, moderators=None):
    _require_organiser(actor, event)
    merged = {name: data.get(name, getattr(item, name)) for name in ITEM_FIELDS}
    _check_item_times(event, merged)
    apply_translations(item, data.get("translations"))
    for name in ITEM_FIELDS:
        setattr(item, name, merged[name] if merged[name] is not None else "")
    if speakers is not None:
        item.speakers = list(speakers)
    if moderators is not None:
        item.moderators = list(moderators)
    _touch(event)
    audit.record(actor, "event.agenda.update", item, organisation_id=event.organiser_id, event_id=event.id)
    db.session.commit()
    return item


def delete_agenda_item(actor, event, item):
    _require_organiser(actor, event)
    audit.record(actor, "event.agenda.delete", item, organisation_id=event.organiser_id, event_id=event.id)
    db.session.delete(item)
    _touch(event)
    db.session.commit()


def get_agenda_item(event, item_id):
    from portal.core.errors import NotFound

    item = db.session.execute(
        db.select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.event_id == event.id)
    ).scalar_one_or_none()
    if item is None:
        raise NotFound()
    return item


def message_registrants(actor, event, subject, body):
    """Organisers e-mail everyone confirmed or waiting; returns how many were mailed."""
    _require_organiser(actor, event)
    registrations = db.session.execute(
        db.select(Registration).where(Registration.event_id == event.id, Registration.status != "cancelled")
        .options(db.joinedload(Registration.user))
    ).scalars().all()
    for registration in registrations:
        user = registration.person
        queue_mail(user.email, user.language, "event_message", subject, event=event, user=user, body=body,
                   sender_name=actor.name, cancel_link=guest_links.cancel_url(registration),
                   link=f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}")
    audit.record(actor, "event.message", event, organisation_id=event.organiser_id, recipients=len(registrations))
    db.session.commit()
    return len(registrations)


def send_reminders(now=None):
    """Mail confirmed registrants of published events starting within 48 hours, once each:
    the conditional UPDATE of reminded_at makes a second (or simultaneous) run skip them, and
    the claim and the mail commit together (the outbox)."""
    from datetime import timedelta

    now = now or utcnow()
    rows = db.session.execute(
        db.select(Registration).join(Registration.event).where(
            Event.status == "published", Event.starts_at > now, Event.starts_at <= now + timedelta(hours=48),
            Registration.status == "confirmed", Registration.reminded_at.is_(None),
        ).options(db.joinedload(Registration.user), contains_eager(Registration.event))
        .order_by(Registration.id)  # two runs lock rows in the same order: no deadlock
    ).scalars().all()
    sent = 0
    for registration in rows:
        claimed = db.session.execute(
            db.update(Registration).where(Registration.id == registration.id, Registration.reminded_at.is_(None))
            .values(reminded_at=now).execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            continue
        user, event = registration.person, registration.event
        queue_mail(user.email, user.language, "event_reminder",
                   _l("Reminder: %(title)s", title=InReaderLanguage(event, "title")),
                   event=event, user=user, cancel_link=guest_links.cancel_url(registration),
                   link=f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}")
        sent += 1
    db.session.commit()
    return sent
