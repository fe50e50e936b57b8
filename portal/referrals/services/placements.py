"""Placements: the article 60§7 facts both parties keep up to date, and dated follow-up notes."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from portal.core import audit
from portal.core.errors import Conflict, Invalid
from portal.core.use_case import parsed, use_case
from portal.extensions import db
from portal.referrals import notify, permissions, queries, workflow
from portal.referrals.models import PlacementNote, Referral

PLACEMENT_FIELDS = ("agreement_signed_on", "planned_end", "hours_per_week", "job_coach", "supervisor")


def placement_values(placement):
    return {name: getattr(placement, name) for name in PLACEMENT_FIELDS}


@use_case(keeps_loaded=True)
def update_placement(actor, referral_id, data):
    """Either party records the placement facts once the referral is accepted; the agreement
    is signed before the start, and the planned end does not come before the start."""
    referral = permissions.get_referral_for(actor, referral_id, options=queries.detail_options())
    data = parsed(data, referral)
    placement = referral.placement
    if placement is None:
        raise Conflict(_l("Placement facts are recorded once the referral is accepted."))
    values = {**placement_values(placement), **{k: v for k, v in data.items() if k in PLACEMENT_FIELDS}}
    start = placement.started_on
    errors = {}
    if start and values["agreement_signed_on"] and values["agreement_signed_on"] > start:
        errors["agreement_signed_on"] = [_l("The agreement is signed before the placement starts.")]
    if values["planned_end"] and start and values["planned_end"] < start:
        errors["planned_end"] = [_l("The planned end cannot come before the start.")]
    if (values["planned_end"] and values["agreement_signed_on"]
            and values["planned_end"] < values["agreement_signed_on"]):
        errors["planned_end"] = [_l("The planned end cannot come before the agreement.")]
    if errors:
        raise Invalid(fields=errors)
    for name, value in values.items():
        setattr(placement, name, (value or "").strip() if name in ("job_coach", "supervisor") else value)
    audit.record(actor, "placement.update", referral, organisation_id=referral.ocmw_id)
    return referral


@use_case
def add_note(actor, referral_id, data):
    """Either party adds a dated follow-up note that both read; the other party's members are
    mailed, each in their language, with a link and nothing about the candidate."""
    referral = permissions.get_referral_for(actor, referral_id, options=(
        joinedload(Referral.offer), joinedload(Referral.ocmw), joinedload(Referral.host)))
    side = permissions.referral_side(actor, referral)
    data = parsed(data, referral)
    note = PlacementNote(referral_id=referral.id, on=data["on"], text=data["text"].strip(),
                         author_id=actor.id, side=side)
    db.session.add(note)
    audit.record(actor, "referral.note", referral, organisation_id=referral.ocmw_id)
    author, other = ((referral.ocmw, referral.host_id) if side == workflow.SENDING
                     else (referral.host, referral.ocmw_id))
    notify.mail_note(referral, referral.offer, other, note, author.name)
    return note
