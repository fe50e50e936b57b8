"""A registered webhook and its deliveries (the delivery log, and the queue the worker reads)."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db


class Webhook(db.Model):
    """`secret` signs every body (HMAC-SHA256). It is shown once, at creation, and kept in clear
    because signing needs it (like any HMAC key); it never leaves the server again."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list] = mapped_column(JSON, default=list)  # event types, e.g. ["referral.moved"]
    secret: Mapped[str] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    deliveries = relationship("WebhookDelivery", back_populates="webhook", cascade="all, delete-orphan",
                              passive_deletes=True, lazy="raise_on_sql")


class WebhookDelivery(db.Model):
    """One POST to make, and its line in the delivery log. `body` is the exact bytes signed and
    sent, the same on every attempt; `key` is its id for the receiver (X-Tandem-Delivery) and the
    `message_id` of its outbox row (kind `webhook`), which schedules, claims and retries it.
    `status`: pending → delivered | failed, written by the deliverer after each attempt."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_status_code: Mapped[int | None]
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    webhook = relationship("Webhook", back_populates="deliveries", lazy="raise_on_sql")
