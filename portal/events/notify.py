"""The events domain's mails, one named function each: in each recipient's language, with the
event's link, and the calendar invitation or cancellation when the seat changes (API.md §3)."""
from flask_babel import lazy_gettext as _l

from portal.core.mail import queue_mail
from portal.core.types import to_brussels
from portal.events import ical
from portal.events.links import event_url


def _mail(user, template, subject, event, attachments=(), **context):
    queue_mail(user.email, user.language, template, subject, attachments=attachments,
               event=event, user=user, link=event_url(event), **context)


def mail_confirmed(user, event):
    """A seat: the confirmation with a METHOD:REQUEST invitation."""
    _mail(user, "event_confirmed", _l("Registration confirmed: %(title)s", title=event.title), event,
          attachments=[ical.attachment(ical.invitation(event, user), "REQUEST")],
          starts_at=to_brussels(event.starts_at))


def mail_promoted(user, event):
    """A seat freed for the first in line: the same invitation, told as a promotion."""
    _mail(user, "event_promoted", _l("Your seat: %(title)s", title=event.title), event,
          attachments=[ical.attachment(ical.invitation(event, user), "REQUEST")],
          starts_at=to_brussels(event.starts_at))


def mail_waitlisted(user, event, position):
    _mail(user, "event_waitlisted", _l("Waiting list: %(title)s", title=event.title), event, position=position)


def mail_registration_cancelled(user, event):
    """The registrant gave up their place: a METHOD:CANCEL with the same UID."""
    _mail(user, "event_registration_cancelled", _l("Registration cancelled: %(title)s", title=event.title), event,
          attachments=[ical.attachment(ical.cancellation(event, user), "CANCEL")])


def mail_event_cancelled(user, event):
    """The organisers cancelled the day: every registrant gets a METHOD:CANCEL."""
    _mail(user, "event_cancelled", _l("Cancelled: %(title)s", title=event.title), event,
          attachments=[ical.attachment(ical.cancellation(event, user), "CANCEL")])


def mail_message(user, event, subject, body, sender_name):
    """The organisers' own message to the registrants."""
    _mail(user, "event_message", subject, event, body=body, sender_name=sender_name)


def mail_reminder(user, event):
    _mail(user, "event_reminder", _l("Reminder: %(title)s", title=event.title), event)
