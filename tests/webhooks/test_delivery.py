"""Deliveries through the outbox (kind `webhook`, delivered by the real `send-mail` worker) to a
real local HTTP server: signed with the secret given at creation; a receiver that is down and
then up gets the delivery later, exactly once; errors are retried with the same body and id,
then marked failed; the address is checked again at delivery time (DNS rebinding)."""
import json
from datetime import timedelta

import pytest

from portal.core import outbox, outbox_worker
from portal.core.types import utcnow
from portal.extensions import db
from portal.webhooks import services, signing
from portal.webhooks.models import WebhookDelivery
from tests.core.outbox_helpers import rows
from tests.referrals import builders


@pytest.fixture
def offer_hook(app, private_allowed, register, receiver, ocmw_admin):
    return register(ocmw_admin, receiver.url, events=["offer.published"])


def send(app, later=0):
    """One pass of the outbox worker, `later` minutes from now (retries are due again within a
    minute): {outcome: count} of the webhook rows it handled."""
    result = outbox_worker.deliver_due(app, now=utcnow() + timedelta(minutes=later))
    kinds = {row.id: row.kind for row in rows(app)}
    outcome = {}
    for name in ("delivered", "retrying", "failed"):
        count = sum(1 for row_id in getattr(result, name) if kinds.get(row_id) == "webhook")
        if count:
            outcome[name] = count
    return outcome


def publish(app, sie_member, title="Kitchen help"):
    with app.test_request_context():
        return builders.offer(sie_member, title=title)


def only_delivery():
    db.session.expire_all()
    return db.session.execute(db.select(WebhookDelivery)).scalar_one()


def test_a_delivery_is_an_outbox_row_of_the_changes_transaction(app, offer_hook, sie_member):
    publish(app, sie_member)
    [row] = [row for row in rows(app) if row.kind == "webhook"]
    assert row.status == outbox.PENDING and row.message_id == only_delivery().key
    assert row.subject == "offer.published" and row.recipient.startswith("http://127.0.0.1:")


def test_a_delivery_is_a_signed_json_post(app, offer_hook, receiver, sie_member):
    webhook, secret = offer_hook
    offer = publish(app, sie_member)
    assert send(app) == {"delivered": 1}
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
    assert send(app) == {"retrying": 1}
    assert send(app, later=1) == {"retrying": 1}
    pending = only_delivery()
    assert pending.attempts == 2 and pending.last_error and pending.delivered_at is None
    receiver.start()
    assert send(app, later=2) == {"delivered": 1}
    assert send(app, later=10) == {}
    assert len(receiver.received) == 1
    assert only_delivery().status == "delivered"


def test_an_error_answer_is_retried_with_the_same_body_and_id(app, offer_hook, receiver, sie_member):
    receiver.status = 503
    publish(app, sie_member)
    assert send(app) == {"retrying": 1}
    assert only_delivery().last_status_code == 503
    receiver.status = 204
    assert send(app, later=1) == {"delivered": 1}
    first, second = receiver.received
    assert first["body"] == second["body"]
    assert first["headers"]["X-Tandem-Delivery"] == second["headers"]["X-Tandem-Delivery"]


def test_after_the_retry_period_it_is_marked_failed(app, offer_hook, receiver, sie_member):
    app.config["WEBHOOK_RETRY_HOURS"] = 0
    receiver.stop()
    publish(app, sie_member)
    assert send(app) == {"failed": 1}
    assert send(app, later=10) == {}
    assert only_delivery().status == "failed"


def test_not_due_yet_is_not_sent(app, offer_hook, receiver, sie_member):
    receiver.stop()
    publish(app, sie_member)
    send(app)
    receiver.start()
    assert send(app) == {}  # five seconds later, not now
    assert receiver.received == []


def test_a_4xx_answer_is_not_retried(app, offer_hook, receiver, sie_member):
    receiver.status = 410
    publish(app, sie_member)
    assert send(app) == {"failed": 1}
    assert send(app, later=10) == {}
    assert only_delivery().status == "failed" and only_delivery().last_status_code == 410


def test_the_address_is_checked_again_at_delivery_time(app, dns, register, receiver, ocmw_admin, sie_member):
    """DNS rebinding: public at registration, loopback at delivery → not sent."""
    dns({"hooks.ocmw.example": ["93.184.215.14"]})
    register(ocmw_admin, f"https://hooks.ocmw.example:{receiver.port}/hooks/tandem", events=["offer.published"])
    dns({"hooks.ocmw.example": ["127.0.0.1"]})
    publish(app, sie_member)
    assert send(app) == {"retrying": 1}
    assert receiver.received == []
    assert "private or local" in only_delivery().last_error


def test_the_mail_worker_delivers_them(app, runner, offer_hook, receiver, sie_member):
    publish(app, sie_member)
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0 and "1 delivered" in result.output
    assert "0 delivered" in runner.invoke(args=["send-mail"]).output
    assert len(receiver.received) == 1


def test_a_removed_webhook_sends_nothing_more(app, offer_hook, receiver, sie_member, ocmw_admin):
    receiver.stop()
    publish(app, sie_member)
    send(app)
    receiver.start()
    with app.test_request_context():
        services.delete_webhook(ocmw_admin, offer_hook[0].id)
    send(app, later=1)
    assert receiver.received == []
