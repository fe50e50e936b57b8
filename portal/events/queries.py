"""Read-side statements of the events domain: lists, feeds and their cheap validators.

Each list chooses its eager loading here, so a page or feed runs a fixed number of
queries whatever the number of events.
"""
from datetime import timedelta

from sqlalchemy import case, func, or_
from sqlalchemy.orm import aliased, joinedload, raiseload, selectinload

from portal.accounts.models import User
from portal.core import actors, cache
from portal.core.lookups import one_or_not_found
from portal.core.types import utcnow
from portal.events import permissions
from portal.events.models import AgendaItem, Event, Registration, event_co_organisers
from portal.extensions import db

FEED_WINDOW = timedelta(days=30)
PROFILE_LIMIT = 20


def list_options(with_agenda=False):
    options = [joinedload(Event.organiser), selectinload(Event.co_organisers)]
    if with_agenda:
        options.append(selectinload(Event.agenda).selectinload(AgendaItem.materials))
    else:
        options.append(raiseload(Event.agenda))
    return options


def by_organiser(statement, organiser_id):
    co_organised = db.select(event_co_organisers.c.event_id).where(
        event_co_organisers.c.organisation_id == organiser_id
    )
    return statement.where(or_(Event.organiser_id == organiser_id, Event.id.in_(co_organised)))


def upcoming(user, limit=200):
    """Events the user may see that have not ended yet, soonest first."""
    statement = (permissions.events_visible_to(user).where(Event.ends_at >= utcnow())
                 .order_by(Event.starts_at, Event.id).limit(limit).options(*list_options()))
    return db.session.execute(statement).unique().scalars().all()


def past(user):
    """Events that have ended, latest first (the page paginates this statement)."""
    return (permissions.events_visible_to(user).where(Event.ends_at < utcnow())
            .order_by(Event.starts_at.desc(), Event.id.desc()).options(*list_options()))


def api_list(user, start=None, end=None, organiser_id=None):
    statement = db.select(Event).where(Event.status.in_(permissions.PUBLIC_EVENT_STATUSES))
    if start is not None:
        statement = statement.where(Event.starts_at >= start)
    if end is not None:
        statement = statement.where(Event.starts_at < end)
    if organiser_id is not None:
        statement = by_organiser(statement, organiser_id)
    return statement.order_by(Event.starts_at, Event.id).options(*list_options())


def with_agenda(event_id):
    return db.session.execute(
        db.select(Event).where(Event.id == event_id).options(*list_options(with_agenda=True))
    ).unique().scalar_one()


# --- feeds: the statement of what a feed holds, and its validator (one cheap query) ------

def public_feed_filter(organiser_id=None):
    statement = db.select(Event).where(
        Event.status.in_(permissions.PUBLIC_EVENT_STATUSES), Event.ends_at >= utcnow() - FEED_WINDOW
    )
    return by_organiser(statement, organiser_id) if organiser_id is not None else statement


def public_feed_validator_until(organiser_id=None):
    """((count, latest change), the moment it stops being true): the feed loses its first
    event FEED_WINDOW after that event ends. One aggregate query."""
    inner = public_feed_filter(organiser_id).with_only_columns(Event.updated_at, Event.ends_at).subquery()
    count, latest, first_end = db.session.execute(
        db.select(func.count(), func.max(inner.c.updated_at), func.min(inner.c.ends_at))
    ).one()
    return (count, latest), (first_end + FEED_WINDOW if first_end is not None else None)


def next_end(user):
    """When the first of the user's upcoming events ends (it then moves to the past), or None."""
    inner = permissions.events_visible_to(user).where(Event.ends_at >= utcnow()).with_only_columns(Event.ends_at)
    return db.session.execute(db.select(func.min(inner.subquery().c.ends_at))).scalar_one()


def public_feed_events(organiser_id=None):
    statement = public_feed_filter(organiser_id).order_by(Event.starts_at, Event.id)
    return db.session.execute(statement.options(*list_options(with_agenda=True))).unique().scalars().all()


def personal_feed_filter(user):
    return (db.select(Event, Registration.status)
            .join(Registration, Registration.event_id == Event.id)
            .where(Registration.user_id == user.id, Registration.status != "cancelled",
                   Event.status.in_(permissions.PUBLIC_EVENT_STATUSES)))


def personal_feed_validator(user):
    """(count, latest event change, latest registration change): one aggregate query."""
    return tuple(db.session.execute(
        db.select(func.count(), func.max(Event.updated_at), func.max(Registration.updated_at))
        .select_from(Event).join(Registration, Registration.event_id == Event.id)
        .where(Registration.user_id == user.id, Registration.status != "cancelled",
               Event.status.in_(permissions.PUBLIC_EVENT_STATUSES))
    ).one())


def feed_owner(user_id):
    """The personal feed's owner, by the id its kept validator holds (views/personal_feed)."""
    return db.session.get(User, user_id)


