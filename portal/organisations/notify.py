"""The organisations domain's mails, one named function each, in each recipient's language."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_

from portal.accounts.models import User
from portal.core.mail import queue_mail
from portal.extensions import db
from portal.organisations.models import Membership, Organisation


def organisation_link(organisation, suffix=""):
    return f"{current_app.config['PORTAL_BASE_URL']}/organisations/{organisation.id}{suffix}"


def admins_of(organisation):
    """The people an organisation's mail goes to: its approved admin members (at sign-up the
    founder becomes the approved admin of the still pending organisation)."""
    return db.session.execute(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id, Membership.role == "admin",
               Membership.status == "approved")
        .order_by(Membership.id)
    ).scalars().all()


def moderators():
    """Platform admins and federation moderators (admins of an approved federation)."""
    moderator_ids = (
        db.select(Membership.user_id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(and_(Membership.role == "admin", Membership.status == "approved",
                    Organisation.type == "federation", Organisation.status == "approved"))
    )
    return db.session.execute(
        db.select(User)
        .where(or_(User.is_admin.is_(True), User.id.in_(moderator_ids)))
        .order_by(User.id)
    ).unique().scalars().all()


def mail_organisation_pending(organisation, creator, link):
    """To the moderators: a new organisation awaits their decision (`link`: where they decide)."""
    for moderator in moderators():
        queue_mail(
            moderator.email, moderator.language, "account_organisation_pending",
            _l("New organisation awaiting approval: %(name)s", name=organisation.name),
            recipient=moderator, organisation=organisation, creator=creator, link=link,
        )


def mail_membership_requested(organisation, user, link):
    """To the organisation's admins: `user` asks to join (`link`: where they decide)."""
    for admin in admins_of(organisation):
        queue_mail(
            admin.email, admin.language, "account_membership_requested",
            _l("%(name)s asks to join %(organisation)s on Tandem", name=user.name, organisation=organisation.name),
            recipient=admin, organisation=organisation, requester=user, link=link,
        )


def mail_decision(organisation, status, reason=""):
    """To the organisation's admins: approved, or rejected with the reason."""
    template = "organisation_approved" if status == "approved" else "organisation_rejected"
    subject = (_l("Your organisation %(name)s is approved on Tandem", name=organisation.name) if status == "approved"
               else _l("Your organisation %(name)s was not approved on Tandem", name=organisation.name))
    for person in admins_of(organisation):
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
