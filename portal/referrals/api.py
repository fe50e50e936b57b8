"""/api/v1 routes of candidates and referrals (API.md "Candidates and referrals").

Thin adapters: the body is parsed by a parser the service runs once it has looked the record
up (access is decided before the body is validated: a referral one may not see is 404 whatever
is sent), and every answer about a referral goes through the one audited read
(queries.referral_json), built from what the service returns.
"""
from flask import request

from portal.api import api_user, bp
from portal.api.inputs import as_written, body_of, json_body, validated
from portal.api.kept import kept_for_token
from portal.api.pagination import page_args
from portal.api.serialise import iso_datetime
from portal.core.errors import Forbidden, Invalid, NotFound
from portal.core.web import form_values
from portal.offers.api import serialise_offer
from portal.referrals import consent_input, permissions, queries, serialise, services, suggestions
from portal.referrals.forms import (
    CandidateForm,
    ConsentForm,
    InterviewForm,
    NoteForm,
    PlacementForm,
    ReferralForm,
    TransitionForm,
)
from portal.referrals.openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS  # noqa: F401  (for /api/v1/openapi.json)
from portal.referrals.services.placements import placement_values


def envelope(result, page, per_page):
    return {"total": result.total, "page": page, "per_page": per_page}


# --- candidates ------------------------------------------------------------------------

@bp.get("/candidates")
def api_candidates():
    # API.md: members of the owning OCMW only, 404 for everyone else
    result, (page, per_page) = queries.candidates_page(api_user(), page_args, refused=NotFound)
    return {"items": [serialise.candidate_full(c) for c in result.items], **envelope(result, page, per_page)}


@bp.post("/candidates")
def api_create_candidate():
    user = api_user()
    if not permissions.can_manage_candidates(user):
        raise Forbidden()
    payload, names = consent_input.flatten(json_body())
    try:
        form = validated(CandidateForm, payload)
        candidate = services.create_candidate(user, form_values(form))
    except Invalid as error:
        raise consent_input.renamed(error, names) from None
    return serialise.candidate_full(candidate), 201


@bp.get("/candidates/<int:candidate_id>")
def api_candidate(candidate_id):
    return serialise.candidate_full(queries.candidate_record(api_user(), candidate_id))


@bp.delete("/candidates/<int:candidate_id>")
def api_erase_candidate(candidate_id):
    services.erase_candidate(api_user(), candidate_id)
    return "", 204


@bp.get("/candidates/<int:candidate_id>/suggested-offers")
def api_suggested_offers(candidate_id):
    ranked = suggestions.read_suggested_offers(api_user(), candidate_id)
    items = [{"offer": serialise_offer(s.offer), "score": s.score, "reasons": list(s.reasons)} for s in ranked]
    return {"items": items, "total": len(items), "page": 1, "per_page": suggestions.SHOWN}


@bp.post("/candidates/<int:candidate_id>/consent")
def api_renew_consent(candidate_id):
    names = {}  # form field → the caller's spelling, for every 422 of this call

    def consent_body(_candidate):  # run by the service once access is decided
        payload, found = consent_input.flatten({"consent": json_body()}, with_flag=False)
        names.update(found)
        return form_values(validated(ConsentForm, payload))

    try:
        candidate = services.renew_consent(api_user(), candidate_id, consent_body)
    except Invalid as error:
        raise consent_input.renamed(error, names) from None
    return serialise.candidate_full(candidate)


@bp.post("/candidates/<int:candidate_id>/consent/revoke")
def api_revoke_consent(candidate_id):
    return serialise.candidate_full(services.revoke_consent(api_user(), candidate_id))


# --- referrals -------------------------------------------------------------------------

@bp.post("/referrals")
def api_create_referral():
    user = api_user()
    referral = services.create_referral(user, body_of(ReferralForm))
    return queries.referral_json(user, referral), 201


@bp.get("/referrals")
@kept_for_token("referrals", "offers", "organisations")  # a sender's list: its audit entry again on each hit
def api_referrals():
    user = api_user()
    result, sides, (page, per_page) = queries.referral_list(
        user, request.args.get("box", ""), request.args.get("status", ""), page_args)
    return {"items": [serialise.referral_summary(referral, side) for referral, side in sides],
            **envelope(result, page, per_page)}


@bp.get("/referrals/<int:referral_id>")
def api_referral(referral_id):
    user = api_user()
    return serialise.referral_detail(*queries.referral_page(user, referral_id))


@bp.post("/referrals/<int:referral_id>/transitions")
def api_move_referral(referral_id):
    user = api_user()
    referral = services.move_referral(user, referral_id, body_of(TransitionForm))
    return queries.referral_json(user, referral)


def placement_patch(referral):
    """A PATCH of the placement facts, validated merged over those already recorded (an empty
    name is left out: the form would refuse it as too short); only the fields sent change."""
    payload = json_body()
    current = placement_values(referral.placement) if referral.placement else {}
    merged = as_written({**current, **payload})
    merged = {k: v for k, v in merged.items() if not (k in ("job_coach", "supervisor") and v == "")}
    return form_values(validated(PlacementForm, merged), only=payload)


@bp.patch("/referrals/<int:referral_id>/interview")
def api_update_interview(referral_id):
    user = api_user()
    services.reschedule_interview(user, referral_id, body_of(InterviewForm, lambda _referral: {}))
    return serialise.referral_detail(*queries.referral_page(user, referral_id))


@bp.patch("/referrals/<int:referral_id>/placement")
def api_update_placement(referral_id):
    user = api_user()
    referral = services.update_placement(user, referral_id, placement_patch)
    return queries.referral_json(user, referral)


@bp.post("/referrals/<int:referral_id>/notes")
def api_add_note(referral_id):
    user = api_user()
    note = services.add_note(user, referral_id, body_of(NoteForm))
    return {"id": note.id, "on": note.on.isoformat(), "text": note.text,
            "by": {"id": user.id, "name": user.name, "side": note.side},
            "created_at": iso_datetime(note.created_at)}, 201
