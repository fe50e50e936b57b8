"""The rules of the organisations domain: approval, membership, profile, directory.

Every change of state goes through a function here; pages, the API and the command line
call them with the acting user. Each function checks rights through portal.core.permissions,
enforces its rule, commits once and queues its mail for after the commit.
"""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.orm import raiseload, selectinload

from portal.core import audit, permissions
from portal.core.choices import COMMUNES, ORGANISATION_TYPES
from portal.core.errors import Conflict, Invalid
from portal.core.mail import queue_mail
from portal.core.translated import apply_translations
from portal.core.types import utcnow
from portal.extensions import db
from portal.organisations.forms import OrganisationProfileForm
from portal.organisations.models import Membership, Organisation
from portal.organisations.search import directory_match

MAX_REASON = 10_000
MAX_QUERY = 200


def _link(organisation, suffix=""):
    return f"{current_app.config['PORTAL_BASE_URL']}/organisations/{organisation.id}{suffix}"


def _admins_of(organisation):
    """The people an organisation's mail goes to: its approved admin members (at sign-up the
    founder becomes the approved admin of the still pending organisation)."""
    return db.session.execute(
        db.select(Membership).options(selectinload(Membership.user))
        .where(Membership.organisation_id == organisation.id, Membership.role == "admin",
               Membership.status == "approved")
        .order_by(Membership.id)
    ).scalars().all()


# --- approval of new organisations ------------------------------------------------------

def pending_organisations(actor):
    """Pending organisations the actor may decide on (none for non-moderators), oldest first,
    with the people who asked (their memberships and users) loaded in one go."""
    statement = permissions.pending_organisations_for(actor).options(
        selectinload(Organisation.memberships).selectinload(Membership.user)
    ).order_by(Organisation.created_at, Organisation.id)
    return db.session.execute(statement).scalars().all()


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
        db.session.rollback()
        db.session.refresh(organisation)
        raise _already_decided(organisation)
    audit.record(actor, f"organisation.{status}", organisation, organisation_id=organisation.id,
                 **({"reason": reason} if reason else {}))
    template = "organisation_approved" if status == "approved" else "organisation_rejected"
    subject = (_l("Your organisation %(name)s is approved on Tandem", name=organisation.name) if status == "approved"
               else _l("Your organisation %(name)s was not approved on Tandem", name=organisation.name))
    for membership in _admins_of(organisation):
        person = membership.user
        queue_mail(person.email, person.language, template, subject,
                   person=person, organisation=organisation, reason=reason, link=_link(organisation))
    db.session.commit()
    return organisation


def approve_organisation(actor, organisation_id):
    """A pending organisation becomes approved. Only platform admins and federation
    moderators decide; a decision is final (409 on an organisation already decided); the
    organisation's admins are mailed; the decision is audit-logged."""
    return _decide(actor, organisation_id, "approved")


def reject_organisation(actor, organisation_id, reason):
    """A pending organisation is rejected, with a reason that is mailed (in each recipient's
    language) to its admins. Same rights and finality as approval."""
    permissions.get_organisation_to_moderate(actor, organisation_id)  # access before validation
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(fields={"reason": [_l("Give the reason for the rejection.")]})
    if len(reason) > MAX_REASON:
        raise Invalid(fields={"reason": [_l("Use at most %(n)d characters.", n=MAX_REASON)]})
    return _decide(actor, organisation_id, "rejected", reason)


# --- memberships ---------------------------------------------------------------------

def members_of(actor, organisation_id):
    """The organisation, its members and its pending requests (one query), for its admins only."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    memberships = db.session.execute(
        db.select(Membership).options(selectinload(Membership.user))
        .where(Membership.organisation_id == organisation.id)
        .order_by(Membership.created_at, Membership.id)
    ).scalars().all()
    members = [m for m in memberships if m.status == "approved"]
    requests = [m for m in memberships if m.status == "pending"]
    return organisation, members, requests


def _approved_admin_count(organisation):
    return db.session.execute(
        db.select(func.count(Membership.id)).where(
            Membership.organisation_id == organisation.id, Membership.role == "admin",
            Membership.status == "approved")
    ).scalar_one()


def approve_membership(actor, organisation_id, user_id):
    """An organisation's admin accepts a pending membership request; the requester is mailed.
    A request already decided is a 409."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    membership = permissions.get_membership_in(organisation, user_id)
    if membership.status != "pending" or not _move_if_pending(Membership, membership.id, status="approved",
                                                                decided_at=utcnow()):
        db.session.rollback()
        raise Conflict(_l("This person is already a member."))
    audit.record(actor, "membership.approved", membership, organisation_id=organisation.id, user_id=user_id)
    person = membership.user
    queue_mail(person.email, person.language, "organisation_membership_approved",
               _l("You are now a member of %(name)s on Tandem", name=organisation.name),
               person=person, organisation=organisation, link=_link(organisation))
    db.session.commit()
    return membership


