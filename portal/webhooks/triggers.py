"""Deliveries are written in the transaction of the change they announce, as outbox rows
(portal/core/outbox.py, kind `webhook`) beside their line in the delivery log: a change that
rolls back announces nothing, one that commits is never lost.

They are found here, once, from what the session flushes — a referral's, registration's, offer's
or event's status (or an event's `sequence`, raised by every change of its content) — instead of
in each service: every path that changes them (pages, API, command line, the demo) announces it,
and no service can forget to. The rows are added during the flush and written by the next one,
which the commit makes before it ends (SQLAlchemy flushes until nothing is left).
"""
from flask import current_app, has_app_context
from sqlalchemy import String, cast, event, inspect, select
from sqlalchemy.orm import Session

from portal.core import outbox
from portal.webhooks import payloads

KIND = "webhook"  # the outbox kind (portal/core/outbox.py); delivered by portal/webhooks/delivery.py

PUBLIC_EVENT_STATUSES = ("published", "cancelled")  # as portal.events.permissions: seen by everyone


def _status_change(obj, attribute="status"):
    """(before, after) when the flush wrote a new value of `attribute` (before is None for a new
    record), else None."""
    history = inspect(obj).attrs[attribute].history
    if not history.added:
        return None
    return (history.deleted[0] if history.deleted else None), history.added[0]


def _changes(session):
    """[(event type, data, organisation ids to tell or None for every subscriber)]."""
    from portal.events.models import Event, Registration
    from portal.offers.models import Offer
    from portal.referrals.models import Referral

    found = []
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Referral):
            change = _status_change(obj)
            if change:
                found.append(("referral.moved", payloads.referral_moved(
                    obj.id, obj.offer_id, obj.candidate_id, obj.ocmw_id, obj.host_id, *change),
                    {obj.ocmw_id, obj.host_id}))
        elif isinstance(obj, Registration):
            if _status_change(obj):
                found.append(("registration.changed", payloads.registration_changed(obj.id, obj.event_id, obj.status),
                              ("organisers", obj.event_id)))
        elif isinstance(obj, Offer):
            change = _status_change(obj)
            if change and change[1] == "published":
                found.append(("offer.published", payloads.offer_published(obj.id, obj.organisation_id, obj.status),
                              None))  # a published offer is public: any subscriber may hear of it
        elif isinstance(obj, Event):
            if _status_change(obj) or _status_change(obj, "sequence"):
                # a draft concerns its organisers only; a published or cancelled day is public
                audience = None if obj.status in PUBLIC_EVENT_STATUSES else ("organisers", obj.id)
                found.append(("event.changed", payloads.event_changed(obj.id, obj.status, obj.sequence), audience))
    return found


def _organisers(session, event_id):
    from portal.events.models import Event, event_co_organisers

    organiser = session.execute(select(Event.organiser_id).where(Event.id == event_id)).scalar_one_or_none()
    co = session.execute(select(event_co_organisers.c.organisation_id)
                         .where(event_co_organisers.c.event_id == event_id)).scalars().all()
    return {organiser, *co} - {None}


def _subscribers(session, event_type, organisation_ids):
    """Webhooks of approved organisations that asked for `event_type` (among `organisation_ids`)."""
    from portal.organisations.models import Organisation
    from portal.webhooks.models import Webhook

    # events is a JSON list of codes: '["offer.published", …]' in both databases
    statement = (select(Webhook.id, Webhook.url).join(Organisation, Organisation.id == Webhook.organisation_id)
                 .where(Organisation.status == "approved", cast(Webhook.events, String).like(f'%"{event_type}"%')))
    if organisation_ids is not None:
        statement = statement.where(Webhook.organisation_id.in_(organisation_ids))
    return session.execute(statement.order_by(Webhook.id)).all()


@event.listens_for(Session, "after_flush")
def _enqueue(session, flush_context):
    """For each subscriber: its line in the delivery log and an outbox row (kind `webhook`) that
    the `send-mail` worker delivers, both in this transaction."""
    from portal.webhooks.models import WebhookDelivery

    changes = _changes(session)
    if not changes:
        return
    retry_hours = current_app.config["WEBHOOK_RETRY_HOURS"] if has_app_context() else 72
    with session.no_autoflush:
        for event_type, data, audience in changes:
            if isinstance(audience, tuple):
                audience = _organisers(session, audience[1])
            for webhook_id, url in _subscribers(session, event_type, audience):
                key, body = payloads.envelope(event_type, data)
                session.add(WebhookDelivery(webhook_id=webhook_id, key=key, event_type=event_type, body=body))
                outbox.enqueue(KIND, url[:2000], event_type, b"", key, retry_hours, session=session)
