"""The audit log: who did what to which record, and when. Append-only by design:
there is no code path that updates or deletes an entry."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core import cache
from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)


def record(actor, action, subject, organisation_id=None, **details):
    """Add an audit entry to the current transaction (it commits with the change it logs).

    `organisation_id` is the organisation whose admins may read the entry. A kept copy of
    the request's answer writes the same entry again on every hit (core/kept_answers.py): every
    read is recorded.
    """
    if subject is not None and getattr(subject, "id", 0) is None:
        db.session.flush()  # a record created in this transaction needs its id
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        organisation_id=organisation_id,
        action=action,
        subject_type=type(subject).__name__.lower() if subject is not None else "none",
        subject_id=getattr(subject, "id", None),
        details=details,
    )
    db.session.add(entry)
    cache.audited({"actor_id": entry.actor_id, "organisation_id": organisation_id, "action": action,
                   "subject_type": entry.subject_type, "subject_id": entry.subject_id, "details": details})
    return entry
