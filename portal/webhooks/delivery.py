"""Delivering what triggers.py queued: each delivery is POSTed once it is due, by whichever worker
claims it first (a conditional UPDATE: several workers, on several machines, never send the same
one together), and retried with growing delays — never more than WEBHOOK_RETRY_MAX_DELAY apart —
for WEBHOOK_RETRY_HOURS, then marked failed. A receiver that answers 2xx has it: it is not sent
again. The host is resolved and checked again before each attempt, and the connection goes to
the address that was checked (addresses.py: DNS rebinding)."""
import http.client
import socket
import ssl
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import or_, update

from portal.core.types import utcnow
from portal.extensions import db
from portal.webhooks import addresses, signing
from portal.webhooks.models import Webhook, WebhookDelivery

USER_AGENT = "Tandem-Webhooks/1"


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to one checked address; the Host header still names the URL's host."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with TLS checked against the URL's host name (SNI and certificate)."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, body, headers):
    """POST `body` to `url` at an address checked just now; the HTTP status, or raise OSError /
    addresses.Refused."""
    scheme, host, port, checked = addresses.check(url)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    problem = None
    for address in checked:
        connection = kind(host, port, address, current_app.config["WEBHOOK_TIMEOUT"])
        try:
            connection.request("POST", target, body=body, headers=headers)
            return connection.getresponse().status
        except OSError as error:  # refused, unreachable, timed out, TLS: try the next address
            problem = error
        finally:
            connection.close()
    raise problem or OSError("no address")


def retry_delay(attempts):
    """2, 4, 8 … seconds after each failed attempt, at most WEBHOOK_RETRY_MAX_DELAY."""
    return timedelta(seconds=min(2 ** attempts, current_app.config["WEBHOOK_RETRY_MAX_DELAY"]))


def _claim(delivery_id, now):
    """Take the delivery for this worker for a while (1 when it is ours, 0 when another has it)."""
    hold = now + timedelta(seconds=current_app.config["WEBHOOK_TIMEOUT"] * 3)
    result = db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
               or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now))
        .values(locked_until=hold, attempts=WebhookDelivery.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount


def _attempt(delivery_id):
    """One attempt at one claimed delivery; its new status."""
    delivery = db.session.get(WebhookDelivery, delivery_id, populate_existing=True)
    webhook = db.session.get(Webhook, delivery.webhook_id)
    body = delivery.body.encode()
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
               "X-Tandem-Event": delivery.event_type, "X-Tandem-Delivery": delivery.key,
               signing.HEADER: signing.signature(webhook.secret, body)}
    code, error = None, ""
    try:
        code = post(webhook.url, body, headers)
    except addresses.Refused as refusal:
        error = refusal.reason
    except (OSError, http.client.HTTPException) as problem:
        error = str(problem) or problem.__class__.__name__
    now = utcnow()
    delivery.last_status_code, delivery.locked_until = code, None
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.last_error = "delivered", now, ""
    else:
        delivery.last_error = (error or f"HTTP {code}")[:300]
        deadline = delivery.created_at + timedelta(hours=current_app.config["WEBHOOK_RETRY_HOURS"])
        upcoming = now + retry_delay(delivery.attempts)
        if upcoming > deadline:
            delivery.status = "failed"
        delivery.next_attempt_at = upcoming
    db.session.commit()
    return delivery.status


def send_due(limit=100):
    """Attempt every delivery that is due (at most `limit`): {status: count}."""
    now = utcnow()
    due = db.session.execute(
        db.select(WebhookDelivery.id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now,
               or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now))
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit)).scalars().all()
    db.session.rollback()  # end the read: each claim is its own short transaction
    outcome = {}
    for delivery_id in due:
        if _claim(delivery_id, utcnow()):
            status = _attempt(delivery_id)
            outcome[status] = outcome.get(status, 0) + 1
    return outcome
