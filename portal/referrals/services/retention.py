"""Retention (API.md §5): personal fields go 12 months after the last referral closed, or
after 12 months without any referral; placement facts stay for the reports."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, func

from portal.core import audit
from portal.core.types import BRUSSELS, utcnow
from portal.core.use_case import use_case
from portal.extensions import db
from portal.referrals import workflow
from portal.referrals.models import Candidate, Referral
from portal.referrals.services.candidates import anonymise


def due_for_purge(now):
    """Candidates not yet erased whose retention period is over (one query)."""
    days = current_app.config["CANDIDATE_RETENTION_DAYS"]
    limit = now - timedelta(days=days)
    limit_day = now.astimezone(BRUSSELS).date() - timedelta(days=days)
    any_referral = exists().where(Referral.candidate_id == Candidate.id)
    open_referral = exists().where(Referral.candidate_id == Candidate.id,
                                   Referral.status.not_in(workflow.CLOSED))
    last_closed = (db.select(func.max(Referral.closed_on)).where(Referral.candidate_id == Candidate.id)
                   .scalar_subquery())
    return db.select(Candidate).where(
        Candidate.erased_at.is_(None),
        ((~any_referral) & (Candidate.created_at < limit))
        | (any_referral & ~open_referral & (last_closed < limit_day)),
    ).order_by(Candidate.id)


def _claim(candidate, now):
    """Take the candidate for this run if no other run (another machine) has erased it: one
    conditional UPDATE, read by rowcount; the row stays locked until this run commits."""
    return db.session.execute(
        db.update(Candidate).where(Candidate.id == candidate.id, Candidate.erased_at.is_(None))
        .values(erased_at=now).execution_options(synchronize_session=False)
    ).rowcount == 1


@use_case
def purge(now=None):
    """Anonymise every candidate past retention; returns them (their ids stay). Two runs at
    once anonymise and log each candidate once."""
    now = now or utcnow()
    candidates = db.session.execute(due_for_purge(now)).scalars().all()
    purged = []
    for candidate in candidates:  # in id order: no deadlock between two runs
        if not _claim(candidate, now):
            continue
        anonymise(candidate, now)
        audit.record(None, "candidate.purge", candidate, organisation_id=candidate.organisation_id)
        purged.append(candidate)
    return purged
