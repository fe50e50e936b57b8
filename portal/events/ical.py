"""The one builder of every VCALENDAR the portal sends (API.md §3), on the icalendar library.

Feeds (`METHOD:PUBLISH`): an event, an event with its agenda, the public feed, a personal
feed. Mail attachments: the invitation (`METHOD:REQUEST`, the registrant as ATTENDEE) and
the cancellation (`METHOD:CANCEL`, same UID); and `meeting()`, the same envelope around one
meeting that is not a study day (a referral's interview, API.md §6.4). Every timestamp inside comes from the data
(the event's last change), never from the clock, so unchanged content gives identical bytes.
"""
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from portal.core.choices import AGENDA_KINDS
from portal.core.translated import roles_in, text_in
from portal.core.types import BRUSSELS
from portal.events import links
from portal.events.people import describe

PRODID = "-//Tandem//Brussels article 60 network study days//EN"
TZID = "Europe/Brussels"
REFRESH = "PT1H"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _brussels_timezone():
    """VTIMEZONE for Europe/Brussels with the EU rules (last Sunday of March/October), as
    Outlook and Thunderbird write it: constant, so it never changes a feed's bytes."""
    tz = Timezone()
    tz.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", _offset(1))
    summer.add("tzoffsetto", _offset(2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", _offset(2))
    winter.add("tzoffsetto", _offset(1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def _offset(hours):
    from datetime import timedelta

    return timedelta(hours=hours)


def _local(moment):
    return moment.astimezone(BRUSSELS)


def _url(path):
    """An absolute address on the portal (an event's own is links.event_url)."""
    return f"{current_app.config['PORTAL_BASE_URL']}{path}"


def _sender_address():
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or "noreply@tandem.brussels"
    if "<" in sender:
        sender = sender.split("<", 1)[1].rstrip(">")
    return sender.strip()


def _param_text(value):
    # Parameter values cannot hold double quotes or control characters (RFC 5545 §3.1).
    return " ".join((value or "").replace('"', "'").split())


def _organizer(event):
    organisation = event.organiser
    address = (organisation.email if organisation and organisation.email else "") or _sender_address()
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(_param_text(organisation.name if organisation else "Tandem"))
    return organizer


def _text(record, field, language):
    return text_in(record, field, language)[0] or ""


def _speakers(item, language):
    """The item's speakers with their roles in `language` where translated."""
    roles = ((item.translations or {}).get(language) or {}).get("speaker_roles")
    return roles_in(item.speakers, roles) if language != item.language else list(item.speakers or [])


def agenda_text(event, language=None):
    """The agenda as plain text lines (in `language`, else the event's), for DESCRIPTION."""
    language = language or event.language
    lines = []
    for item in event.agenda:
        start, end = _local(item.starts_at), _local(item.ends_at)
        lines.append(f"{start:%H:%M}–{end:%H:%M} {AGENDA_KINDS.label(item.kind)}: {_text(item, 'title', language)}")
        for person in _speakers(item, language):
            lines.append(f"  – {describe(person)}")
        if item.moderators:
            lines.append("  " + _("Moderated by %(people)s", people="; ".join(describe(p) for p in item.moderators)))
    return lines


def description(event, language=None):
    language = language or event.language
    description = _text(event, "description", language).strip()
    parts = [description] if description else []
    agenda = agenda_text(event, language)
    if agenda:
        parts.append(_("Agenda") + "\n" + "\n".join(agenda))
    organisers = ", ".join(org.name for org in event.organisations)
    if organisers:
        parts.append(_("Organised by %(organisers)s", organisers=organisers))
    return "\n\n".join(parts)


def _stamp(component, event):
    changed = event.updated_at
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    component.add("created", event.created_at)
    component.add("sequence", event.sequence)


def location(event, language=None):
    return ", ".join(part for part in (_text(event, "venue", language or event.language), event.address) if part)


def _vevent(event, language, status=None, attendee=None, registration_status=None):
    vevent = Event()
    vevent.add("uid", event.uid)
    _stamp(vevent, event)
    vevent.add("dtstart", _local(event.starts_at))
    vevent.add("dtend", _local(event.ends_at))
    vevent.add("summary", _text(event, "title", language))
    vevent.add("description", description(event, language))
    vevent.add("location", location(event, language))
    vevent.add("url", links.event_url(event))
    vevent["organizer"] = _organizer(event)
    if status is None:
        status = "CANCELLED" if event.is_cancelled else ("TENTATIVE" if registration_status == "waitlisted"
                                                         else "CONFIRMED")
    vevent.add("status", status)
    vevent.add("transp", "OPAQUE")
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(_param_text(attendee.name))
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("DECLINED" if status == "CANCELLED" else "ACCEPTED")
        vevent.add("attendee", address, encode=0)
    return vevent


def _agenda_vevents(event, language):
    for item in event.agenda:
        vevent = Event()
        vevent.add("uid", item.uid)
        _stamp(vevent, event)
        vevent.add("dtstart", _local(item.starts_at))
        vevent.add("dtend", _local(item.ends_at))
        vevent.add("summary", f"{_text(item, 'title', language)} — {_text(event, 'title', language)}")
        lines = [AGENDA_KINDS.label(item.kind)]
        description = _text(item, "description", language)
        if description:
            lines.append(description)
        if item.speakers:
            lines.append(_("Speakers") + ": " + "; ".join(describe(p) for p in _speakers(item, language)))
        if item.moderators:
            lines.append(_("Moderators") + ": " + "; ".join(describe(p) for p in item.moderators))
        vevent.add("description", "\n".join(lines))
        vevent.add("location", location(event, language))
        vevent.add("url", links.event_url(event))
        vevent["organizer"] = _organizer(event)
        vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        vevent.add("related-to", event.uid)
        yield vevent


def _calendar(name, method):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", vText(" ".join(name.split())))  # one line, whatever the title
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", _offset(1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    calendar.add_component(_brussels_timezone())
    return calendar


def feed(events, name, with_agenda=False, registration_statuses=None, language=None):
    """A METHOD:PUBLISH calendar of `events` (their organisers and agenda loaded).

    Each event's texts are written in `language` where the event has them, else in the
    event's own language (without `language`: every event in its own), so the bytes depend
    on the content and the language only. `registration_statuses` maps event id → the feed
    owner's registration status (a waitlisted place shows as TENTATIVE).
    """
    calendar = _calendar(name, "PUBLISH")
    for event in events:
        written_in = language or event.language
        with force_locale(written_in):
            status = (registration_statuses or {}).get(event.id)
            calendar.add_component(_vevent(event, written_in, registration_status=status))
            if with_agenda:
                for vevent in _agenda_vevents(event, written_in):
                    calendar.add_component(vevent)
    return calendar.to_ical()


def invitation(event, user):
    """METHOD:REQUEST with the registrant as ATTENDEE: attached to the confirmation mail, in
    the registrant's language."""
    with force_locale(user.language):
        calendar = _calendar(_text(event, "title", user.language), "REQUEST")
        calendar.add_component(_vevent(event, user.language, attendee=user))
    return calendar.to_ical()


def cancellation(event, user):
    """METHOD:CANCEL with the same UID: the registrant's calendar removes the event."""
    with force_locale(user.language):
        calendar = _calendar(_text(event, "title", user.language), "CANCEL")
        calendar.add_component(_vevent(event, user.language, status="CANCELLED", attendee=user))
    return calendar.to_ical()


def meeting(*, uid, sequence, changed_at, starts_at, ends_at, summary, description, location, path,
            organiser_name, attendees, method):
    """A METHOD:REQUEST or METHOD:CANCEL calendar of one meeting between organisations.

    `attendees` are (name, e-mail) pairs; `changed_at` (the meeting's last change) gives
    DTSTAMP and LAST-MODIFIED, `sequence` grows with every change, the UID never changes —
    so calendar applications update or remove the one entry they already hold.
    """
    calendar = _calendar(summary, method)
    vevent = Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", changed_at)
    vevent.add("last-modified", changed_at)
    vevent.add("sequence", sequence)
    vevent.add("dtstart", _local(starts_at))
    vevent.add("dtend", _local(ends_at))
    vevent.add("summary", summary)
    vevent.add("description", description)
    vevent.add("location", location)
    vevent.add("url", _url(path))
    organizer = vCalAddress(f"mailto:{_sender_address()}")
    organizer.params["cn"] = vText(_param_text(organiser_name))
    vevent["organizer"] = organizer
    vevent.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    for name, email in attendees:
        address = vCalAddress(f"mailto:{email}")
        address.params["cn"] = vText(_param_text(name))
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        vevent.add("attendee", address, encode=0)
    calendar.add_component(vevent)
    return calendar.to_ical()


def attachment(data, method):
    """(filename, content type, bytes) for queue_mail; Outlook needs method= in the type."""
    return ("invite.ics" if method == "REQUEST" else "cancel.ics",
            f"text/calendar; method={method}; charset=utf-8", data)