def decline_membership(actor, organisation_id, user_id):
    """An organisation's admin declines a pending request: the request is removed (the person
    keeps a participant account and may ask another organisation) and mailed."""
    organisation = permissions.get_organisation_to_manage(actor, organisation_id)
    membership = permissions.get_membership_in(organisation, user_id)
    person = membership.user
    gone = membership.status == "pending" and db.session.execute(
        db.delete(Membership).where(Membership.id == membership.id, Membership.status == "pending")).rowcount == 1
    if not gone:  # decided meanwhile (see _move_if_pending)
        db.session.rollback()
        raise Conflict(_l("Only a pending request can be declined."))
    audit.record(actor, "membership.declined", membership, organisation_id=organisation.id, user_id=user_id)
    queue_mail(person.email, person.language, "organisation_membership_declined",
               _l("Your request to join %(name)s on Tandem", name=organisation.name),
               person=person, organisation=organisation)
    db.session.commit()
    return person


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
    db.session.commit()
    return membership


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
    db.session.commit()


# --- profile ---------------------------------------------------------------------------

PROFILE_FIELDS = ("description", "language", "website", "email", "phone", "address",
                  "sie_mandated", "sie_mandate_until", "sectors")


def update_profile(actor, organisation_id, changes, translations=None):
    """Its admins (and platform admins) change an organisation's profile. `changes` holds
    validated values of OrganisationProfileForm fields only; the mandate and the sectors
    belong to social integration enterprises, and a mandate date needs a mandate.
    `translations` (validated, core/translated.py) merge into the description's other
    language versions; none may be in the profile's own language."""
    organisation = permissions.get_organisation_to_edit(actor, organisation_id)
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
    db.session.commit()
    return organisation


# --- the public directory ------------------------------------------------------------------

def clean_directory_filters(type_=None, commune=None, q=None):
    """(filters, errors): the known filters, and a message per unknown or overlong one."""
    filters, errors = {}, {}
    if type_:
        if type_ in ORGANISATION_TYPES:
            filters["type"] = type_
        else:
            # str(): a lazy string counts as safe HTML in Jinja, and value is what the visitor typed
            errors["type"] = [str(_l("Unknown type of organisation: %(value)s.", value=type_))]
    if commune:
        if commune in COMMUNES:
            filters["commune"] = commune
        else:
            errors["commune"] = [str(_l("Unknown municipality: %(value)s.", value=commune))]
    q = (q or "").strip()
    if q:
        if len(q) > MAX_QUERY:
            errors["q"] = [_l("Use at most %(n)d characters.", n=MAX_QUERY)]
        else:
            filters["q"] = q
    return filters, errors


def directory_statement(type=None, commune=None, q=None):  # noqa: A002 (the API's name)
    """Approved organisations, filtered by type, municipality and free text on name and
    description, sorted by name. No relationship is loaded: one statement per page."""
    statement = permissions.approved_organisations().options(raiseload("*"))
    if type:
        statement = statement.where(Organisation.type == type)
    if commune:
        statement = statement.where(Organisation.commune == commune)
    condition, rank = directory_match(q) if q else (None, None)
    if condition is None:
        return statement.order_by(func.lower(Organisation.name), Organisation.id)
    return statement.where(condition).order_by(rank, func.lower(Organisation.name), Organisation.id)


def directory(type_=None, commune=None, q=None):
    """The directory query for the API: unknown filters are a 422 naming the field."""
    filters, errors = clean_directory_filters(type_, commune, q)
    if errors:
        raise Invalid(fields=errors)
    return directory_statement(**filters)
