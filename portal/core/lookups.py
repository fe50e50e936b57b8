"""The last step of every scoped look-up (`get_referral_for(user, id)` and its kin in each
domain's permissions.py): the one record the scope allows, else NotFound — absent and not
yours to see are never told apart."""
from portal.core.errors import NotFound
from portal.extensions import db


def one_or_not_found(statement):
    found = db.session.execute(statement).unique().scalar_one_or_none()
    if found is None:
        raise NotFound()
    return found
