"""Links that add an event to a web calendar (Google, Outlook) from the event page."""
from urllib.parse import urlencode

from flask import current_app
from flask_babel import get_locale

from portal.core.translated import text_in
from portal.events.ical import _description, location


def _utc(moment):
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _details(event, language):
    link = f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}"
    return (_description(event, language)[:1500] + "\n\n" + link).strip()


def google_calendar_url(event):
    """In the reader's language, as the page that links to it."""
    language = str(get_locale())
    query = urlencode({
        "action": "TEMPLATE", "text": text_in(event, "title", language)[0],
        "dates": f"{_utc(event.starts_at)}/{_utc(event.ends_at)}",
        "details": _details(event, language), "location": location(event, language), "ctz": "Europe/Brussels",
    })
    return f"https://calendar.google.com/calendar/render?{query}"


def outlook_calendar_url(event):
    language = str(get_locale())
    query = urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": text_in(event, "title", language)[0],
        "startdt": event.starts_at.isoformat(), "enddt": event.ends_at.isoformat(),
        "body": _details(event, language), "location": location(event, language),
    })
    return f"https://outlook.live.com/calendar/0/deeplink/compose?{query}"
