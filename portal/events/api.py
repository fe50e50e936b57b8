"""/api/v1 routes of the events domain (API.md §2 "Events (study days)")."""
from datetime import date, datetime, time, timedelta

from flask import jsonify, request
from flask_babel import gettext as _

from portal.accounts.feed_tokens import personal_feed_url
from portal.api import api_user, bp
from portal.api.inputs import json_body, validated
from portal.api.pagination import page_args, paginated
from portal.api.serialise import iso_datetime
from portal.core import ids
from portal.core.errors import Invalid
from portal.core.ids import is_record_id
from portal.core.translated import translations_input
from portal.core.types import BRUSSELS
from portal.events import links, permissions, queries, services
from portal.events.forms import AgendaItemForm, EventForm
from portal.events.models import AgendaItem, Event
from portal.events.openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS  # noqa: F401  (for /api/v1/openapi.json)
from portal.events.people import people_from_json

# --- wire format -----------------------------------------------------------------------

def organisation_brief(organisation):
    return {"id": organisation.id, "name": organisation.name, "type": organisation.type} if organisation else None


def event_summary(event):
    return {
        "id": event.id, "title": event.title, "description": event.description, "venue": event.venue,
        "address": event.address, "starts_at": iso_datetime(event.starts_at), "ends_at": iso_datetime(event.ends_at),
        "capacity": event.capacity, "registration_deadline": iso_datetime(event.registration_deadline),
        "language": event.language, "status": event.status,
        "organiser": organisation_brief(event.organiser),
        "co_organiser_ids": [org.id for org in event.co_organisers],
        "co_organisers": [organisation_brief(org) for org in event.co_organisers],
        "seats_left": event.seats_left, "translations": event.translations or {},
        "url": links.event_url(event), "ics_url": links.event_ics_url(event),
        "created_at": iso_datetime(event.created_at), "updated_at": iso_datetime(event.updated_at),
    }


def agenda_item(item):
    return {
        "id": item.id, "starts_at": iso_datetime(item.starts_at), "ends_at": iso_datetime(item.ends_at),
        "title": item.title, "kind": item.kind, "description": item.description,
        "speakers": item.speakers or [], "moderators": item.moderators or [],
        "translations": item.translations or {},
        "materials": [api_study_day.material_out(m) for m in item.materials],
    }


def event_detail(actor, event_id):
    """The answer about an event (GET, and the 200/201 of a change): read as committed — seats
    move by statements (services/seats.py), not through the loaded event — with the agenda,
    organisers and seats it shows."""
    event, seats = queries.event_answer(actor, event_id)
    body = event_summary(event)
    body["agenda"] = [agenda_item(item) for item in event.agenda]
    body["seats"] = seats
    return body


def registration_row(registration):
    return {
        "id": registration.id,
        "user": {"id": registration.user_id, "name": registration.person.name, "email": registration.person.email},
        "status": registration.status, "waitlist_position": registration.waitlist_position,
        "registered_at": iso_datetime(registration.registered_at),
        "organisation": organisation_brief(registration.organisation),
        "organisation_name": registration.organisation.name if registration.organisation
        else registration.organisation_name,
        "answers": registration.answers or {}, "checked_in_at": iso_datetime(registration.checked_in_at),
        "guest": registration.is_guest,
    }


# --- input helpers ---------------------------------------------------------------------

def _ids(value, field):
    if value is None:
        return []
    if not isinstance(value, list) or not all(is_record_id(v) for v in value):
        raise Invalid(fields={field: [_("Must be a list of organisation ids.")]})
    return value


def _event_input(event):
    """The event as the API writes it, so a PATCH is validated as the merged whole."""
    return {
        "title": event.title, "description": event.description, "venue": event.venue, "address": event.address,
        "starts_at": iso_datetime(event.starts_at), "ends_at": iso_datetime(event.ends_at),
        "capacity": event.capacity, "registration_deadline": iso_datetime(event.registration_deadline),
        "language": event.language, "status": event.status,
    }


def _item_input(item):
    return {"starts_at": iso_datetime(item.starts_at), "ends_at": iso_datetime(item.ends_at),
            "title": item.title, "kind": item.kind, "description": item.description}


def _day(name):
    raw = request.args.get(name, "")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


def _day_arg(name):
    raw = request.args.get(name, "")
    day = _day(name)
    if raw and day is None:
        raise Invalid(fields={name: [_("Use a date such as 2023-06-28.")]})
    return day


# --- routes ----------------------------------------------------------------------------

@bp.get("/events")
def list_events():
    start, end = _day_arg("from"), _day_arg("to")
    organiser_raw = request.args.get("organiser_id", "")
    if organiser_raw and ids.record_id(organiser_raw) is None:
        raise Invalid(fields={"organiser_id": [_("Must be a whole number.")]})
    if start is None and "from" not in request.args:
        start = datetime.now(BRUSSELS).date()
    if start and end and end < start:
        raise Invalid(fields={"to": [_("Must not be before from.")]})
    page_args()
    statement = queries.api_list(
        api_user(required=False),
        start=datetime.combine(start, time(), BRUSSELS) if start else None,
        end=datetime.combine(end + timedelta(days=1), time(), BRUSSELS) if end else None,
        organiser_id=int(organiser_raw) if organiser_raw else None,
    )
    return jsonify(paginated(statement, event_summary))


