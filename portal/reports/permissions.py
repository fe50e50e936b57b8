"""Rules on reports (API.md "Reports").

Members of an approved organisation see their own organisation's report; platform admins
and federation moderators see any organisation's and the network's. For anyone else another
organisation's report does not exist (NotFound), and the network view is refused (Forbidden:
its existence is no secret).
"""
from portal.core.actors import organisation_of, sees_the_network
from portal.core.errors import Forbidden, NotFound
from portal.extensions import db
from portal.organisations.models import Organisation


def can_see_network_report(user):
    """The network view (all organisations together): platform admins, federation moderators."""
    return sees_the_network(user)


def can_see_any_report(user):
    """Any organisation's report: the same people as the network view."""
    return can_see_network_report(user)


def can_open_reports(user):
    """The /reports page: a member of an approved organisation, or someone who sees the network."""
    return organisation_of(user) is not None or can_see_network_report(user)


def get_report_organisation_for(user, organisation_id):
    """The organisation whose report `user` asks for, else NotFound (unknown, or not theirs)."""
    if can_see_any_report(user):
        organisation = db.session.get(Organisation, organisation_id)
        if organisation is None:
            raise NotFound()
        return organisation
    own = organisation_of(user)
    if own is None or own.id != organisation_id:
        raise NotFound()
    return own


def require_network_report(user):
    if not can_see_network_report(user):
        raise Forbidden()
