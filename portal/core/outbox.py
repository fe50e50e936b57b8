"""The outbox: what must leave the portal (mail today, webhooks later) is written as a row in
the transaction of the change that caused it, and handed on by the `send-mail` worker
(portal/core/outbox_worker.py). A change that commits has its mail stored; one that rolls
back has none; a crash, an SMTP outage or a restart loses nothing.

Claiming is safe with several workers on several machines: a worker takes one due row with a
conditional UPDATE that sets a lease (`claimed_by`, `claimed_until`) and reads `rowcount` — on
PostgreSQL after `SELECT … FOR UPDATE SKIP LOCKED`, so workers never wait on each other; on
SQLite the UPDATE alone decides (the database has one writer at a time). A worker that dies
mid-delivery leaves a lease that expires, and another worker retries the row.
"""
from datetime import datetime, timedelta

from sqlalchemy import Index, Integer, LargeBinary, String, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db

PENDING, SENT, FAILED = "pending", "sent", "failed"
FIRST_RETRY_SECONDS = 5  # then 10, 20, 40, … up to MAIL_RETRY_MAX_DELAY
SENT_KEPT = timedelta(days=7)  # delivered rows (without their content) stay this long, for operators
FAILED_KEPT = timedelta(days=30)  # failed rows stay listed this long, then go with their content


class OutboxMessage(db.Model):
    """One message to deliver. `kind` says how (`mail`: `payload` is the RFC 5322 message and
    `recipient` the envelope recipient); `message_id` is fixed once, so every retry of a mail
    carries the same Message-ID."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="mail")
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    recipient: Mapped[str] = mapped_column(String(2000))
    subject: Mapped[str] = mapped_column(String(300), default="")
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    give_up_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))


def enqueue(kind, recipient, subject, payload, message_id, retry_hours, now=None, session=None):
    """Add a row to the current transaction of `db.session` (or of `session`: a flush listener's):
    it commits, or rolls back, with the change that asked for it."""
    now = now or utcnow()
    row = OutboxMessage(kind=kind, status=PENDING, recipient=recipient, subject=subject[:300],
                        payload=payload, message_id=message_id, attempts=0, created_at=now,
                        next_attempt_at=now, give_up_at=now + timedelta(hours=retry_hours))
    (session or db.session).add(row)
    return row


def retry_delay(attempts, max_delay):
    """Seconds to wait after the `attempts`-th failed attempt: 5, 10, 20, 40, … never more
    than `max_delay`, so that mail flows again within that time of the relay coming back."""
    return min(max_delay, FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def _due(now):
    return ((OutboxMessage.status == PENDING) & (OutboxMessage.next_attempt_at <= now)
            & or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))


def claim_next(session, worker, now, lease_seconds, kinds):
    """Lease the oldest due row of these kinds to `worker`; the row, or None when nothing is due.

    The conditional UPDATE re-checks that the row is still due while it writes, so of two
    workers that picked the same row only one gets rowcount 1; the other looks again.
    """
    for _ in range(20):  # a few lost races at most; then the next pass
        candidate = session.execute(
            select(OutboxMessage.id).where(_due(now), OutboxMessage.kind.in_(kinds))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(1)
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite renders no lock clause
        ).scalar()
        if candidate is None:
            session.rollback()
            return None
        claimed = session.execute(
            update(OutboxMessage).where(OutboxMessage.id == candidate, _due(now))
            .values(claimed_by=worker, claimed_until=now + timedelta(seconds=lease_seconds),
                    attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed == 1:
            row = session.get(OutboxMessage, candidate, populate_existing=True)
            session.commit()
            return row
        session.rollback()
    return None


def mark_sent(session, row, worker, now):
    """Record the delivery and drop the content (the row stays SENT_KEPT for operators).
    False when our lease had expired and another worker had taken the row meanwhile."""
    ours = session.execute(
        update(OutboxMessage).where(OutboxMessage.id == row.id, OutboxMessage.claimed_by == worker)
        .values(status=SENT, sent_at=now, payload=b"", claimed_by=None, claimed_until=None, last_error=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not ours:  # still record it, so that nobody sends it a third time
        session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id, OutboxMessage.status == PENDING)
                        .values(status=SENT, sent_at=now, payload=b"")
                        .execution_options(synchronize_session=False))
    session.commit()
    return bool(ours)


def mark_attempt_failed(session, row, worker, now, error, permanent, max_delay):
    """Schedule the next attempt (growing delays), or give up: at once for a permanent refusal,
    else once `give_up_at` (MAIL_RETRY_HOURS after queueing) has passed. Returns the status."""
    give_up = permanent or now >= row.give_up_at
    values = dict(claimed_by=None, claimed_until=None, last_error=str(error)[:500])
    if give_up:
        values["status"] = FAILED
    else:
        values["next_attempt_at"] = now + timedelta(seconds=retry_delay(row.attempts, max_delay))
    session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id, OutboxMessage.claimed_by == worker)
                    .values(**values).execution_options(synchronize_session=False))
    session.commit()
    return FAILED if give_up else PENDING


def prune(session, now):
    """Delete delivered rows after SENT_KEPT and failed ones after FAILED_KEPT."""
    deleted = session.execute(
        db.delete(OutboxMessage).where(
            ((OutboxMessage.status == SENT) & (OutboxMessage.sent_at < now - SENT_KEPT))
            | ((OutboxMessage.status == FAILED) & (OutboxMessage.give_up_at < now - FAILED_KEPT)))
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    return deleted
