"""Rules on organisations and memberships: who sees, edits, moderates and manages them, and
the scoped look-ups services use (a record the user may not see is a NotFound)."""
from sqlalchemy import false, or_

from portal.core.actors import is_authenticated, is_organisation_admin, is_platform_admin, sees_the_network
from portal.core.errors import Forbidden
from portal.core.lookups import one_or_not_found
from portal.extensions import db
from portal.organisations.models import Membership, Organisation


def can_moderate_organisations(user):
    """Approve or reject new organisations: platform admins and federation moderators."""
    return sees_the_network(user)


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
    return one_or_not_found(organisations_visible_to(user).where(Organisation.id == organisation_id))


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
    return one_or_not_found(db.select(Membership).where(Membership.organisation_id == organisation.id,
                                                        Membership.user_id == user_id))
