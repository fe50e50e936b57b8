"""Links that add an event to a web calendar (Google, Outlook) from the event page."""
from urllib.parse import urlencode

from flask import current_app

from portal.events.ical import _description


def _utc(moment):
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _location(event):
    return ", ".join(part for part in (event.venue, event.address) if part)


def _details(event):
    link = f"{current_app.config['PORTAL_BASE_URL']}/events/{event.id}"
    return (_description(event)[:1500] + "\n\n" + link).strip()


def google_calendar_url(event):
    query = urlencode({
        "action": "TEMPLATE", "text": event.title,
        "dates": f"{_utc(event.starts_at)}/{_utc(event.ends_at)}",
        "details": _details(event), "location": _location(event), "ctz": "Europe/Brussels",
    })
    return f"https://calendar.google.com/calendar/render?{query}"


def outlook_calendar_url(event):
    query = urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": event.title,
        "startdt": event.starts_at.isoformat(), "enddt": event.ends_at.isoformat(),
        "body": _details(event), "location": _location(event),
    })
    return f"https://outlook.live.com/calendar/0/deeplink/compose?{query}"
