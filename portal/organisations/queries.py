"""Reads of the organisations domain: the directory, a profile, the moderation queue, the
members page — each returns everything its page or answer shows."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.orm import raiseload, selectinload

from portal.core import actors
from portal.core.choices import COMMUNES, ORGANISATION_TYPES
from portal.core.errors import Forbidden, Invalid
from portal.extensions import db
from portal.organisations import permissions
from portal.organisations.models import Membership, Organisation
from portal.organisations.search import directory_match

MAX_QUERY = 200


def organisation_page(actor, organisation_id):
    """The profile page: the organisation, and what the actor may do with it."""
    organisation = permissions.get_organisation_for(actor, organisation_id)
    return organisation, {
        "is_member": actors.is_member_of(actor, organisation.id),
        "can_edit": permissions.can_edit_organisation(actor, organisation),
        "can_manage": permissions.can_manage_members(actor, organisation),
    }


def organisation_to_edit(actor, organisation_id):
    """The organisation whose profile form is shown: its admins and platform admins."""
    return permissions.get_organisation_to_edit(actor, organisation_id)


def pending_organisations(actor):
    """Pending organisations the actor may decide on (Forbidden for non-moderators), oldest first,
    with the people who asked (their memberships and users) loaded in one go."""
    if not permissions.can_moderate_organisations(actor):
        raise Forbidden()
    statement = permissions.pending_organisations_for(actor).options(
        selectinload(Organisation.memberships).selectinload(Membership.user)
    ).order_by(Organisation.created_at, Organisation.id)
    return db.session.execute(statement).scalars().all()


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


def directory_page(filters, page, per_page):
    """One page of the public directory (filters cleaned by clean_directory_filters)."""
    return db.paginate(directory_statement(**filters), page=page, per_page=per_page, error_out=False)


def directory(type_=None, commune=None, q=None):
    """The directory query for the API: unknown filters are a 422 naming the field."""
    filters, errors = clean_directory_filters(type_, commune, q)
    if errors:
        raise Invalid(fields=errors)
    return directory_statement(**filters)
