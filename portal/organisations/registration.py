"""Organisations at sign-up: a new one in status `pending` (its creator becomes its approved
admin member), or a pending membership request to an organisation already approved.

These functions add to the caller's transaction and never commit: the sign-up service
validates everything first, then creates the user, the organisation or request, the mails
and the audit entries in one transaction.
"""

from portal.core import audit
from portal.extensions import db
from portal.organisations import enterprise_number, notify
from portal.organisations.models import Membership, Organisation


def joinable_organisations():
    """Organisations a new account may ask to join: approved ones, by name."""
    return db.session.execute(
        db.select(Organisation).where(Organisation.status == "approved").order_by(Organisation.name, Organisation.id)
    ).scalars().all()


def joinable_organisation(organisation_id):
    """The approved organisation with that id, or None (unknown, pending and rejected alike)."""
    if not isinstance(organisation_id, int) or not 0 < organisation_id < 2**31:
        return None
    return db.session.execute(
        db.select(Organisation).where(Organisation.id == organisation_id, Organisation.status == "approved")
    ).scalar_one_or_none()


def organisation_with_number(number):
    """The organisation registered under this enterprise number (any status), or None."""
    return db.session.execute(
        db.select(Organisation).where(Organisation.enterprise_number == enterprise_number.normalise(number))
    ).scalar_one_or_none()


def register_organisation(creator, data, link):
    """A new organisation in status `pending`, with `creator` as its approved admin member.

    `data` holds the fields of NewOrganisationForm; platform admins and federation
    moderators are mailed (`link`: where they decide).
    """
    organisation = Organisation(
        name=data["name"].strip(), type=data["type"], status="pending",
        enterprise_number=enterprise_number.normalise(data["enterprise_number"]),
        commune=data["commune"], website=(data.get("website") or "").strip(),
    )
    db.session.add(organisation)
    db.session.add(Membership(user=creator, organisation=organisation, role="admin", status="approved"))
    audit.record(creator, "organisation.registered", organisation, organisation_id=None,
                 type=organisation.type, enterprise_number=organisation.enterprise_number)
    notify.mail_organisation_pending(organisation, creator, link)
    return organisation


def request_membership(user, organisation, link):
    """A pending membership request of `user` to an approved `organisation`; its admins are
    mailed (`link`: where they decide)."""
    membership = Membership(user=user, organisation=organisation, role="member", status="pending")
    db.session.add(membership)
    audit.record(user, "membership.requested", organisation, organisation_id=organisation.id)
    notify.mail_membership_requested(organisation, user, link)
    return membership
