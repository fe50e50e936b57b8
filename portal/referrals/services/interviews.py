"""Interviews (API.md §6.4): when and where the receiving side meets the candidate, in the
calendars of the people concerned on both sides.

Who is invited — decided here, once: on the OCMW's side the member who made the referral
(the job coach following the person; the OCMW's members when that account is gone), on the
receiving side the member who scheduled the interview (the organisation's members when that
account is gone). Not every member of both organisations: an interview is a meeting of
two people, and fewer inboxes hold the referral.

An invitation names the referral and the offer — never the candidate (the receiving side
may see a first name and initial, but a calendar entry travels further than the portal).
"""
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.core import audit
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.mail import queue_mail
from portal.core.translated import InReaderLanguage
from portal.core.types import utcnow
from portal.core.use_case import parsed, use_case
from portal.events import ical
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.referrals import permissions, workflow
from portal.referrals.models import Referral
from portal.referrals.notify import members_of, referral_link

INTERVIEW_LENGTH = timedelta(hours=1)  # calendars need an end; the portal records only the start


def interview_uid(referral):
    """One UID per referral's interview, forever: updates and cancellations replace the entry."""
    return f"referral-{referral.id}-interview@tandem.brussels"


def check_interview(at, place, now):
    """An interview is scheduled with both a moment in the future and a place (else 422)."""
    errors = {}
    if at is None and place:
        errors["at"] = [_l("Give the date and time of the interview.")]
    if at is not None:
        if at <= now:
            errors["at"] = [_l("The interview must lie in the future.")]
        if not place:
            errors["place"] = [_l("Give the place of the interview.")]
    if errors:
        raise Invalid(fields=errors)


def schedule(actor, referral, at, place, now):
    """Set (or change) the interview on `referral` and invite the people concerned; the caller
    commits. A first scheduling is SEQUENCE 0, every change one more."""
    if referral.interview_at is not None:
        referral.interview_sequence += 1
    if referral.interview_host_user_id is None:
        referral.interview_host_user_id = actor.id
    referral.interview_at, referral.interview_place, referral.interview_changed_at = at, place, now
    _send(referral, "REQUEST")


def cancel_if_scheduled(referral, now):
    """A decline or withdrawal removes an interview still to come from both calendars."""
    if referral.interview_at is None or referral.interview_at <= now:
        return False
    referral.interview_sequence += 1
    referral.interview_changed_at = now
    _send(referral, "CANCEL")
    return True


@use_case
def reschedule_interview(actor, referral_id, data):
    """PATCH /api/v1/referrals/{id}/interview: the receiving side (who holds the interview)
    sets or changes when and where, while the referral is at `interview`; the invitation is
    sent again with the same UID and a higher SEQUENCE."""
    referral = permissions.get_referral_for(actor, referral_id, options=(joinedload(Referral.offer),))
    data = parsed(data, referral)  # the body, validated once access is decided
    if permissions.referral_side(actor, referral) != workflow.RECEIVING:
        raise Forbidden(_l("The organisation that holds the interview schedules it."))
    if referral.status != "interview":
        raise Conflict(_l("An interview is scheduled while the referral is at “Interview”."))
    now = utcnow()
    at = data["at"] if "at" in data else referral.interview_at
    place = (data["place"] if "place" in data else referral.interview_place) or ""
    place = place.strip()
    if at is None and not place:
        raise Invalid(fields={"at": [_l("Give the date and time of the interview.")]})
    check_interview(at, place, now)
    schedule(actor, referral, at, place, now)
    audit.record(actor, "referral.interview", referral, organisation_id=referral.ocmw_id,
                 sequence=referral.interview_sequence)
    return referral


def invitees(referral):
    """The people concerned on both sides (see the module docstring), verified accounts only."""
    people = {}
    for user_id, organisation_id in ((referral.created_by_id, referral.ocmw_id),
                                     (referral.interview_host_user_id, referral.host_id)):
        user = db.session.get(User, user_id) if user_id else None
        chosen = [user] if user is not None and user.email_verified_at is not None else members_of(organisation_id)
        for person in chosen:
            people.setdefault(person.id, person)
    return list(people.values())


def _send(referral, method):
    people = invitees(referral)
    offer = referral.offer
    host = db.session.get(Organisation, referral.host_id)
    title = InReaderLanguage(offer, "title")  # each recipient reads the offer's title in their language
    subject = (_l("Interview for referral #%(id)s (“%(title)s”)", id=referral.id, title=title)
               if method == "REQUEST" else
               _l("Interview cancelled: referral #%(id)s (“%(title)s”)", id=referral.id, title=title))
    for user in people:
        with force_locale(user.language):
            summary = _("Interview — referral #%(id)s: %(title)s", id=referral.id, title=title)
            description = _("Interview about referral #%(id)s for “%(title)s”. The referral: %(link)s",
                            id=referral.id, title=title, link=referral_link(referral))
        data = ical.meeting(
            uid=interview_uid(referral), sequence=referral.interview_sequence,
            changed_at=referral.interview_changed_at, starts_at=referral.interview_at,
            ends_at=referral.interview_at + INTERVIEW_LENGTH, summary=summary, description=description,
            location=referral.interview_place, path=f"/referrals/{referral.id}",
            organiser_name=host.name,
            attendees=[(person.name, person.email) for person in people], method=method)
        queue_mail(user.email, user.language, "referral_interview", subject,
                   attachments=[ical.attachment(data, method)], user=user, referral=referral, offer=offer,
                   cancelled=method == "CANCEL", link=referral_link(referral))
