"""Rules on candidates and referrals: who sees a candidate, who is a party to a referral.

Candidates are confidential: only members of the owning OCMW see them — not platform
admins, not federations, not the organisations they are referred to (those see a
referral's limited view through `referral_side`).
"""
from sqlalchemy import false, or_

from portal.core.actors import acts_for_type, is_organisation_admin, organisation_of
from portal.core.lookups import one_or_not_found
from portal.extensions import db
from portal.referrals.models import Candidate, Referral
from portal.referrals.workflow import RECEIVING, SENDING


def can_manage_candidates(user):
    """Members of an approved OCMW record, edit, refer and erase their own candidates."""
    return acts_for_type(user, "ocmw")


can_refer = can_manage_candidates


def can_see_referrals(user):
    return acts_for_type(user, "ocmw", "sie", "host")


def candidates_visible_to(user):
    statement = db.select(Candidate)
    if not can_manage_candidates(user):
        return statement.where(false())
    return statement.where(Candidate.organisation_id == organisation_of(user).id)


def get_candidate_for(user, candidate_id, options=()):
    """The candidate if it belongs to the user's OCMW, else NotFound."""
    return one_or_not_found(candidates_visible_to(user).where(Candidate.id == candidate_id).options(*options))


def referrals_visible_to(user):
    """The referrals the user's organisation sent (OCMW) or received (offer's organisation)."""
    statement = db.select(Referral)
    if not can_see_referrals(user):
        return statement.where(false())
    own = organisation_of(user).id
    return statement.where(or_(Referral.ocmw_id == own, Referral.host_id == own))


def get_referral_for(user, referral_id, options=()):
    return one_or_not_found(referrals_visible_to(user).where(Referral.id == referral_id).options(*options))


def referral_side(user, referral):
    """"sending" for the OCMW's members, "receiving" for the offer organisation's, else None."""
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


# --- which candidates may be referred ---------------------------------------------------

def why_not_referable(candidate):
    """The reason a candidate may not be referred (erased, consent revoked), or None."""
    from flask_babel import lazy_gettext as _l

    if candidate.is_erased:
        return _l("This candidate's personal data has been erased.")
    if candidate.consent_revoked:
        return _l("This candidate has revoked their consent: no new referral is possible.")
    return None


def may_be_referred(candidate):
    """A candidate may be referred while their data is kept and their consent stands."""
    return why_not_referable(candidate) is None


def referable_candidates(user):
    """may_be_referred as SQL: the user's OCMW's candidates that may be referred (the offer
    page's choice; tests check the two agree)."""
    return candidates_visible_to(user).where(Candidate.erased_at.is_(None), Candidate.consent_revoked_at.is_(None))


# --- the sent and received boxes ----------------------------------------------------------

BOXES = {"sent": SENDING, "received": RECEIVING}


def in_box(user, box):
    """The condition of a box: "sent" = referrals the user's OCMW sent, "received" = those the
    user's organisation received (a referral's side, referral_side, as SQL)."""
    own = organisation_of(user)
    if own is None:
        return false()
    return Referral.ocmw_id == own.id if BOXES[box] == SENDING else Referral.host_id == own.id
