"""What platform administrators see of the outbox, and "send again" (API.md §6.1)."""
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from portal.core import actors, audit
from portal.core.errors import Conflict, Forbidden, NotFound
from portal.core.outbox import FAILED, PENDING, OutboxMessage
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.extensions import db

SHOWN = 100  # rows per list; the totals say how many more there are


def _require_admin(actor):
    if not actors.is_platform_admin(actor):
        raise Forbidden()


def undelivered(actor):
    """Failed mail (newest first) and mail still waiting (oldest first), with their totals: the
    platform administrators' view of the outbox. Three queries, whatever the numbers."""
    _require_admin(actor)
    columns = db.defer(OutboxMessage.payload)  # never load the mails' content for a list
    failed = db.session.execute(
        db.select(OutboxMessage).options(columns).where(OutboxMessage.status == FAILED)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(SHOWN)).scalars().all()
    pending = db.session.execute(
        db.select(OutboxMessage).options(columns).where(OutboxMessage.status == PENDING)
        .order_by(OutboxMessage.created_at, OutboxMessage.id).limit(SHOWN)).scalars().all()
    totals = dict(db.session.execute(
        db.select(OutboxMessage.status, func.count()).where(OutboxMessage.status.in_((FAILED, PENDING)))
        .group_by(OutboxMessage.status)).all())
    return {"failed": failed, "pending": pending,
            "failed_total": totals.get(FAILED, 0), "pending_total": totals.get(PENDING, 0)}


@use_case
def send_again(actor, message_id):
    """Make a failed (or waiting) mail due now, with a new MAIL_RETRY_HOURS to go; audited.

    A lease in force is left alone, so a mail a worker is delivering right now is not handed
    to a second one. Delivered mail cannot be sent again (its content is gone).
    """
    _require_admin(actor)
    row = db.session.get(OutboxMessage, message_id, options=[db.defer(OutboxMessage.payload)])
    if row is None:
        raise NotFound()
    now = utcnow()
    moved = db.session.execute(
        db.update(OutboxMessage).where(OutboxMessage.id == row.id, OutboxMessage.status.in_((FAILED, PENDING)))
        .values(status=PENDING, next_attempt_at=now,
                give_up_at=now + timedelta(hours=current_app.config["MAIL_RETRY_HOURS"]))
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise Conflict(_l("This mail has already been delivered."))
    audit.record(actor, "outbox.send_again", row, kind=row.kind, recipient=row.recipient,
                 previous_error=row.last_error or "")
    return row  # read again after the commit (@use_case expires it): as the row now stands
