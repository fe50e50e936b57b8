"""The organisations domain's mails, one named function each, in each recipient's language."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from portal.core.mail import queue_mail
from portal.extensions import db
from portal.organisations.models import Membership


def organisation_link(organisation, suffix=""):
    return f"{current_app.config['PORTAL_BASE_URL']}/organisations/{organisation.id}{suffix}"


def admins_of(organisation):
    """The people an organisation's mail goes to: its approved admin members (at sign-up the
    founder becomes the approved admin of the still pending organisation)."""
    return db.session.execute(
        db.select(Membership).options(selectinload(Membership.user))
        .where(Membership.organisation_id == organisation.id, Membership.role == "admin",
               Membership.status == "approved")
        .order_by(Membership.id)
    ).scalars().all()


def mail_decision(organisation, status, reason=""):
    """To the organisation's admins: approved, or rejected with the reason."""
    template = "organisation_approved" if status == "approved" else "organisation_rejected"
    subject = (_l("Your organisation %(name)s is approved on Tandem", name=organisation.name) if status == "approved"
               else _l("Your organisation %(name)s was not approved on Tandem", name=organisation.name))
    for membership in admins_of(organisation):
        person = membership.user
        queue_mail(person.email, person.language, template, subject,
                   person=person, organisation=organisation, reason=reason, link=organisation_link(organisation))


def mail_membership_approved(person, organisation):
    queue_mail(person.email, person.language, "organisation_membership_approved",
               _l("You are now a member of %(name)s on Tandem", name=organisation.name),
               person=person, organisation=organisation, link=organisation_link(organisation))


def mail_membership_declined(person, organisation):
    queue_mail(person.email, person.language, "organisation_membership_declined",
               _l("Your request to join %(name)s on Tandem", name=organisation.name),
               person=person, organisation=organisation)
