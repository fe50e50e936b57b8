"""Rules on candidates and referrals: who sees a candidate, who is a party to a referral.

Candidates are confidential: only members of the owning OCMW see them — not platform
admins, not federations, not the organisations they are referred to (those see a
referral's limited view through `referral_side`).
"""
from sqlalchemy import false, or_

from portal.core.errors import NotFound
from portal.core.permissions.organisations import acts_for_type, is_organisation_admin, organisation_of
from portal.extensions import db

__all__ = [
    "can_manage_candidates", "candidates_visible_to", "get_candidate_for", "referrals_visible_to",
    "get_referral_for", "referral_side", "can_refer", "can_read_audit_log", "can_see_referrals",
]


def can_manage_candidates(user):
    """Members of an approved OCMW record, edit, refer and erase their own candidates."""
    return acts_for_type(user, "ocmw")


can_refer = can_manage_candidates


def can_see_referrals(user):
    return acts_for_type(user, "ocmw", "sie", "host")


def candidates_visible_to(user):
    from portal.referrals.models import Candidate

    statement = db.select(Candidate)
    if not can_manage_candidates(user):
        return statement.where(false())
    return statement.where(Candidate.organisation_id == organisation_of(user).id)


def get_candidate_for(user, candidate_id, options=()):
    """The candidate if it belongs to the user's OCMW, else NotFound."""
    from portal.referrals.models import Candidate

    candidate = db.session.execute(
        candidates_visible_to(user).where(Candidate.id == candidate_id).options(*options)
    ).scalar_one_or_none()
    if candidate is None:
        raise NotFound()
    return candidate


def referrals_visible_to(user):
    """The referrals the user's organisation sent (OCMW) or received (offer's organisation)."""
    from portal.referrals.models import Referral

    statement = db.select(Referral)
    if not can_see_referrals(user):
        return statement.where(false())
    own = organisation_of(user).id
    return statement.where(or_(Referral.ocmw_id == own, Referral.host_id == own))


def get_referral_for(user, referral_id, options=()):
    from portal.referrals.models import Referral

    referral = db.session.execute(
        referrals_visible_to(user).where(Referral.id == referral_id).options(*options)
    ).scalar_one_or_none()
    if referral is None:
        raise NotFound()
    return referral


def referral_side(user, referral):
    """"sending" for the OCMW's members, "receiving" for the offer organisation's, else None."""
    from portal.referrals.workflow import RECEIVING, SENDING

    organisation = organisation_of(user)
    if organisation is None:
        return None
    if organisation.id == referral.ocmw_id:
        return SENDING
    if organisation.id == referral.host_id:
        return RECEIVING
    return None


def can_read_audit_log(user):
    """An organisation's admins read the audit entries about their organisation's records."""
    organisation = organisation_of(user)
    return organisation is not None and is_organisation_admin(user, organisation.id)
