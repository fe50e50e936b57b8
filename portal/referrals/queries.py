"""Reads of candidates and referrals: each returns everything its page or answer shows.

Every read of a candidate's personal data is written to the audit log (API.md §5): a list
as one entry naming them all, a record or a referral as one entry each. The entry commits
without expiring what was read (core/use_case.py: commit), so the page or the JSON is built
from the records already loaded — a fixed number of queries.
"""
from datetime import datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import User
from portal.core import actors, audit, cache
from portal.core.audit import AuditEntry
from portal.core.errors import Forbidden, Invalid
from portal.core.types import BRUSSELS, utcnow
from portal.core.use_case import commit, parsed
from portal.extensions import db
from portal.offers.models import Offer
from portal.organisations.models import Organisation
from portal.referrals import permissions, serialise, workflow
from portal.referrals.models import Candidate, ConsentRecord, PlacementNote, Referral, ReferralMove

AUDIT_PER_PAGE = 50
OPEN_LIST_LIMIT = 200


def detail_options():
    """What a referral's page and answer show: candidate, offer, parties, placement, history, notes."""
    return (
        joinedload(Referral.candidate), joinedload(Referral.offer).joinedload(Offer.organisation),
        joinedload(Referral.ocmw), joinedload(Referral.host), joinedload(Referral.placement),
        selectinload(Referral.history).joinedload(ReferralMove.by),
        selectinload(Referral.notes).joinedload(PlacementNote.author),
    )


def log_candidate_list(actor, candidates):
    """A list showing candidates' personal data is a read of each: one audit entry names them."""
    if not candidates:
        return
    audit.record(actor, "candidate.list", None, organisation_id=candidates[0].organisation_id,
                 candidate_ids=[c.id for c in candidates])
    commit(keep_loaded=True)


# --- candidates ---------------------------------------------------------------------------

def candidates_page(actor, pages, refused=Forbidden):
    """A page of the actor's OCMW's candidates, the people still supported first (erased
    records only keep the statistics); `refused` is raised for anyone else (the API: 404).
    `pages` is (page, per_page), or the parser of the request's (run once access is decided)."""
    if not permissions.can_manage_candidates(actor):
        raise refused()
    page, per_page = parsed(pages)
    statement = permissions.candidates_visible_to(actor).order_by(
        Candidate.erased_at.is_not(None), Candidate.created_at.desc(), Candidate.id.desc())
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    log_candidate_list(actor, result.items)
    return result, (page, per_page)


def candidate_record(actor, candidate_id, options=()):
    """The candidate's record for its OCMW's member; the read itself is audit-logged."""
    candidate = permissions.get_candidate_for(actor, candidate_id, options=options)
    audit.record(actor, "candidate.read", candidate, organisation_id=candidate.organisation_id)
    commit(keep_loaded=True)
    return candidate


def candidate_page(actor, candidate_id):
    """The candidate's page for its OCMW's member (the read is audit-logged): the record with
    its consent history, its referrals, the names of the organisations its consent names, and
    the offers suggested for it (inside the OCMW only)."""
    from portal.referrals.suggestions import suggestions_for

    candidate = candidate_record(actor, candidate_id, options=(
        joinedload(Candidate.consent_recorded_by),
        selectinload(Candidate.consent_records).joinedload(ConsentRecord.by)))
    referrals = db.session.execute(
        db.select(Referral).where(Referral.candidate_id == candidate.id)
        .options(joinedload(Referral.offer), joinedload(Referral.host)).order_by(Referral.created_at.desc())
    ).scalars().all()
    named = {i for record in candidate.consent_records for i in (record.organisation_ids or [])}
    names = dict(db.session.execute(
        db.select(Organisation.id, Organisation.name).where(Organisation.id.in_(named))).all()) if named else {}
    return {"candidate": candidate, "referrals": referrals, "organisation_names": names,
            "suggestions": suggestions_for(candidate)}


def candidate_to_edit(actor, candidate_id):
    """The candidate whose edit form or erase confirmation is shown (not a read of the file:
    the form is the OCMW's own data entry)."""
    return permissions.get_candidate_for(actor, candidate_id)


def referable_candidates(actor, offer):
    """The candidates the actor may refer to this offer (the offer page's choice): none unless
    the actor refers and the offer is published; the list is an audited read."""
    if not permissions.can_refer(actor) or offer.status != "published":
        return []
    candidates = db.session.execute(
        permissions.referable_candidates(actor).order_by(Candidate.first_name, Candidate.id)
    ).scalars().all()
    log_candidate_list(actor, candidates)
    return candidates


# --- referrals ------------------------------------------------------------------------------

def referral_answer(actor, referral):
    """The one audited read of a referral, for its page and for every API answer about it (a
    GET, and the 200/201 of a move or a creation): the candidate fields the actor's side may
    see are logged for the candidate's OCMW. Returns (referral, side)."""
    side = permissions.referral_side(actor, referral)
    audit.record(actor, "candidate.read", referral.candidate, organisation_id=referral.ocmw_id,
                 via="referral", referral_id=referral.id, side=side)
    commit(keep_loaded=True)
    return referral, side


def referral_page(actor, referral_id):
    """A referral for one of its two parties, with all its page shows (audited read)."""
    return referral_answer(actor, permissions.get_referral_for(actor, referral_id, options=detail_options()))


