"""Each organisation's dashboard: referrals by status, placements running and ending soon,
overdue flags — a fixed handful of queries whatever the volume."""
from datetime import timedelta

from sqlalchemy import func
from sqlalchemy.orm import joinedload

from portal.core import permissions
from portal.core.types import BRUSSELS, utcnow
from portal.extensions import db
from portal.offers.models import Offer
from portal.referrals import workflow
from portal.referrals.models import Referral
from portal.referrals.services.candidates import log_candidate_list
from portal.referrals.services.reminders import overdue_condition

OPEN_LIST_LIMIT = 200


def dashboard(actor):
    organisation = permissions.organisation_of(actor)
    now = utcnow()
    today = now.astimezone(BRUSSELS).date()
    scope = permissions.referrals_visible_to(actor)
    counts = {"received": {}, "sent": {}}
    rows = db.session.execute(
        db.select(Referral.status, Referral.host_id, func.count())
        .where(scope.whereclause).group_by(Referral.status, Referral.host_id)
    ).all()
    for status, host_id, count in rows:
        box = counts["received" if host_id == organisation.id else "sent"]
        box[status] = box.get(status, 0) + count
    options = (joinedload(Referral.candidate), joinedload(Referral.offer).joinedload(Offer.organisation),
               joinedload(Referral.ocmw), joinedload(Referral.host), joinedload(Referral.placement))
    open_referrals = db.session.execute(
        scope.where(Referral.status.in_(workflow.OPEN)).options(*options)
        .order_by(Referral.created_at.desc(), Referral.id.desc()).limit(OPEN_LIST_LIMIT)
    ).unique().scalars().all()
    overdue_ids = set(db.session.execute(
        db.select(Referral.id).where(scope.whereclause, overdue_condition(now))
    ).scalars())
    # Interviews to come, on both sides: the referral and the offer, no candidate field.
    interviews = db.session.execute(
        scope.where(Referral.status == "interview", Referral.interview_at >= now)
        .options(joinedload(Referral.offer), joinedload(Referral.ocmw), joinedload(Referral.host))
        .order_by(Referral.interview_at, Referral.id).limit(OPEN_LIST_LIMIT)
    ).unique().scalars().all()
    ending_soon = [r for r in open_referrals if r.status == "started" and r.placement
                   and r.placement.planned_end and today <= r.placement.planned_end <= today + timedelta(days=30)]
    log_candidate_list(actor, [r.candidate for r in open_referrals if r.ocmw_id == organisation.id])
    return {
        "organisation": organisation,
        "counts": counts,
        "received": [r for r in open_referrals if r.host_id == organisation.id and r.status != "started"],
        "sent": [r for r in open_referrals if r.ocmw_id == organisation.id and r.status != "started"],
        "running": [r for r in open_referrals if r.status == "started"],
        "ending_soon": ending_soon,
        "interviews": interviews,
        "overdue_ids": overdue_ids,
        "today": today,
    }
