"""Every event type is announced, in the change's own transaction, to the organisations it
concerns — and no payload ever carries a candidate's personal field, nor any free text: only
ids and status codes."""
import json
from datetime import date

import pytest

from portal.events import services as event_services
from portal.extensions import db
from portal.offers import services as offer_services
from portal.webhooks.models import WebhookDelivery
from portal.webhooks.payloads import ALLOWED_KEYS, EVENT_TYPES
from tests.events import helpers as event_helpers
from tests.referrals import builders

CANDIDATE = {"reference": "DOS-SECRET-77", "first_name": "Zoulikha", "last_initial": "Q", "birth_year": 1987,
             "skills": "Forklift licence, pastry", "notes": "Lives with her sister", "commune": "anderlecht"}
STATUS_CODES = {"submitted", "in_review", "interview", "accepted", "declined", "withdrawn", "started", "ended",
                "confirmed", "waitlisted", "cancelled", "published", "draft", "filled", "closed"}


@pytest.fixture
def subscribed(app, private_allowed, register, ocmw_admin, sie_admin, moderator, partner):
    """The OCMW, the SIE and the federation each listen to every event type; a partner to none."""
    hooks = {name: register(user, f"http://127.0.0.1:9/{name}")[0]
             for name, user in (("ocmw", ocmw_admin), ("sie", sie_admin), ("federation", moderator))}
    return {name: hook.id for name, hook in hooks.items()}


def deliveries(webhook_id=None):
    statement = db.select(WebhookDelivery).order_by(WebhookDelivery.id)
    if webhook_id is not None:
        statement = statement.where(WebhookDelivery.webhook_id == webhook_id)
    return db.session.execute(statement).scalars().all()


def every_change(app, ocmw_member, sie_member, moderator, participant, federation):
    """Every kind of change that is announced, through the services."""
    with app.test_request_context():
        offer = builders.offer(sie_member, status="draft")
        offer_services.change_offer_status(sie_member, offer.id, "published")
        candidate = builders.candidate(ocmw_member, available_from=date(2026, 12, 1), **CANDIDATE)
        referral = builders.referral(ocmw_member, candidate, offer)
        for to in ("in_review", "accepted"):
            builders.move(sie_member, referral, to)
        builders.move(sie_member, referral, "started", date=date(2026, 12, 2))
        event = event_helpers.event(organiser=federation, capacity=1)
        event_services.update_event(moderator, event.id, {"title": "A renamed day"})
        event_services.register(participant, event.id)
        event_services.cancel_registration(participant, event.id)
        event_services.cancel_event(moderator, event.id)
    return referral


def test_every_event_type_reaches_the_organisations_it_concerns(
        app, subscribed, ocmw_member, sie_member, moderator, participant, federation):
    every_change(app, ocmw_member, sie_member, moderator, participant, federation)
    by_hook = {name: [d.event_type for d in deliveries(hook_id)] for name, hook_id in subscribed.items()}
    assert set(by_hook["ocmw"]) == {"referral.moved", "offer.published", "event.changed"}
    assert set(by_hook["sie"]) == {"referral.moved", "offer.published", "event.changed"}
    assert set(by_hook["federation"]) == {"registration.changed", "offer.published", "event.changed"}
    assert by_hook["ocmw"].count("referral.moved") == 4  # submitted, in review, accepted, started
    moves = [json.loads(d.body)["data"] for d in deliveries(subscribed["ocmw"]) if d.event_type == "referral.moved"]
    assert [(m["from"], m["to"]) for m in moves] == [
        (None, "submitted"), ("submitted", "in_review"), ("in_review", "accepted"), ("accepted", "started")]
    registrations = [json.loads(d.body)["data"]["status"] for d in deliveries(subscribed["federation"])
                     if d.event_type == "registration.changed"]
    assert registrations == ["confirmed", "cancelled"]


def test_no_payload_carries_a_personal_field_or_free_text(
        app, subscribed, ocmw_member, sie_member, moderator, participant, federation):
    every_change(app, ocmw_member, sie_member, moderator, participant, federation)
    seen = set()
    for delivery in deliveries():
        document = json.loads(delivery.body)
        assert set(document) == {"id", "type", "occurred_at", "data"}
        assert document["type"] == delivery.event_type and document["id"] == delivery.key
        assert set(document["data"]) == ALLOWED_KEYS[delivery.event_type]
        for key, value in document["data"].items():
            assert value is None or isinstance(value, int) or value in STATUS_CODES, (delivery.event_type, key, value)
        for secret in ("DOS-SECRET-77", "Zoulikha", "1987", "Forklift", "sister", "A renamed day",
                       participant.email, participant.name, "motivated"):
            assert secret not in delivery.body, (delivery.event_type, secret)
        seen.add(delivery.event_type)
    assert seen == set(EVENT_TYPES)


def test_a_change_that_rolls_back_announces_nothing(app, subscribed, sie_member):
    with app.test_request_context():
        offer = builders.offer(sie_member, status="draft")
    before = len(deliveries())
    offer.status = "published"
    db.session.flush()
    db.session.rollback()
    assert len(deliveries()) == before


def test_webhooks_of_an_organisation_that_is_not_approved_hear_nothing(app, subscribed, sie_member, ocmw):
    db.session.get(type(ocmw), ocmw.id).status = "rejected"
    db.session.commit()
    with app.test_request_context():
        builders.offer(sie_member)
    assert deliveries(subscribed["ocmw"]) == []
    assert [d.event_type for d in deliveries(subscribed["sie"])] == ["offer.published"]
