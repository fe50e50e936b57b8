"""Reads of the referrals domain that a page shows whole: one call, a fixed set of queries."""
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.organisations.models import Organisation
from portal.referrals.models import Candidate, ConsentRecord, Referral
from portal.referrals.services.candidates import read_candidate
from portal.referrals.suggestions import suggestions_for


def candidate_page(actor, candidate_id):
    """The candidate's page for its OCMW's member (the read is audit-logged): the record with
    its consent history, its referrals, the names of the organisations its consent names, and
    the offers suggested for it (inside the OCMW only)."""
    candidate = read_candidate(actor, candidate_id, options=(
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
