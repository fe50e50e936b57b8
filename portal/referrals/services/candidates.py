"""Candidates: recorded with consent, edited, consent revoked, erased (their audited reads are
in portal/referrals/queries.py)."""
from flask_babel import lazy_gettext as _l

from portal.core import actors, audit
from portal.core.errors import Conflict, Forbidden
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.extensions import db
from portal.referrals import permissions
from portal.referrals.models import PERSONAL_FIELDS, Candidate
from portal.referrals.services import consent

EDITABLE = ("reference", "first_name", "last_initial", "birth_year", "languages", "skills", "commune",
            "available_from", "hours_per_week", "notes")


@use_case
def create_candidate(actor, data):
    """Members of an approved OCMW record a candidate, only with the person's consent
    (the form refuses anything else), scoped by an end date and receiving organisations when
    given (422 on dates in the wrong order or an organisation that is not an approved host);
    the candidate belongs to their OCMW."""
    if not permissions.can_manage_candidates(actor):
        raise Forbidden(_l("Only members of an approved OCMW record candidates."))
    given_on, expires_on, organisation_ids = consent.checked_scope(data)
    candidate = Candidate(organisation_id=actors.organisation_of(actor).id)
    consent.record_consent(candidate, actor, "given", given_on, expires_on, organisation_ids)
    _assign(candidate, data)
    db.session.add(candidate)
    audit.record(actor, "candidate.create", candidate, organisation_id=candidate.organisation_id)
    return candidate


@use_case
def update_candidate(actor, candidate_id, data):
    """The owning OCMW edits its candidate; an erased candidate stays erased."""
    candidate = permissions.get_candidate_for(actor, candidate_id)
    if candidate.is_erased:
        raise Conflict(_l("This candidate's personal data has been erased."))
    _assign(candidate, data)
    audit.record(actor, "candidate.update", candidate, organisation_id=candidate.organisation_id)
    return candidate


@use_case
def revoke_consent(actor, candidate_id):
    """From now on recipients see nothing identifying, and new referrals are refused."""
    candidate = permissions.get_candidate_for(actor, candidate_id)
    if candidate.consent_revoked_at is None:
        candidate.consent_revoked_at = utcnow()
        consent.record_consent(candidate, actor, "revoked")
        audit.record(actor, "candidate.consent_revoked", candidate, organisation_id=candidate.organisation_id)
    return candidate


@use_case
def erase_candidate(actor, candidate_id):
    """Right to erasure: personal fields wiped; referrals and placement facts stay."""
    candidate = permissions.get_candidate_for(actor, candidate_id)
    if not candidate.is_erased:
        anonymise(candidate)
        audit.record(actor, "candidate.erase", candidate, organisation_id=candidate.organisation_id)
    return candidate


def anonymise(candidate, moment=None):
    for name in PERSONAL_FIELDS:
        setattr(candidate, name, None if name == "birth_year" else "")
    candidate.erased_at = moment or utcnow()


def _assign(candidate, data):
    for name in EDITABLE:
        if name in data:
            value = data[name]
            if name == "languages":
                value = list(dict.fromkeys(value or []))
            elif name in ("reference", "first_name", "last_initial", "skills", "notes"):
                value = (value or "").strip()
            setattr(candidate, name, value)
