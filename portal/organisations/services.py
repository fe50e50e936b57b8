"""The rules of the organisations domain: approval, membership, profile, directory.

Every change of state goes through a function here; pages, the API and the command line
call them with the acting user. Each function checks rights through portal.organisations.permissions,
enforces its rule and queues its mail (notify.py); @use_case commits once or rolls back.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from portal.core import audit
from portal.core.errors import Conflict, Invalid
from portal.core.translated import apply_translations
from portal.core.types import utcnow
from portal.core.use_case import parsed, use_case
from portal.extensions import db
from portal.organisations import notify, permissions
from portal.organisations.forms import OrganisationProfileForm
from portal.organisations.models import Membership, Organisation

MAX_REASON = 10_000


# --- approval of new organisations ------------------------------------------------------

def _already_decided(organisation):
    return Conflict(_l("This organisation has already been approved.") if organisation.status == "approved"
                    else _l("This organisation has already been rejected."))


def _move_if_pending(model, record_id, **values):
    """Move a pending record on with one conditional UPDATE and tell whether it did. Two
    people deciding at once cannot both win: the second finds no pending row (409), where a
    check-then-write would let both pass."""
    result = db.session.execute(
        db.update(model).where(model.id == record_id, model.status == "pending").values(**values))
    return result.rowcount == 1


def _decide(actor, organisation_id, status, reason=""):
    organisation = permissions.get_organisation_to_moderate(actor, organisation_id)
    if organisation.status != "pending":
        raise _already_decided(organisation)
    now = utcnow()
    if not _move_if_pending(Organisation, organisation.id, status=status, rejection_reason=reason,
                            decided_at=now, updated_at=now):
        db.session.rollback()  # to read the decision that won, and word the 409 after it
        db.session.refresh(organisation)
        raise _already_decided(organisation)
    audit.record(actor, f"organisation.{status}", organisation, organisation_id=organisation.id,
                 **({"reason": reason} if reason else {}))
    notify.mail_decision(organisation, status, reason)
    return organisation


@use_case
def approve_organisation(actor, organisation_id):
    """A pending organisation becomes approved. Only platform admins and federation
    moderators decide; a decision is final (409 on an organisation already decided); the
    organisation's admins are mailed; the decision is audit-logged."""
    return _decide(actor, organisation_id, "approved")


@use_case
def reject_organisation(actor, organisation_id, reason):
    """A pending organisation is rejected, with a reason that is mailed (in each recipient's
    language) to its admins. Same rights and finality as approval. `reason` may be a parser,
    run once access is decided."""
    organisation = permissions.get_organisation_to_moderate(actor, organisation_id)  # access before validation
    reason = (parsed(reason, organisation) or "").strip()
    if not reason:
        raise Invalid(fields={"reason": [_l("Give the reason for the rejection.")]})
    if len(reason) > MAX_REASON:
        raise Invalid(fields={"reason": [_l("Use at most %(n)d characters.", n=MAX_REASON)]})
    return _decide(actor, organisation_id, "rejected", reason)


# --- memberships ---------------------------------------------------------------------

def _approved_admin_count(organisation):
    return db.session.execute(
        db.select(func.count(Membership.id)).where(
            Membership.organisation_id == organisation.id, Membership.role == "admin",
            Membership.status == "approved")
    ).scalar_one()


@use_case
def approve_membership(actor, organisation_id, user_id):
    """An organisation's admin accepts a pending membership request; the requester is mailed.
    A request already decided is a 409."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    membership = permissions.get_membership_in(organisation, user_id)
    if membership.status != "pending" or not _move_if_pending(Membership, membership.id, status="approved",
                                                                decided_at=utcnow()):
        raise Conflict(_l("This person is already a member."))
    audit.record(actor, "membership.approved", membership, organisation_id=organisation.id, user_id=user_id)
    notify.mail_membership_approved(membership.user, organisation)
    return membership


@use_case
def decline_membership(actor, organisation_id, user_id):
    """An organisation's admin declines a pending request: the request is removed (the person
    keeps a participant account and may ask another organisation) and mailed."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    membership = permissions.get_membership_in(organisation, user_id)
    person = membership.user
    gone = membership.status == "pending" and db.session.execute(
        db.delete(Membership).where(Membership.id == membership.id, Membership.status == "pending")).rowcount == 1
    if not gone:  # decided meanwhile (see _move_if_pending)
        raise Conflict(_l("Only a pending request can be declined."))
    audit.record(actor, "membership.declined", membership, organisation_id=organisation.id, user_id=user_id)
    notify.mail_membership_declined(person, organisation)
    return person


