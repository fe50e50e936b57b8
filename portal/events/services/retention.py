"""How long the events domain keeps what guests (registrants without an account) told it; run
daily by `flask --app wsgi purge`, beside the candidates' retention (API.md §5)."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, update

from portal.core import audit
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.events.models import Event, Registration
from portal.events.models_study_day import GuestRequest
from portal.extensions import db


@use_case
def purge_guest_data(now=None):
    """Delete the guest requests whose link has expired (GUEST_LINK_MAX_AGE: opened or not,
    nothing can use them any more: a taken seat lives in its registration), and erase name,
    e-mail, organisation and answers of guest registrations for study days that ended more
    than GUEST_RETENTION_DAYS ago (the seat, the attendance and the figures stay). Returns
    (requests deleted, registrations erased); one audit entry tells what was done."""
    now = now or utcnow()
    expired = now - timedelta(seconds=current_app.config["GUEST_LINK_MAX_AGE"])
    requests = db.session.execute(delete(GuestRequest).where(GuestRequest.created_at < expired)).rowcount
    ended = now - timedelta(days=current_app.config["GUEST_RETENTION_DAYS"])
    past_days = db.select(Event.id).where(Event.ends_at < ended)
    registrations = db.session.execute(
        update(Registration)
        .where(Registration.user_id.is_(None), Registration.guest_email.is_not(None),
               Registration.event_id.in_(past_days))
        .values(guest_name="", guest_email=None, organisation_name=None, answers={})
    ).rowcount
    if requests or registrations:
        audit.record(None, "guests.purge", None, requests=requests, registrations=registrations)
    return requests, registrations
