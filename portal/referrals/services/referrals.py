"""Referrals: an OCMW refers its candidate to a published offer; the parties move it
along the table of portal/referrals/workflow.py."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.core import actors, audit
from portal.core.choices import CLOSE_REASONS
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.types import BRUSSELS, utcnow
from portal.core.use_case import parsed, use_case
from portal.extensions import db
from portal.offers import permissions as offer_permissions
from portal.offers.models import Offer
from portal.organisations.models import Organisation
from portal.referrals import notify, permissions, queries, workflow
from portal.referrals.models import Placement, Referral, ReferralMove
from portal.referrals.services import consent, interviews
from portal.referrals.services.calendar import add_working_days


@use_case(keeps_loaded=True)
def create_referral(actor, data):
    """Refer one of the actor's OCMW's candidates to a published offer.

    Refused: another OCMW's candidate (404, it is not theirs to see), a candidate who may not
    be referred (permissions.may_be_referred: erased, consent revoked; and consent.
    check_referral_allowed: consent ended or not naming the offer's organisation), an offer
    that is not published, and a second referral of the same candidate to the same offer while
    one is pending (all 409). `data` may be a parser (core/use_case.py: parsed), run once the
    actor is known to be allowed to refer.
    """
    if not permissions.can_refer(actor):
        raise Forbidden(_l("Only members of an approved OCMW refer candidates."))
    data = parsed(data)
    candidate = permissions.get_candidate_for(actor, data["candidate_id"])
    offer = offer_permissions.get_offer_for(actor, data["offer_id"], options=(joinedload(Offer.organisation),))
    refusal = permissions.why_not_referable(candidate)
    if refusal is not None:
        raise Conflict(refusal)
    consent.check_referral_allowed(candidate, db.session.get(Organisation, offer.organisation_id))
    if offer.status != "published":
        raise Conflict(_l("Only a published offer accepts referrals."))
    pending = db.session.execute(db.select(Referral.id).where(
        Referral.candidate_id == candidate.id, Referral.offer_id == offer.id,
        Referral.status.in_(workflow.BLOCKS_NEW_REFERRAL),
    ).limit(1)).scalar_one_or_none()
    if pending is not None:
        raise Conflict(_l("This candidate already has a pending referral to this offer."))
    now = utcnow()
    referral = Referral(
        candidate=candidate, offer=offer, ocmw=actors.organisation_of(actor), host=offer.organisation,
        placement=None, status="submitted", message=(data.get("message") or "").strip(),
        created_by_id=actor.id, created_at=now,
        respond_by=add_working_days(now, workflow.OVERDUE_WORKING_DAYS),
    )
    referral.history = [ReferralMove(from_status=None, to_status="submitted", at=now, by_id=actor.id,
                                     side=workflow.SENDING, comment=referral.message)]
    referral.notes = []
    db.session.add(referral)
    try:
        db.session.flush()
    except IntegrityError:  # a simultaneous identical referral won the race (uq_referrals_pending)
        raise Conflict(_l("This candidate already has a pending referral to this offer.")) from None
    audit.record(actor, "referral.create", referral, organisation_id=referral.ocmw_id,
                 candidate_id=candidate.id, offer_id=offer.id)
    notify.mail_new_referral(referral, candidate, offer, actors.organisation_of(actor).name)
    return referral


@use_case(keeps_loaded=True)
def move_referral(actor, referral_id, data):
    """Move a referral as the workflow table allows: 403 for a move the actor's side can never
    make, 409 for one it may make but not from the current status. `started` needs the first
    working day, `ended` the last day (not before the start) and an outcome; a decline, a
    withdrawal and a placement broken off need a reason from CLOSE_REASONS (else 422). The move
    to `interview` may schedule it (a moment in the future and a place); a decline or
    withdrawal cancels an interview still to come. Returns the referral with all that its
    answer shows (queries.referral_answer)."""
    referral = permissions.get_referral_for(actor, referral_id, options=queries.detail_options())
    side = permissions.referral_side(actor, referral)
    data = parsed(data, referral)
    to = data["to"]
    workflow.check_move(referral.status, to, side)
    day = data.get("date")
    placement = referral.placement
    if to in workflow.NEEDS_DATE and day is None:
        raise Invalid(fields={"date": [_l("Give the date of this move.")]})
    if to in workflow.NEEDS_OUTCOME and not data.get("outcome"):
        raise Invalid(fields={"outcome": [_l("Give the outcome of the placement.")]})
    reason = data.get("reason") or None
    if workflow.needs_reason(to, data.get("outcome")):
        if reason not in CLOSE_REASONS:
            raise Invalid(fields={"reason": [_l("Choose the reason from the list.")]})
    else:
        reason = None  # only the moves that take a reason keep one
    if to == "started" and placement.agreement_signed_on and placement.agreement_signed_on > day:
        raise Invalid(fields={"date": [_l("The placement cannot start before its agreement was signed.")]})
    if to == "ended" and day < placement.started_on:
        raise Invalid(fields={"date": [_l("The placement cannot end before it started.")]})

    now = utcnow()
    at, place = data.get("at"), (data.get("place") or "").strip()
    if to == "interview":
        interviews.check_interview(at, place, now)
    before = referral.status
    referral.status = to
    if to in workflow.AWAITING_RECEIVER:
        referral.respond_by = add_working_days(now, workflow.OVERDUE_WORKING_DAYS)
        referral.reminder_sent_at = None
    else:
        referral.respond_by = None
    if to == "accepted":
        placement = Placement(host_id=referral.host_id, ocmw_id=referral.ocmw_id,
                              function=referral.offer.function)
        referral.placement = placement
    elif to == "started":
        placement.started_on = day
    elif to == "ended":
        placement.ended_on = day
        placement.outcome = data["outcome"]
        placement.end_reason = reason
        referral.closed_on = day
    if to in ("declined", "withdrawn"):
        referral.closed_on = now.astimezone(BRUSSELS).date()
        referral.close_reason = reason
    move = ReferralMove(from_status=before, to_status=to, at=now, by=actor, side=side,
                        comment=(data.get("comment") or "").strip(), reason=reason)
    referral.history.append(move)  # the loaded history stays whole: the answer shows it
    if to == "interview" and at is not None:
        interviews.schedule(actor, referral, at, place, now)
    elif to in workflow.CANCELS_INTERVIEW:
        interviews.cancel_if_scheduled(referral, now)
    for organisation_id in sorted({referral.ocmw_id, referral.host_id}):  # both parties' logs
        audit.record(actor, "referral.move", referral, organisation_id=organisation_id,
                     **{"from": before, "to": to, "side": side, **({"reason": reason} if reason else {})})
    notify.mail_move(referral, referral.candidate, referral.offer,
                     referral.host_id if side == workflow.SENDING else referral.ocmw_id, move)
    return referral


def today():
    return utcnow().astimezone(BRUSSELS).date()

