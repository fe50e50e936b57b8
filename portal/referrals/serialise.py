"""Wire and page views of candidates and referrals: what each side may see, in one place.

The receiving side never sees reference, birth year or notes, and sees nothing
identifying once consent is revoked or the candidate erased.
"""
from portal.api.serialise import iso_date, iso_datetime
from portal.core.types import utcnow
from portal.referrals import workflow
from portal.referrals.workflow import SENDING

RECEIVER_FIELDS = ("first_name", "last_initial", "languages", "skills", "available_from", "commune")


def candidate_full(candidate):
    return {
        "id": candidate.id,
        "reference": candidate.reference,
        "first_name": candidate.first_name,
        "last_initial": candidate.last_initial,
        "birth_year": candidate.birth_year,
        "languages": list(candidate.languages or []),
        "skills": candidate.skills,
        "commune": candidate.commune,
        "available_from": iso_date(candidate.available_from),
        "hours_per_week": candidate.hours_per_week,
        "consent": True,
        "consent_date": iso_date(candidate.consent_date),
        "consent_scope": {"given_on": iso_date(candidate.consent_date),
                          "expires_on": iso_date(candidate.consent_expires_on),
                          "organisation_ids": candidate.consent_organisation_ids},
        "consent_expired": candidate.consent_expired,
        "consent_revoked_at": iso_datetime(candidate.consent_revoked_at),
        "erased": candidate.is_erased,
        "notes": candidate.notes,
        "created_at": iso_datetime(candidate.created_at),
        "updated_at": iso_datetime(candidate.updated_at),
    }


def candidate_for_receiver(candidate):
    """The limited view of the receiving side; withheld entirely without consent."""
    if not candidate.may_be_identified:
        return {"id": candidate.id, "withheld": True, "first_name": None, "last_initial": None,
                "languages": [], "skills": "", "available_from": None, "commune": None}
    return {
        "id": candidate.id, "withheld": False,
        "first_name": candidate.first_name, "last_initial": candidate.last_initial,
        "languages": list(candidate.languages or []), "skills": candidate.skills,
        "available_from": iso_date(candidate.available_from), "commune": candidate.commune,
    }


def candidate_for(candidate, side):
    return candidate_full(candidate) if side == SENDING else candidate_for_receiver(candidate)


def placement(placement):
    if placement is None:
        return None
    return {
        "started_on": iso_date(placement.started_on),
        "ended_on": iso_date(placement.ended_on),
        "outcome": placement.outcome,
        "end_reason": placement.end_reason,
        "function": placement.function,
        "agreement_signed_on": iso_date(placement.agreement_signed_on),
        "planned_end": iso_date(placement.planned_end),
        "hours_per_week": placement.hours_per_week,
        "job_coach": placement.job_coach,
        "supervisor": placement.supervisor,
    }


def interview(referral):
    """When and where, once scheduled; `sequence` is the invitations' SEQUENCE."""
    if referral.interview_at is None:
        return None
    return {"at": iso_datetime(referral.interview_at), "place": referral.interview_place,
            "sequence": referral.interview_sequence}


def _person(user, side):
    return {"id": user.id, "name": user.name, "side": side} if user else {"id": None, "name": None, "side": side}


def referral_summary(referral, side):
    return {
        "id": referral.id,
        "status": referral.status,
        "offer": {"id": referral.offer.id, "title": referral.offer.title, "function": referral.offer.function},
        "candidate": candidate_for(referral.candidate, side) if side == SENDING
        else candidate_for_receiver(referral.candidate),
        "sender": {"id": referral.ocmw.id, "name": referral.ocmw.name},
        "receiver": {"id": referral.host.id, "name": referral.host.name},
        "message": referral.message,
        "close_reason": referral.close_reason,
        "interview": interview(referral),
        "overdue": workflow.is_overdue(referral, utcnow()),
        "created_at": iso_datetime(referral.created_at),
        "updated_at": iso_datetime(referral.updated_at),
    }


def referral_detail(referral, side):
    body = referral_summary(referral, side)
    body["history"] = [
        {"from": move.from_status, "to": move.to_status, "at": iso_datetime(move.at),
         "by": _person(move.by, move.side), "comment": move.comment, "reason": move.reason}
        for move in referral.history
    ]
    body["placement"] = placement(referral.placement)
    body["notes"] = [
        {"id": note.id, "on": iso_date(note.on), "text": note.text, "by": _person(note.author, note.side),
         "created_at": iso_datetime(note.created_at)}
        for note in referral.notes
    ]
    return body

