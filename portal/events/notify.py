"""The events domain's mails, one named function each: in each recipient's language, with the
event's link, and the calendar invitation or cancellation when the seat changes (API.md §3).

A registration's mails go to `registration.person` — the account, or the guest who has none —
and carry, for a guest, the signed link that cancels without signing in (events/guest_links.py).
"""
from flask_babel import lazy_gettext as _l

from portal.core.mail import queue_mail
from portal.core.translated import InReaderLanguage
from portal.core.types import to_brussels
from portal.events import checkin, guest_links, ical
from portal.events.links import event_url


def _title(event):
    return InReaderLanguage(event, "title")  # in the recipient's language (core/mail.py renders in it)


def _mail(user, template, subject, event, attachments=(), **context):
    if not user.email:  # a guest whose data was erased after the day (services/retention.py)
        return
    queue_mail(user.email, user.language, template, subject, attachments=attachments,
               event=event, user=user, link=event_url(event), **context)


def _mail_seat(registration, event, template, subject):
    """A seat: an invitation (METHOD:REQUEST) and the check-in QR code."""
    person = registration.person
    qr = checkin.mail_attachment(registration)
    _mail(person, template, subject, event,
          attachments=[ical.attachment(ical.invitation(event, person), "REQUEST")] + ([qr] if qr else []),
          starts_at=to_brussels(event.starts_at), cancel_link=guest_links.cancel_url(registration),
          checkin_code=checkin.code_of(registration))


def mail_confirmed(registration, event):
    """A seat at registration: the confirmation with a METHOD:REQUEST invitation."""
    _mail_seat(registration, event, "event_confirmed", _l("Registration confirmed: %(title)s", title=_title(event)))


def mail_promoted(registration, event):
    """A seat freed for the first in line: the same invitation, told as a promotion."""
    _mail_seat(registration, event, "event_promoted", _l("Your seat: %(title)s", title=_title(event)))


def mail_waitlisted(registration, event):
    person = registration.person
    _mail(person, "event_waitlisted", _l("Waiting list: %(title)s", title=_title(event)), event,
          position=registration.waitlist_position, cancel_link=guest_links.cancel_url(registration))


def mail_place(registration, event):
    """Tell a new registrant (member or guest) what they got: a seat, or a waiting-list place."""
    if registration.status == "confirmed":
        mail_confirmed(registration, event)
    else:
        mail_waitlisted(registration, event)


def mail_registration_cancelled(user, event):
    """The registrant (an account or a guest's person) gave up their place: a METHOD:CANCEL
    with the same UID."""
    _mail(user, "event_registration_cancelled", _l("Registration cancelled: %(title)s", title=_title(event)), event,
          attachments=[ical.attachment(ical.cancellation(event, user), "CANCEL")])


def mail_event_cancelled(registration, event):
    """The organisers cancelled the day: every registrant gets a METHOD:CANCEL."""
    person = registration.person
    _mail(person, "event_cancelled", _l("Cancelled: %(title)s", title=_title(event)), event,
          attachments=[ical.attachment(ical.cancellation(event, person), "CANCEL")])


def mail_message(registration, event, subject, body, sender_name):
    """The organisers' own message to the registrants."""
    _mail(registration.person, "event_message", subject, event, body=body, sender_name=sender_name,
          cancel_link=guest_links.cancel_url(registration))


def mail_reminder(registration):
    event = registration.event
    _mail(registration.person, "event_reminder", _l("Reminder: %(title)s", title=_title(event)), event,
          cancel_link=guest_links.cancel_url(registration))
