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


@use_case
def purge(now=None):
    """Anonymise every candidate past retention; returns them (their ids stay)."""
    now = now or utcnow()
    candidates = db.session.execute(due_for_purge(now)).scalars().all()
    for candidate in candidates:
        anonymise(candidate, now)
        audit.record(None, "candidate.purge", candidate, organisation_id=candidate.organisation_id)
    return candidates
