"""The outbox worker behind `flask --app wsgi send-mail [--watch]` (API.md §6.1).

A pass leases due rows one at a time (portal/core/outbox.py), hands each to the deliverer of
its kind — outside any database transaction, so a slow relay holds no lock — and records the
outcome. When the relay is down the pass stops at the first failure: the other rows stay due
and go out the moment it answers again, instead of each waiting out its own back-off.
"""
import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from portal.core import outbox
from portal.core.smtp import DeliveryError
from portal.core.types import utcnow
from portal.extensions import db

log = logging.getLogger(__name__)
DELIVERERS = {}  # kind → deliver(config, row), raising DeliveryError
PRUNE_EVERY = 3600  # seconds between two clean-ups of old rows in --watch


def register(kind, deliver):
    """Let rows of `kind` be delivered by `deliver(config, row)` (mail: portal/core/mail.py)."""
    DELIVERERS[kind] = deliver


def new_worker_id():
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def lease_seconds(config):
    """How long a claim holds: the conversation is bounded by MAIL_TIMEOUT, so a lease twice
    as long plus a margin only runs out when the worker has died."""
    return 2 * config["MAIL_TIMEOUT"] + 30


@dataclass
class PassResult:
    delivered: list = field(default_factory=list)
    retrying: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    relay_down: bool = False


def deliver_due(app, worker=None, now=None, limit=None, stop=None):
    """Deliver what is due now, once; returns what happened (ids per outcome).

    Runs on a session of its own (never the caller's), so it behaves the same from the
    command line, from a thread beside a server, or from a test. `now` pins the clock (tests).
    """
    worker = worker or new_worker_id()
    config = app.config
    result = PassResult()
    with app.app_context(), Session(db.engine, expire_on_commit=False) as session:
        while limit is None or len(result.delivered) + len(result.retrying) + len(result.failed) < limit:
            if stop is not None and stop.is_set():
                break
            moment = now or utcnow()
            row = outbox.claim_next(session, worker, moment, lease_seconds(config), tuple(DELIVERERS))
            if row is None:
                break
            try:
                DELIVERERS[row.kind](config, row)
            except Exception as error:  # noqa: BLE001  (a bug must not stop the other mail either)
                if not isinstance(error, DeliveryError):
                    log.exception("outbox %s %s: unexpected error while delivering", row.kind, row.id)
                    error = DeliveryError(f"{type(error).__name__}: {error}")
                status = outbox.mark_attempt_failed(session, row, worker, now or utcnow(), error,
                                                    error.permanent, config["MAIL_RETRY_MAX_DELAY"])
                (result.failed if status == outbox.FAILED else result.retrying).append(row.id)
                log.warning("outbox %s %s to %s: %s (%s)", row.kind, row.id, row.recipient, error,
                            "given up" if status == outbox.FAILED else f"attempt {row.attempts}, will retry")
                if error.relay_down:
                    result.relay_down = True
                    break
            else:
                if not outbox.mark_sent(session, row, worker, now or utcnow()):
                    log.warning("outbox %s %s was delivered after its lease ran out", row.kind, row.id)
                result.delivered.append(row.id)
    return result


def prune(app, now=None):
    with app.app_context(), Session(db.engine) as session:
        return outbox.prune(session, now or utcnow())


def watch(app, poll=1.0, stop=None):
    """Deliver until `stop` is set: a pass, then a pause of `poll` seconds whenever nothing was
    due or the relay was down. A database outage is logged once and waited out."""
    stop = stop or threading.Event()
    worker = new_worker_id()
    database_down = False
    last_prune = 0.0
    log.info("outbox worker %s started", worker)
    while not stop.is_set():
        try:
            if time.monotonic() - last_prune > PRUNE_EVERY:
                prune(app)
                last_prune = time.monotonic()
            result = deliver_due(app, worker=worker, stop=stop)
        except SQLAlchemyError as error:
            if not database_down:
                log.warning("outbox worker: the database cannot be reached (%s); waiting", type(error).__name__)
            database_down = True
            stop.wait(max(poll, 5.0))
            continue
        if database_down:
            log.info("outbox worker: the database answers again")
            database_down = False
        if result.relay_down or not (result.delivered or result.retrying or result.failed):
            stop.wait(poll)
    log.info("outbox worker %s stopped", worker)