def referral_json(actor, referral):
    """The API's body of a referral, through the audited read."""
    return serialise.referral_detail(*referral_answer(actor, referral))


def referral_list(actor, box, status, pages):
    """The API's list: the actor's referrals, in a box (sent/received) and a status if asked;
    the candidates of referrals the actor's OCMW sent are an audited read."""
    errors = {}
    if box not in ("", *permissions.BOXES):
        errors["box"] = [_("Must be sent or received.")]
    if status and status not in workflow.STATUSES:
        errors["status"] = [_("Not a valid choice.")]
    if errors:
        raise Invalid(fields=errors)
    page, per_page = parsed(pages)
    statement = permissions.referrals_visible_to(actor)
    if box:
        statement = statement.where(permissions.in_box(actor, box))
    if status:
        statement = statement.where(Referral.status == status)
    statement = statement.options(
        joinedload(Referral.candidate), joinedload(Referral.offer), joinedload(Referral.ocmw),
        joinedload(Referral.host),
    ).order_by(Referral.created_at.desc(), Referral.id.desc())
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    sides = [(referral, permissions.referral_side(actor, referral)) for referral in result.items]
    log_candidate_list(actor, [r.candidate for r, side in sides if side == workflow.SENDING])
    return result, sides, (page, per_page)


# --- dashboard: referrals by status, placements running and ending soon, overdue flags --------


def dashboard(actor):
    """Each organisation's dashboard — a fixed handful of queries whatever the volume."""
    organisation = actors.organisation_of(actor)
    now = utcnow()
    today = now.astimezone(BRUSSELS).date()
    scope = permissions.referrals_visible_to(actor)
    counts = {"received": {}, "sent": {}}
    rows = db.session.execute(
        db.select(Referral.status, Referral.host_id, func.count())
        .where(scope.whereclause).group_by(Referral.status, Referral.host_id)
    ).all()
    for status, host_id, count in rows:  # a referral's box is its side (permissions.in_box)
        box = counts["received" if host_id == organisation.id else "sent"]
        box[status] = box.get(status, 0) + count
    options = (joinedload(Referral.candidate), joinedload(Referral.offer).joinedload(Offer.organisation),
               joinedload(Referral.ocmw), joinedload(Referral.host), joinedload(Referral.placement))
    open_referrals = db.session.execute(
        scope.where(Referral.status.in_(workflow.OPEN)).options(*options)
        .order_by(Referral.created_at.desc(), Referral.id.desc()).limit(OPEN_LIST_LIMIT)
    ).unique().scalars().all()
    overdue_ids = set(db.session.execute(
        db.select(Referral.id).where(scope.whereclause, workflow.overdue_condition(Referral, now))
    ).scalars())
    ending_soon = [r for r in open_referrals if r.status == "started" and r.placement
                   and r.placement.planned_end and today <= r.placement.planned_end <= today + timedelta(days=30)]
    # Interviews to come, on both sides: the referral and the offer, no candidate field.
    interviews = db.session.execute(
        scope.where(Referral.status == "interview", Referral.interview_at >= now)
        .options(joinedload(Referral.offer), joinedload(Referral.ocmw), joinedload(Referral.host))
        .order_by(Referral.interview_at, Referral.id).limit(OPEN_LIST_LIMIT)
    ).unique().scalars().all()
    sides = {r.id: permissions.referral_side(actor, r) for r in open_referrals}
    log_candidate_list(actor, [r.candidate for r in open_referrals if sides[r.id] == workflow.SENDING])
    if cache.storing():  # a kept dashboard turns wrong when the next referral is overdue, and at midnight
        cache.expires_at(db.session.execute(
            db.select(func.min(Referral.respond_by))
            .where(scope.whereclause, Referral.status.in_(workflow.AWAITING_RECEIVER), Referral.respond_by >= now)
        ).scalar_one())
        cache.expires_at(datetime.combine(today + timedelta(days=1), time(0), tzinfo=BRUSSELS))
    return {
        "organisation": organisation,
        "counts": counts,
        "received": [r for r in open_referrals if sides[r.id] == workflow.RECEIVING and r.status != "started"],
        "sent": [r for r in open_referrals if sides[r.id] == workflow.SENDING and r.status != "started"],
        "running": [r for r in open_referrals if r.status == "started"],
        "ending_soon": ending_soon,
        "overdue_ids": overdue_ids,
        "interviews": interviews,
        "today": today,
    }


# --- audit log --------------------------------------------------------------------------------

def audit_page(actor, page):
    """An organisation's admins read who did what to their organisation's records: the entries
    and the names of the people who acted."""
    if not permissions.can_read_audit_log(actor):
        raise Forbidden()
    organisation = actors.organisation_of(actor)
    statement = (db.select(AuditEntry).where(AuditEntry.organisation_id == organisation.id)
                 .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    result = db.paginate(statement, page=page, per_page=AUDIT_PER_PAGE, error_out=False)
    actor_ids = {entry.actor_id for entry in result.items if entry.actor_id}
    names = dict(db.session.execute(db.select(User.id, User.name).where(User.id.in_(actor_ids))).all()) \
        if actor_ids else {}
    return result, names, organisation

