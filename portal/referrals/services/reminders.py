"""Overdue referrals: the receiving side has not moved one for 2 working days."""
from sqlalchemy.orm import joinedload

from portal.core import audit
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.extensions import db
from portal.referrals import notify, workflow
from portal.referrals.models import Referral


@use_case
def send_overdue_reminders(now=None):
    """Mail the receivers of each overdue referral once (per waiting status); returns them."""
    now = now or utcnow()
    referrals = db.session.execute(
        db.select(Referral).where(workflow.overdue_condition(Referral, now), Referral.reminder_sent_at.is_(None))
        .options(joinedload(Referral.candidate), joinedload(Referral.offer)).order_by(Referral.id)
    ).scalars().all()
    for referral in referrals:
        notify.mail_overdue(referral, referral.candidate, referral.offer)
        referral.reminder_sent_at = now
        audit.record(None, "referral.reminder", referral, organisation_id=referral.host_id)
    return referrals
