"""The reminder job (`flask send-reminders`, hourly)."""
from datetime import timedelta

from sqlalchemy.orm import contains_eager

from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.events import notify
from portal.events.models import Event, Registration
from portal.extensions import db

REMIND_WITHIN = timedelta(hours=48)


@use_case
def send_reminders(now=None):
    """Mail confirmed registrants of published events starting within 48 hours, once each:
    the conditional UPDATE of reminded_at makes a second (or simultaneous) run skip them, and
    the claim and the mail commit together (the outbox)."""
    now = now or utcnow()
    rows = db.session.execute(
        db.select(Registration).join(Registration.event).where(
            Event.status == "published", Event.starts_at > now, Event.starts_at <= now + REMIND_WITHIN,
            Registration.status == "confirmed", Registration.reminded_at.is_(None),
        ).options(db.joinedload(Registration.user), contains_eager(Registration.event))
        .order_by(Registration.id)  # two runs lock rows in the same order: no deadlock
    ).scalars().all()
    sent = 0
    for registration in rows:
        claimed = db.session.execute(
            db.update(Registration).where(Registration.id == registration.id, Registration.reminded_at.is_(None))
            .values(reminded_at=now).execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            continue
        notify.mail_reminder(registration)
        sent += 1
    return sent
