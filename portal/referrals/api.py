"""/api/v1 routes of candidates and referrals (API.md "Candidates and referrals")."""
from flask import request
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from portal.api import api_user, bp
from portal.api.inputs import json_body, validated
from portal.api.pagination import page_args
from portal.api.serialise import iso_datetime
from portal.core import permissions
from portal.core.errors import Forbidden, Invalid, NotFound
from portal.extensions import db
from portal.offers.api import serialise_offer
from portal.referrals import consent_input, serialise, services, suggestions, workflow
from portal.referrals.forms import (
    CandidateForm,
    ConsentForm,
    InterviewForm,
    NoteForm,
    PlacementForm,
    ReferralForm,
    TransitionForm,
)
from portal.referrals.models import Candidate, Referral
from portal.referrals.openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS  # noqa: F401  (for /api/v1/openapi.json)
from portal.referrals.services.placements import placement_values
from portal.referrals.services.referrals import detail_options


def form_values(form, only=None):
    return {name: field.data for name, field in form._fields.items()
            if name != "csrf_token" and (only is None or name in only)}


def page_of(statement):
    page, per_page = page_args()
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    return result, {"total": result.total, "page": page, "per_page": per_page}


# --- candidates ------------------------------------------------------------------------

@bp.get("/candidates")
def api_candidates():
    user = api_user()
    if not permissions.can_manage_candidates(user):
        raise NotFound()  # API.md: members of the owning OCMW only, 404 for everyone else
    statement = permissions.candidates_visible_to(user).order_by(Candidate.created_at.desc(), Candidate.id.desc())
    result, envelope = page_of(statement)
    services.log_candidate_list(user, result.items)
    return {"items": [serialise.candidate_full(c) for c in result.items], **envelope}


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
    return serialise.candidate_full(services.read_candidate(api_user(), candidate_id))


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
    user = api_user()
    permissions.get_candidate_for(user, candidate_id)  # access before validation
    payload, names = consent_input.flatten({"consent": json_body()}, with_flag=False)
    try:
        form = validated(ConsentForm, payload)
        candidate = services.renew_consent(user, candidate_id, form_values(form))
    except Invalid as error:
        raise consent_input.renamed(error, names) from None
    return serialise.candidate_full(candidate)


@bp.post("/candidates/<int:candidate_id>/consent/revoke")
def api_revoke_consent(candidate_id):
    return serialise.candidate_full(services.revoke_consent(api_user(), candidate_id))


# --- referrals -------------------------------------------------------------------------

def _detail(user, referral_id):
    referral = permissions.get_referral_for(user, referral_id, options=detail_options())
    return serialise.referral_detail(referral, permissions.referral_side(user, referral))


@bp.post("/referrals")
def api_create_referral():
    user = api_user()
    if not permissions.can_refer(user):
        raise Forbidden()
    form = validated(ReferralForm, json_body())
    referral = services.create_referral(user, form_values(form))
    return _detail(user, referral.id), 201


@bp.get("/referrals")
def api_referrals():
    user = api_user()
    statement = permissions.referrals_visible_to(user)
    box = request.args.get("box", "")
    status = request.args.get("status", "")
    errors = {}
    if box not in ("", "sent", "received"):
        errors["box"] = [_("Must be sent or received.")]
    if status and status not in workflow.STATUSES:
        errors["status"] = [_("Not a valid choice.")]
    if errors:
        raise Invalid(fields=errors)
    own = permissions.organisation_of(user)
    if box == "sent":
        statement = statement.where(Referral.ocmw_id == own.id) if own else statement
    elif box == "received":
        statement = statement.where(Referral.host_id == own.id) if own else statement
    if status:
        statement = statement.where(Referral.status == status)
    statement = statement.options(
        joinedload(Referral.candidate), joinedload(Referral.offer), joinedload(Referral.ocmw),
        joinedload(Referral.host),
    ).order_by(Referral.created_at.desc(), Referral.id.desc())
    result, envelope = page_of(statement)
    items = [serialise.referral_summary(r, permissions.referral_side(user, r)) for r in result.items]
    sent = [r.candidate for r in result.items if own and r.ocmw_id == own.id]
    services.log_candidate_list(user, sent)
    return {"items": items, **envelope}


@bp.get("/referrals/<int:referral_id>")
def api_referral(referral_id):
    user = api_user()
    referral, side = services.read_referral(user, referral_id)
    return serialise.referral_detail(referral, side)


@bp.post("/referrals/<int:referral_id>/transitions")
def api_move_referral(referral_id):
    user = api_user()
    permissions.get_referral_for(user, referral_id)  # access before validation
    form = validated(TransitionForm, json_body())
    services.move_referral(user, referral_id, form_values(form))
    return _detail(user, referral_id)


@bp.patch("/referrals/<int:referral_id>/interview")
def api_update_interview(referral_id):
    user = api_user()
    permissions.get_referral_for(user, referral_id)  # access before validation
    payload = json_body()
    form = validated(InterviewForm, payload)
    services.reschedule_interview(user, referral_id, form_values(form, only=payload))
    return _detail(user, referral_id)


@bp.patch("/referrals/<int:referral_id>/placement")
def api_update_placement(referral_id):
    user = api_user()
    referral = permissions.get_referral_for(user, referral_id, options=(joinedload(Referral.placement),))
    payload = json_body()
    current = placement_values(referral.placement) if referral.placement else {}
    merged = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in {**current, **payload}.items()}
    merged = {k: v for k, v in merged.items() if not (k in ("job_coach", "supervisor") and v == "")}
    form = validated(PlacementForm, merged)
    services.update_placement(user, referral_id, form_values(form, only=payload))
    return _detail(user, referral_id)


@bp.post("/referrals/<int:referral_id>/notes")
def api_add_note(referral_id):
    user = api_user()
    permissions.get_referral_for(user, referral_id)
    form = validated(NoteForm, json_body())
    note = services.add_note(user, referral_id, form_values(form))
    return {"id": note.id, "on": note.on.isoformat(), "text": note.text,
            "by": {"id": user.id, "name": user.name, "side": note.side},
            "created_at": iso_datetime(note.created_at)}, 201


