"""Overdue referrals: the receiving side has not moved one for 2 working days."""
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from portal.core import audit
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.extensions import db
from portal.referrals import notify, workflow
from portal.referrals.models import Referral


def _claim(referral, now):
    """Mark the reminder as sent if nobody has yet: one conditional UPDATE, read by rowcount, so
    that two runs at once (two machines) never both mail (DESIGN.md, like the seats)."""
    claimed = db.session.execute(
        db.update(Referral).where(Referral.id == referral.id, Referral.reminder_sent_at.is_(None),
                                  workflow.overdue_condition(Referral, now))
        .values(reminder_sent_at=now).execution_options(synchronize_session=False)
    ).rowcount
    if claimed == 1:
        set_committed_value(referral, "reminder_sent_at", now)
    return claimed == 1


@use_case
def send_overdue_reminders(now=None):
    """Mail the receivers of each overdue referral once (per waiting status); returns them.
    Safe to run on several machines at once: each reminder is claimed before it is queued, and
    the claim and the mail commit together (the outbox)."""
    now = now or utcnow()
    referrals = db.session.execute(
        db.select(Referral).where(workflow.overdue_condition(Referral, now), Referral.reminder_sent_at.is_(None))
        .options(joinedload(Referral.candidate), joinedload(Referral.offer)).order_by(Referral.id)
    ).scalars().all()
    reminded = []
    for referral in referrals:  # in id order: two runs lock rows in the same order (no deadlock)
        if not _claim(referral, now):
            continue
        notify.mail_overdue(referral, referral.candidate, referral.offer)
        audit.record(None, "referral.reminder", referral, organisation_id=referral.host_id)
        reminded.append(referral)
    return reminded