def event_patch(event):
    """A PATCH of the event, validated merged over the event as it is; only the fields sent
    change (run by the service once it knows the caller organises the event)."""
    payload = json_body()
    co_ids = _ids(payload.pop("co_organiser_ids"), "co_organiser_ids") if "co_organiser_ids" in payload else None
    translations = translations_input(payload, Event, payload.get("language", event.language), partial=True)
    form = validated(EventForm, {**_event_input(event), **payload})
    return {**{name: form.data[name] for name in payload if name in form.data}, "co_organiser_ids": co_ids,
            "translations": translations}


def new_event():
    payload = json_body()
    co_ids = _ids(payload.pop("co_organiser_ids", None), "co_organiser_ids")
    translations = translations_input(payload, Event, payload.get("language"))
    return {**validated(EventForm, payload).data, "co_organiser_ids": co_ids, "translations": translations}


@bp.post("/events")
def create_event():
    actor = api_user()
    event = services.create_event(actor, new_event)  # rights before the body
    return jsonify(event_detail(actor, event.id)), 201


@bp.get("/events/<int:event_id>")
def get_event(event_id):
    return jsonify(event_detail(api_user(required=False), event_id))


@bp.patch("/events/<int:event_id>")
def update_event(event_id):
    actor = api_user()
    services.update_event(actor, event_id, event_patch)
    return jsonify(event_detail(actor, event_id))


@bp.post("/events/<int:event_id>/cancel")
def cancel_event(event_id):
    actor = api_user()
    services.cancel_event(actor, event_id)
    return jsonify(event_detail(actor, event_id))


def agenda_body(event, item=None):
    """An agenda item's body (a PATCH merged over the item), with its speakers and moderators."""
    payload = json_body()
    translations = translations_input(payload, AgendaItem, event.language, partial=item is not None)
    speakers = people_from_json(payload.pop("speakers"), "speakers") if "speakers" in payload else None
    moderators = people_from_json(payload.pop("moderators"), "moderators") if "moderators" in payload else None
    base = _item_input(item) if item is not None else {}
    form = validated(AgendaItemForm, {**base, **payload})
    return {**form.data, "translations": translations, "speakers": speakers, "moderators": moderators}


@bp.post("/events/<int:event_id>/agenda")
def add_agenda_item(event_id):
    item = services.add_agenda_item(api_user(), event_id, agenda_body)
    return jsonify(agenda_item(item)), 201


@bp.patch("/events/<int:event_id>/agenda/<int:item_id>")
def update_agenda_item(event_id, item_id):
    item = services.update_agenda_item(api_user(), event_id, item_id, agenda_body)
    return jsonify(agenda_item(item))


@bp.delete("/events/<int:event_id>/agenda/<int:item_id>")
def delete_agenda_item(event_id, item_id):
    services.delete_agenda_item(api_user(), event_id, item_id)
    return "", 204


def answers_in(payload):
    """The registration body's parser (run by the service once the event is looked up): only
    `answers` may be sent."""
    def parse(_event):
        unknown = {name: [_("This field cannot be set.")] for name in payload if name != "answers"}
        if unknown:
            raise Invalid(fields=unknown)
        return payload.get("answers")
    return parse


@bp.post("/events/<int:event_id>/registrations")
def register(event_id):
    actor = api_user(required=False)
    if actor is None:  # a visitor: a guest registration, confirmed by a mailed link (202)
        return api_study_day.guest_request(event_id)
    payload = json_body()
    if "name" in payload or "email" in payload:  # an organiser registers someone else (201)
        return api_study_day.register_someone(actor, event_id, payload)
    registration = services.register(actor, event_id, answers_in(payload))
    body = {"id": registration.id, "event_id": event_id, "status": registration.status,
            "calendar_feed_url": personal_feed_url(actor)}
    if registration.status == "waitlisted":
        body["waitlist_position"] = registration.waitlist_position
    return jsonify(body), 201


@bp.delete("/events/<int:event_id>/registrations/me")
def unregister(event_id):
    services.cancel_registration(api_user(), event_id)
    return "", 204


@bp.get("/events/<int:event_id>/registrations")
def list_registrations(event_id):
    event = permissions.get_event_to_organise(api_user(), event_id)
    page, per_page = page_args(default_per_page=100)
    rows = queries.registrations_of_event(event)
    chunk = rows[(page - 1) * per_page: page * per_page]
    return jsonify({"items": [registration_row(r) for r in chunk], "total": len(rows),
                    "page": page, "per_page": per_page})


from portal.events import api_study_day  # noqa: E402  (questions, guests and the rest of #17's routes)
