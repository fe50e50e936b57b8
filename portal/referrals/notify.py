"""Mail to the other party of a referral: in each recipient's language, with a link, and no
confidential field beyond the first name and initial (nothing once consent is revoked)."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts.models import User
from portal.core.mail import queue_mail
from portal.core.translated import InReaderLanguage
from portal.extensions import db
from portal.organisations.models import Membership
from portal.referrals.workflow import STATUSES


def members_of(organisation_id):
    return db.session.execute(
        db.select(User).join(Membership, Membership.user_id == User.id).where(
            Membership.organisation_id == organisation_id, Membership.status == "approved",
            User.email_verified_at.is_not(None),
        ).order_by(User.id)
    ).scalars().all()


def referral_link(referral):
    return f"{current_app.config['PORTAL_BASE_URL']}/referrals/{referral.id}"


def who(candidate):
    return candidate.display_name if candidate.may_be_identified else "—"


def mail_new_referral(referral, candidate, offer, ocmw_name):
    for user in members_of(referral.host_id):
        queue_mail(user.email, user.language, "referral_new",
                   _l("New referral for “%(title)s”", title=InReaderLanguage(offer, "title")),
                   user=user, referral=referral, offer=offer, candidate_name=who(candidate),
                   ocmw_name=ocmw_name, link=referral_link(referral))


def mail_move(referral, candidate, offer, organisation_id, move):
    for user in members_of(organisation_id):
        queue_mail(user.email, user.language, "referral_moved",
                   _l("Referral #%(id)s for “%(title)s”: new status", id=referral.id,
                      title=InReaderLanguage(offer, "title")),
                   user=user, referral=referral, offer=offer, candidate_name=who(candidate), move=move,
                   statuses=STATUSES,
                   link=referral_link(referral))


def mail_overdue(referral, candidate, offer):
    for user in members_of(referral.host_id):
        queue_mail(user.email, user.language, "referral_overdue",
                   _l("Reminder: referral #%(id)s is waiting for your answer", id=referral.id),
                   user=user, referral=referral, offer=offer, candidate_name=who(candidate),
                   link=referral_link(referral))


def mail_note(referral, offer, organisation_id, note, author_organisation_name):
    """A note reaches the other party: who wrote, on which referral, a link — never the note's
    text nor any candidate field (free text may name the person; the page is behind login)."""
    for user in members_of(organisation_id):
        queue_mail(user.email, user.language, "referral_note",
                   _l("New note on referral #%(id)s for “%(title)s”", id=referral.id,
                      title=InReaderLanguage(offer, "title")),
                   user=user, referral=referral, offer=offer, note=note, author=author_organisation_name,
                   link=referral_link(referral))


def mail_consent_ending(candidate):
    """The OCMW's members are told a consent ends soon: the candidate's number and a link only."""
    link = f"{current_app.config['PORTAL_BASE_URL']}/candidates/{candidate.id}"
    for user in members_of(candidate.organisation_id):
        queue_mail(user.email, user.language, "candidate_consent_ending",
                   _l("Consent of candidate #%(id)s ends soon", id=candidate.id),
                   user=user, candidate_id=candidate.id, expires_on=candidate.consent_expires_on, link=link)
