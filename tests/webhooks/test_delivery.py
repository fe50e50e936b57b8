"""Deliveries to a real local HTTP server: signed with the secret given at creation; a receiver
that is down and then up gets the delivery later, exactly once; errors are retried, then marked
failed; the address is checked again at delivery time (DNS rebinding); one worker per delivery."""
import json

import pytest

from portal.core.types import utcnow
from portal.extensions import db
from portal.webhooks import delivery, signing
from portal.webhooks.models import WebhookDelivery
from tests.referrals import builders


@pytest.fixture
def offer_hook(app, private_allowed, register, receiver, ocmw_admin):
    app.config["WEBHOOK_RETRY_MAX_DELAY"] = 0  # a failed delivery is due again at once (no waiting in tests)
    return register(ocmw_admin, receiver.url, events=["offer.published"])


def publish(app, sie_member, title="Kitchen help"):
    with app.test_request_context():
        return builders.offer(sie_member, title=title)


def only_delivery():
    return db.session.execute(db.select(WebhookDelivery)).scalar_one()


def test_a_delivery_is_a_signed_json_post(app, offer_hook, receiver, sie_member):
    webhook, secret = offer_hook
    offer = publish(app, sie_member)
    assert delivery.send_due() == {"delivered": 1}
    [received] = receiver.received
    assert received["path"] == "/hooks/tandem"
    headers = received["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Tandem-Event"] == "offer.published"
    assert signing.verify(secret, received["body"], headers["X-Tandem-Signature"])
    assert not signing.verify(secret + "x", received["body"], headers["X-Tandem-Signature"])
    document = json.loads(received["body"])
    assert document["id"] == headers["X-Tandem-Delivery"] and document["type"] == "offer.published"
    assert document["data"] == {"offer_id": offer.id, "organisation_id": offer.organisation_id, "status": "published"}
    log = only_delivery()
    assert (log.status, log.attempts, log.last_status_code) == ("delivered", 1, 200)


def test_the_signature_of_a_known_body_with_a_known_secret():
    """What a receiver computes (the example of /api/docs): HMAC-SHA256 of the raw bytes, in hex."""
    body = b'{"data":{"offer_id":7},"type":"offer.published"}'
    expected = "sha256=375e75bf713d1257640b639fe966e8bfdea60cb7970ce2a1f268dfaa8ae7eb42"
    assert signing.signature("whsec_known", body) == expected
    assert signing.verify("whsec_known", body, expected)
    assert not signing.verify("whsec_known", body + b" ", expected)
    assert not signing.verify("whsec_other", body, expected)
    assert not signing.verify("whsec_known", body, None)


def test_a_receiver_down_then_up_gets_it_later_exactly_once(app, offer_hook, receiver, sie_member):
    receiver.stop()
    publish(app, sie_member)
    assert delivery.send_due() == {"pending": 1}
    assert delivery.send_due() == {"pending": 1}
    pending = only_delivery()
    assert pending.attempts == 2 and pending.last_error and pending.delivered_at is None
    receiver.start()
    assert delivery.send_due() == {"delivered": 1}
    assert delivery.send_due() == {}
    assert len(receiver.received) == 1
    assert only_delivery().status == "delivered"


def test_an_error_answer_is_retried_with_the_same_body_and_id(app, offer_hook, receiver, sie_member):
    receiver.status = 503
    publish(app, sie_member)
    assert delivery.send_due() == {"pending": 1}
    assert only_delivery().last_status_code == 503
    receiver.status = 204
    assert delivery.send_due() == {"delivered": 1}
    first, second = receiver.received
    assert first["body"] == second["body"]
    assert first["headers"]["X-Tandem-Delivery"] == second["headers"]["X-Tandem-Delivery"]


def test_retries_wait_longer_each_time_up_to_the_maximum(app):
    app.config["WEBHOOK_RETRY_MAX_DELAY"] = 60
    with app.test_request_context():
        assert [delivery.retry_delay(n).total_seconds() for n in (1, 2, 3, 5, 6, 10)] == [2, 4, 8, 32, 60, 60]


def test_after_the_retry_period_it_is_marked_failed(app, offer_hook, receiver, sie_member):
    app.config["WEBHOOK_RETRY_HOURS"] = 0
    receiver.stop()
    publish(app, sie_member)
    assert delivery.send_due() == {"failed": 1}
    assert delivery.send_due() == {}
    assert only_delivery().status == "failed"


def test_not_due_yet_is_not_sent(app, offer_hook, receiver, sie_member):
    app.config["WEBHOOK_RETRY_MAX_DELAY"] = 60
    receiver.stop()
    publish(app, sie_member)
    delivery.send_due()
    receiver.start()
    assert delivery.send_due() == {}  # two seconds later, not now
    assert receiver.received == []


def test_one_worker_per_delivery(app, offer_hook, sie_member):
    publish(app, sie_member)
    pending = only_delivery()
    assert delivery._claim(pending.id, utcnow()) == 1
    assert delivery._claim(pending.id, utcnow()) == 0  # another worker finds it taken


def test_the_address_is_checked_again_at_delivery_time(app, dns, register, receiver, ocmw_admin, sie_member):
    """DNS rebinding: public at registration, loopback at delivery → not sent."""
    dns({"hooks.ocmw.example": ["93.184.215.14"]})
    register(ocmw_admin, f"https://hooks.ocmw.example:{receiver.port}/hooks/tandem", events=["offer.published"])
    dns({"hooks.ocmw.example": ["127.0.0.1"]})
    publish(app, sie_member)
    assert delivery.send_due() == {"pending": 1}
    assert receiver.received == []
    assert "private or local" in only_delivery().last_error


def test_the_worker_command_delivers_what_is_due(app, runner, offer_hook, receiver, sie_member):
    publish(app, sie_member)
    result = runner.invoke(args=["send-webhooks"])
    assert result.exit_code == 0 and "1 delivered" in result.output
    assert runner.invoke(args=["send-webhooks"]).output.strip() == "nothing due"
    assert len(receiver.received) == 1
