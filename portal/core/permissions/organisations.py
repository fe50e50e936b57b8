"""Who a user is, and the rules on organisations and memberships."""
from sqlalchemy import false, or_

from portal.core.errors import Forbidden, NotFound
from portal.extensions import db
from portal.organisations.models import Membership, Organisation

# --- who a user is -----------------------------------------------------------------

def is_authenticated(user):
    return user is not None and getattr(user, "is_authenticated", False)


def is_platform_admin(user):
    return is_authenticated(user) and bool(user.is_admin)


def approved_membership(user):
    """The user's approved membership of an approved organisation, or None."""
    if not is_authenticated(user):
        return None
    membership = user.membership
    if membership is None or membership.status != "approved":
        return None
    if membership.organisation.status != "approved":
        return None
    return membership


def organisation_of(user):
    """The approved organisation the user acts for, or None."""
    membership = approved_membership(user)
    return membership.organisation if membership else None


def is_member_of(user, organisation_id):
    """An approved member of that organisation (which may itself still be pending)."""
    if not is_authenticated(user) or user.membership is None:
        return False
    membership = user.membership
    return membership.status == "approved" and membership.organisation_id == organisation_id


def is_organisation_admin(user, organisation_id):
    return is_member_of(user, organisation_id) and user.membership.role == "admin"


def acts_for_type(user, *types):
    """A member of an approved organisation of one of these types."""
    organisation = organisation_of(user)
    return organisation is not None and organisation.type in types


def is_federation_moderator(user):
    """An admin member of an approved federation (API.md)."""
    membership = approved_membership(user)
    return membership is not None and membership.role == "admin" and membership.organisation.type == "federation"


# --- organisations -----------------------------------------------------------------

def can_moderate_organisations(user):
    """Approve or reject new organisations: platform admins and federation moderators."""
    return is_platform_admin(user) or is_federation_moderator(user)


def can_manage_members(user, organisation):
    return is_organisation_admin(user, organisation.id)


def can_edit_organisation(user, organisation):
    return is_organisation_admin(user, organisation.id) or is_platform_admin(user)


def organisations_visible_to(user):
    """Approved organisations, plus the user's own whatever its status; all for moderators."""
    statement = db.select(Organisation)
    if can_moderate_organisations(user):
        return statement
    conditions = [Organisation.status == "approved"]
    if is_authenticated(user):
        own = db.select(Membership.organisation_id).where(
            Membership.user_id == user.id, Membership.status == "approved"
        )
        conditions.append(Organisation.id.in_(own))
    return statement.where(or_(*conditions))


def get_organisation_for(user, organisation_id):
    """The organisation if the user may see it, else NotFound (never "exists but hidden")."""
    organisation = db.session.execute(
        organisations_visible_to(user).where(Organisation.id == organisation_id)
    ).scalar_one_or_none()
    if organisation is None:
        raise NotFound()
    return organisation


def approved_organisations():
    """The public directory's scope: approved organisations only, whoever asks."""
    return db.select(Organisation).where(Organisation.status == "approved")


def pending_organisations_for(user):
    """Organisations awaiting a decision that `user` may take (moderators: all of them)."""
    statement = db.select(Organisation).where(Organisation.status == "pending")
    if not can_moderate_organisations(user):
        return statement.where(false())
    return statement


def get_organisation_to_moderate(user, organisation_id):
    """An organisation the user may approve or reject: 404 when they cannot see it, 403 when
    they see it but may not moderate."""
    organisation = get_organisation_for(user, organisation_id)
    if not can_moderate_organisations(user):
        raise Forbidden()
    return organisation


def get_organisation_to_edit(user, organisation_id):
    """An organisation whose profile the user may edit (its admins, platform admins)."""
    organisation = get_organisation_for(user, organisation_id)
    if not can_edit_organisation(user, organisation):
        raise Forbidden()
    return organisation


def get_organisation_to_manage(user, organisation_id):
    """An organisation whose members and requests the user may manage (its admins only)."""
    organisation = get_organisation_for(user, organisation_id)
    if not can_manage_members(user, organisation):
        raise Forbidden()
    return organisation


def get_membership_in(organisation, user_id):
    """The membership (any status) of `user_id` in that organisation, else NotFound."""
    membership = db.session.execute(
        db.select(Membership).where(Membership.organisation_id == organisation.id, Membership.user_id == user_id)
    ).scalar_one_or_none()
    if membership is None:
        raise NotFound()
    return membership
