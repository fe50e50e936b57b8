"""Organising study days: create, edit, cancel, the agenda, and mail to the registrants.

Each verb takes the event's id and looks it up itself: 404 for an event the actor may not
see, 403 for one they see but do not organise (events/permissions.py). Every change of what
calendars show raises the event's SEQUENCE and sets `updated_at` (the feeds' DTSTAMP /
LAST-MODIFIED and their validators come from it).
"""
from flask_babel import gettext as _

from portal.core import actors, audit
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.translated import apply_translations
from portal.core.types import utcnow
from portal.core.use_case import parsed, use_case
from portal.events import notify, permissions, queries
from portal.events.models import AgendaItem, Event, Registration
from portal.events.services import seats
from portal.extensions import db
from portal.organisations.models import Organisation

EVENT_FIELDS = ("title", "description", "venue", "address", "starts_at", "ends_at", "capacity",
                "registration_deadline", "language")
ITEM_FIELDS = ("starts_at", "ends_at", "title", "kind", "description")
# status → statuses it may move to (the same status is always allowed).
STATUS_MOVES = {"draft": {"published", "cancelled"}, "published": {"cancelled"}, "cancelled": set()}


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


def _registrants(event):
    """Everyone confirmed or waiting who can still be written to: a guest erased after the day
    (services/retention.py) has no address left."""
    return db.session.execute(
        db.select(Registration).where(Registration.event_id == event.id, Registration.status != "cancelled",
                                      db.or_(Registration.user_id.is_not(None), Registration.guest_email.is_not(None)))
        .options(db.joinedload(Registration.user))
    ).scalars().all()


@use_case
def create_event(actor, data, co_organiser_ids=()):
    """Members of an approved federation or partner, and platform admins, create events; the
    event belongs to the actor's organisation (never one named in the request). `data` may be
    a parser returning the fields (and `co_organiser_ids`), run once the actor may create."""
    if not permissions.can_create_events(actor):
        raise Forbidden()
    data = dict(parsed(data))
    co_organiser_ids = data.pop("co_organiser_ids", co_organiser_ids)
    if data.get("status") == "cancelled":
        raise Invalid(fields={"status": [_("A new study day is a draft or published.")]})
    organisation = actors.organisation_of(actor)
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
    return event


@use_case
def update_event(actor, event_id, data, co_organiser_ids=None):
    """Organisers edit an event. Capacity cannot drop below the confirmed registrations; a
    larger capacity gives the new seats to the waiting list at once (seats.promote_waiting:
    DESIGN.md "Seats" promotes on a cancellation and on a raised capacity alike); setting the
    status to cancelled cancels as cancel_event does. `data` may be a parser of the event (an
    API PATCH validated merged over it); `co_organiser_ids` (or data's key of that name) left
    None keeps them."""
    event = permissions.get_event_to_organise(actor, event_id)
    data = dict(parsed(data, event))
    co_organiser_ids = data.pop("co_organiser_ids", co_organiser_ids)
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
        _cancel(event)
    else:
        event.status = status
        db.session.flush()
        if event.capacity > old_capacity:
            seats.lock_event(event.id)  # lock the row before handing out seats
            seats.promote_waiting(event)
    audit.record(actor, "event.update", event, organisation_id=event.organiser_id)
    return event


def _cancel(event):
    event.status = "cancelled"
    event.cancelled_at = utcnow()
    db.session.flush()
    for registration in _registrants(event):
        notify.mail_event_cancelled(registration, event)


@use_case
def cancel_event(actor, event_id):
    """Organisers cancel an event: it stays listed as cancelled, calendars get
    STATUS:CANCELLED, and every registrant is mailed a METHOD:CANCEL."""
    event = permissions.get_event_to_organise(actor, event_id)
    if event.status == "cancelled":
        raise Conflict(_("This study day is already cancelled."))
    _touch(event)
    _cancel(event)
    audit.record(actor, "event.cancel", event, organisation_id=event.organiser_id)
    return event


# --- the agenda --------------------------------------------------------------------------

def _check_item_times(event, data):
    errors = {}
    if data["starts_at"] < event.starts_at or data["starts_at"] >= event.ends_at:
        errors["starts_at"] = [_("The item must start during the study day.")]
    if data["ends_at"] > event.ends_at:
        errors["ends_at"] = [_("The item must end by the end of the study day.")]
    if errors:
        raise Invalid(fields=errors)


@use_case(keeps_loaded=True)
def add_agenda_item(actor, event_id, data):
    """Organisers add an item, within the event's hours. `data`: ITEM_FIELDS and `speakers`,
    `moderators` (lists of people), or a parser of the event returning them."""
    event = permissions.get_event_to_organise(actor, event_id)
    data = parsed(data, event)
    _check_item_times(event, data)
    values = {name: data[name] for name in ITEM_FIELDS}
    values["description"] = values["description"] or ""
    item = AgendaItem(event=event, **values, speakers=list(data.get("speakers") or []),
                      moderators=list(data.get("moderators") or []))
    apply_translations(item, data.get("translations"))
    db.session.add(item)
    _touch(event)
    audit.record(actor, "event.agenda.add", item, organisation_id=event.organiser_id, event_id=event.id)
    return item


@use_case(keeps_loaded=True)
def update_agenda_item(actor, event_id, item_id, data):
    """Organisers edit an item (what `data` leaves out stays; `speakers`/`moderators` None
    keep them); `data` may be a parser of (event, item)."""
    event = permissions.get_event_to_organise(actor, event_id)
    item = queries.agenda_item(event, item_id)
    data = parsed(data, event, item)
    merged = {name: data.get(name, getattr(item, name)) for name in ITEM_FIELDS}
    _check_item_times(event, merged)
    apply_translations(item, data.get("translations"))
    for name in ITEM_FIELDS:
        setattr(item, name, merged[name] if merged[name] is not None else "")
    if data.get("speakers") is not None:
        item.speakers = list(data["speakers"])
    if data.get("moderators") is not None:
        item.moderators = list(data["moderators"])
    _touch(event)
    audit.record(actor, "event.agenda.update", item, organisation_id=event.organiser_id, event_id=event.id)
    return item


@use_case
def delete_agenda_item(actor, event_id, item_id):
    event = permissions.get_event_to_organise(actor, event_id)
    item = queries.agenda_item(event, item_id)
    audit.record(actor, "event.agenda.delete", item, organisation_id=event.organiser_id, event_id=event.id)
    db.session.delete(item)
    _touch(event)


@use_case
def message_registrants(actor, event_id, subject, body):
    """Organisers e-mail everyone confirmed or waiting; returns how many were mailed."""
    event = permissions.get_event_to_organise(actor, event_id)
    registrations = _registrants(event)
    for registration in registrations:
        notify.mail_message(registration, event, subject, body, actor.name)
    audit.record(actor, "event.message", event, organisation_id=event.organiser_id, recipients=len(registrations))
    return len(registrations)
