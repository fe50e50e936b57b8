"""Delivering what triggers.py queued, as the outbox's deliverer of kind `webhook`: the outbox
(portal/core/outbox.py, worker `flask --app wsgi send-mail`) claims each row for one worker at a
time, retries it with growing delays (never more than MAIL_RETRY_MAX_DELAY apart) for
WEBHOOK_RETRY_HOURS, then marks it failed; a receiver that answers 2xx has it, and it is not sent
again. Here: the POST itself — the host resolved and checked again before each attempt, and the
connection made to the address that was checked (addresses.py: DNS rebinding) — and the line of
the delivery log."""
import http.client
import socket
import ssl
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core import outbox_worker
from portal.core.smtp import DeliveryError
from portal.core.types import utcnow
from portal.extensions import db
from portal.webhooks import addresses, signing
from portal.webhooks.models import Webhook, WebhookDelivery
from portal.webhooks.triggers import KIND

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


def _retryable(code):
    """A 4xx answer (but 408 Request Timeout and 429 Too Many Requests) says the receiver will
    never take this body: retrying cannot help. 5xx, no answer, a refused connection: retry."""
    return code >= 500 or code in (408, 429)


def deliver_webhook(config, row):
    """The outbox's deliverer of kind `webhook` (run by `send-mail`): POST the delivery whose key
    is the row's message_id, signed with its webhook's secret, and write the attempt into the
    delivery log. Raises DeliveryError to have the outbox retry (or give up); never `relay_down`:
    one receiver that is down must not hold back the others, nor the mail."""
    with Session(db.engine, expire_on_commit=False) as session:
        found = session.execute(
            select(WebhookDelivery, Webhook).join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
            .where(WebhookDelivery.key == row.message_id)).first()
        if found is None:
            return  # the webhook was removed since, and its deliveries with it: nothing to send
        delivery, webhook = found
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
        delivery.attempts += 1
        delivery.last_status_code = code
        if code is not None and 200 <= code < 300:
            delivery.status, delivery.delivered_at, delivery.last_error = "delivered", now, ""
            session.commit()
            return
        permanent = code is not None and not _retryable(code)
        delivery.last_error = (error or f"HTTP {code}")[:300]
        if permanent or now >= row.give_up_at:  # what the outbox decides too: no more attempts
            delivery.status = "failed"
        session.commit()
    raise DeliveryError(delivery.last_error, permanent=permanent)


outbox_worker.register(KIND, deliver_webhook)