@use_case
def change_member_role(actor, organisation_id, user_id, role):
    """An organisation's admin makes a member admin or member; the last admin stays admin."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    membership = permissions.get_membership_in(organisation, user_id)
    if role not in ("admin", "member"):
        raise Invalid(fields={"role": [_l("Choose administrator or member.")]})
    if membership.status != "approved":
        raise Conflict(_l("Approve the request before changing the role."))
    if membership.role == role:
        return membership
    if membership.role == "admin" and _approved_admin_count(organisation) <= 1:
        raise Conflict(_l("An organisation keeps at least one administrator."))
    audit.record(actor, "membership.role_changed", membership, organisation_id=organisation.id,
                 user_id=user_id, before=membership.role, after=role)
    membership.role = role
    return membership


@use_case
def remove_member(actor, organisation_id, user_id):
    """An organisation's admin removes a member (not the last admin); the person keeps their
    account, without organisation."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    membership = permissions.get_membership_in(organisation, user_id)
    if membership.status != "approved":
        raise Conflict(_l("Decline a request instead of removing it."))
    if membership.role == "admin" and _approved_admin_count(organisation) <= 1:
        raise Conflict(_l("An organisation keeps at least one administrator."))
    audit.record(actor, "membership.removed", membership, organisation_id=organisation.id,
                 user_id=user_id, role=membership.role)
    db.session.delete(membership)


# --- profile ---------------------------------------------------------------------------

PROFILE_FIELDS = ("description", "language", "website", "email", "phone", "address",
                  "sie_mandated", "sie_mandate_until", "sectors")


@use_case
def profile_fields(organisation):
    """The profile fields of this organisation: the mandate and the sectors belong to social
    integration enterprises only."""
    if organisation.type == "sie":
        return PROFILE_FIELDS
    return tuple(name for name in PROFILE_FIELDS if name not in OrganisationProfileForm.SIE_FIELDS)


@use_case
def update_profile(actor, organisation_id, changes, translations=None):
    """Its admins (and platform admins) change an organisation's profile. `changes` holds
    validated values of OrganisationProfileForm fields only (or is a parser of the
    organisation, which returns the `translations` beside them); the mandate and the sectors
    belong to social integration enterprises, and a mandate date needs a mandate.
    `translations` (validated, core/translated.py) merge into the description's other
    language versions; none may be in the profile's own language."""
    organisation = permissions.get_organisation_to_edit(actor, organisation_id)
    if callable(changes):
        changes = dict(parsed(changes, organisation))
        translations = changes.pop("translations", translations)
    if not changes.get("language", True):
        changes = {name: value for name, value in changes.items() if name != "language"}
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise Invalid(fields={name: [_l("This field cannot be set.")] for name in sorted(unknown)})
    if organisation.type != "sie":
        wrong = [name for name in OrganisationProfileForm.SIE_FIELDS if changes.get(name)]
        if wrong:
            message = _l("Only for social integration enterprises.")
            raise Invalid(fields={name: [message] for name in wrong})
    mandated = changes.get("sie_mandated", organisation.sie_mandated)
    if changes.get("sie_mandate_until") and not mandated:
        raise Invalid(fields={"sie_mandate_until": [_l("Tick the mandate first, or leave the date empty.")]})
    before = organisation.translations or {}
    apply_translations(organisation, translations, changes.get("language"))  # checked before anything is set
    changed = ["translations"] if (organisation.translations or {}) != before else []
    for name, value in changes.items():
        if name in ("description", "website", "email", "phone", "address"):
            value = (value or "").strip()
        if name == "sectors":
            value = sorted(set(value or []))
        if getattr(organisation, name) != value:
            setattr(organisation, name, value)
            changed.append(name)
    if not organisation.sie_mandated and organisation.sie_mandate_until is not None:
        organisation.sie_mandate_until = None
        changed.append("sie_mandate_until")
    if changed:
        audit.record(actor, "organisation.updated", organisation, organisation_id=organisation.id,
                     fields=sorted(set(changed)))
        organisation.updated_at = utcnow()
    return organisation