def personal_feed_events(user):
    rows = db.session.execute(
        personal_feed_filter(user).order_by(Event.starts_at, Event.id).options(*list_options(with_agenda=True))
    ).unique().all()
    return [event for event, _status in rows], {event.id: status for event, status in rows}


def event_validator(event_id):
    """(status, organiser_id, latest change) of one event."""
    return db.session.execute(
        db.select(Event.status, Event.updated_at).where(Event.id == event_id)
    ).one_or_none()


# --- registrations ------------------------------------------------------------------------

def waitlist_position_of():
    """The waiting-list position, the one rule (as SQL, for any query of registrations): 1 for
    the first in line — how many still wait with a number up to this one's. Null for a
    registration that does not wait."""
    ahead = aliased(Registration)
    counted = (db.select(func.count(ahead.id))
               .where(ahead.event_id == Registration.event_id, ahead.status == "waitlisted",
                      ahead.waitlist_number <= Registration.waitlist_number)
               .correlate(Registration).scalar_subquery())
    return case((Registration.status == "waitlisted", counted), else_=None)


def _with_positions(rows):
    registrations = []
    for registration, position in rows:
        registration.waitlist_position = position
        registrations.append(registration)
    return registrations


def waitlist_position(registration):
    """One registration's position (waitlist_position_of), or None when it does not wait."""
    if registration.status != "waitlisted":
        return None
    return db.session.execute(
        db.select(waitlist_position_of()).where(Registration.id == registration.id)
    ).scalar_one()


def active_registration(user, event):
    """The user's confirmed or waitlisted registration for the event, or None."""
    if not actors.is_authenticated(user):
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


def registrations_of_event(event, include_cancelled=False):
    """Confirmed first (by time), then the waiting list in order, with positions set."""
    from portal.accounts.models import User
    from portal.organisations.models import Membership

    statement = db.select(Registration, waitlist_position_of()).where(Registration.event_id == event.id).options(
        # the organisation is shown with each person (#17): loaded with them, not per row
        joinedload(Registration.user).joinedload(User.membership).joinedload(Membership.organisation)
    )
    if not include_cancelled:
        statement = statement.where(Registration.status != "cancelled")
    rows = _with_positions(db.session.execute(statement).all())
    order = {"confirmed": 0, "waitlisted": 1, "cancelled": 2}
    rows.sort(key=lambda r: (order[r.status], (r.waitlist_number or 0) if r.status == "waitlisted" else 0,
                             r.registered_at, r.id))
    return rows


def registrations_of_user(user, limit=PROFILE_LIMIT):
    """The user's current registrations (upcoming first), at most `limit`, events loaded and
    positions set."""
    rows = _with_positions(db.session.execute(
        db.select(Registration, waitlist_position_of()).join(Registration.event)
        .where(Registration.user_id == user.id, Registration.status != "cancelled",
               Event.ends_at >= utcnow() - FEED_WINDOW)
        .order_by(Event.starts_at).limit(limit)
        .options(joinedload(Registration.event).options(raiseload(Event.agenda)))
    ).all())
    if rows and cache.storing():  # a kept profile page changes when the first of these leaves the list
        cache.expires_at(min(r.event.ends_at for r in rows) + FEED_WINDOW)
    return rows


def event_page(actor, event_id, now=None):
    """The event page: the event (agenda, organisers), its seats, the visitor's registration
    (with its position) and what the page offers them (services.flags_for); the questions a
    registration answers, and the registrant's check-in code."""
    from portal.events import checkin, questions
    from portal.events.services import flags_for

    event = permissions.get_event_for(actor, event_id, list_options(with_agenda=True))
    registration = active_registration(actor, event)
    if registration is not None:
        registration.waitlist_position = waitlist_position(registration)
    return {"event": event, "seats": seats(event), "registration": registration,
            "flags": flags_for(actor, event, registration, now),
            "is_organiser": permissions.is_event_organiser(actor, event),
            "questions": questions.questions_of(event.id),
            "checkin_code": checkin.code_of(registration) if registration is not None else None}


def event_answer(actor, event_id):
    """The API's answer about an event the actor may see: the event with its agenda and
    organisers, and its seats."""
    event = permissions.get_event_for(actor, event_id, list_options(with_agenda=True))
    return event, seats(event)


def co_organiser_choices(own_id):
    """(id, name) of the approved organisations an event may be co-organised with, by name."""
    from portal.organisations.models import Organisation

    organisations = db.session.execute(
        db.select(Organisation.id, Organisation.name).where(Organisation.status == "approved")
        .order_by(Organisation.name)
    ).all()
    return [(org_id, name) for org_id, name in organisations if org_id != own_id]


def past_page(actor, page, per_page=20):
    """The events page's list of events that have ended, one page of it."""
    return db.paginate(past(actor), page=page, per_page=per_page, error_out=False)


def agenda_item(event, item_id):
    """One item of this event's agenda, else NotFound."""
    return one_or_not_found(db.select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.event_id == event.id))


def agenda_item_ids(event_id):
    return db.session.execute(db.select(AgendaItem.id).where(AgendaItem.event_id == event_id)).scalars().all()
