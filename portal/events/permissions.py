"""Rules on events: who organises, who sees drafts, who registers."""
from sqlalchemy import or_

from portal.core.actors import acts_for_type, is_authenticated, is_platform_admin, organisation_of
from portal.core.errors import Forbidden
from portal.core.lookups import one_or_not_found
from portal.events.models import Event, event_co_organisers
from portal.extensions import db

PUBLIC_EVENT_STATUSES = ("published", "cancelled")


def can_create_events(user):
    """Members of an approved federation or partner organisation, and platform admins."""
    return is_platform_admin(user) or acts_for_type(user, "federation", "partner")


def is_event_organiser(user, event):
    """Members of the event's organiser or co-organiser organisations, and platform admins."""
    if is_platform_admin(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation.id in event.organisation_ids


def can_register_for_events(user):
    """Any logged-in user whose e-mail address is verified."""
    return is_authenticated(user) and user.is_verified


def events_visible_to(user):
    """Published and cancelled events for everyone; drafts only for their organisers."""
    statement = db.select(Event)
    if is_platform_admin(user):
        return statement
    organisation = organisation_of(user)
    if organisation is None:
        return statement.where(Event.status.in_(PUBLIC_EVENT_STATUSES))
    co_organised = db.select(event_co_organisers.c.event_id).where(
        event_co_organisers.c.organisation_id == organisation.id
    )
    return statement.where(or_(
        Event.status.in_(PUBLIC_EVENT_STATUSES),
        Event.organiser_id == organisation.id,
        Event.id.in_(co_organised),
    ))


def get_event_for(user, event_id, options=()):
    """The event if the user may see it, else NotFound."""
    return one_or_not_found(events_visible_to(user).where(Event.id == event_id).options(*options))


def get_event_to_organise(user, event_id, options=()):
    """The event if the user organises it; NotFound when they may not even see it, Forbidden
    when they see it but do not organise it."""
    event = get_event_for(user, event_id, options)
    if not is_event_organiser(user, event):
        raise Forbidden()
    return event
