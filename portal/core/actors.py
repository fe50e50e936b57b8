"""Who an actor is: signed in, platform administrator, the organisation they act for.

These read only the actor's own attributes (its membership and that membership's
organisation), so they know no domain's tables; the rules of who may do what to a domain's
records live next to them, in `portal/<domain>/permissions.py`.
"""


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


def own_organisation_id(user):
    """The id of the approved organisation the user acts for, or None."""
    organisation = organisation_of(user)
    return organisation.id if organisation is not None else None


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


def sees_the_network(user):
    """Platform admins and federation moderators: they moderate organisations and read the
    network's figures (API.md "Accounts and organisations", "Reports")."""
    return is_platform_admin(user) or is_federation_moderator(user)
