"""An event's addresses: its page and calendar file (built here only), and the links that add
it to a web calendar (Google, Outlook) from the event page."""
from urllib.parse import urlencode

from flask import current_app
from flask_babel import get_locale

from portal.core.translated import text_in
from portal.events import ical


def event_url(event):
    """The event page's absolute address (mails, calendars, the API's `url`)."""
    return f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}"


def event_ics_url(event):
    """The event's own calendar file (API.md §3)."""
    return f"{event_url(event)}.ics"


def guest_confirm_url(token):
    """A guest's mailed confirmation link (events/guest_links.py signs the token)."""
    return f"{current_app.config['PORTAL_BASE_URL']}/events/guest/confirm/{token}"


def guest_cancel_url(token):
    return f"{current_app.config['PORTAL_BASE_URL']}/events/guest/cancel/{token}"


def feedback_url(token):
    """An attendee's signed feedback form (events/feedback.py)."""
    return f"{current_app.config['PORTAL_BASE_URL']}/events/feedback/{token}"


def material_url(event_id, material_id):
    """An agenda item's file, served as an attachment (events/views_materials.py)."""
    return f"{current_app.config['PORTAL_BASE_URL']}/events/{event_id}/materials/{material_id}"


def certificate_url(event_id, token):
    """A registrant's certificate, signed for guests who have no account (events/certificates.py)."""
    return f"{current_app.config['PORTAL_BASE_URL']}/events/{event_id}/certificate.pdf?token={token}"


def _utc(moment):
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _details(event, language):
    return (ical.description(event, language)[:1500] + "\n\n" + event_url(event)).strip()


def google_calendar_url(event):
    """In the reader's language, as the page that links to it."""
    language = str(get_locale())
    query = urlencode({
        "action": "TEMPLATE", "text": text_in(event, "title", language)[0],
        "dates": f"{_utc(event.starts_at)}/{_utc(event.ends_at)}",
        "details": _details(event, language), "location": ical.location(event, language), "ctz": "Europe/Brussels",
    })
    return f"https://calendar.google.com/calendar/render?{query}"


def outlook_calendar_url(event):
    language = str(get_locale())
    query = urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": text_in(event, "title", language)[0],
        "startdt": event.starts_at.isoformat(), "enddt": event.ends_at.isoformat(),
        "body": _details(event, language), "location": ical.location(event, language),
    })
    return f"https://outlook.live.com/calendar/0/deeplink/compose?{query}"
