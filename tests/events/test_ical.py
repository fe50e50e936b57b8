"""The calendars as three parsers see them: icalendar, vobject (strict) and check-ics
(icalendar, vobject and Mozilla's ical.js)."""
import subprocess
from datetime import timedelta
from pathlib import Path

import icalendar
import vobject

from portal.accounts.feed_tokens import ensure_feed_secret, feed_token
from portal.core.types import BRUSSELS, utcnow
from portal.events import services
from portal.extensions import db
from tests.events import helpers

CHECK_ICS = Path("/work/shared/tools/check-ics")
SPEAKER = {"name": "Rachid Madrane", "role": "voorzitter", "organisation": "Brussels Parlement"}


def parse(body):
    """Both parsers, strictly; returns the icalendar object."""
    vobject.readOne(body.decode("utf-8"), validate=True).validate()
    return icalendar.Calendar.from_ical(body)


def study_day(partner, **fields):
    event = helpers.event(partner, **fields)
    helpers.agenda_item(event, 0, 15, speakers=[SPEAKER])
    helpers.agenda_item(event, 15, 45, title="Panelgesprek", kind="panel",
                        moderators=[{"name": "Tatiana Vial", "role": "directeur", "organisation": "FeBISP"}])
    return event


def test_event_ics_has_the_event_in_brussels_time_with_its_agenda(client, partner):
    event = study_day(partner, starts_at=helpers.brussels(2031, 6, 28, 9, 0), ends_at=helpers.brussels(2031, 6, 28, 16),
                      registration_deadline=helpers.brussels(2031, 6, 27, 12))
    response = client.get(f"/events/{event.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"DTSTART;TZID=Europe/Brussels:20310628T090000" in response.data
    calendar = parse(response.data)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    for prop in ("X-WR-CALNAME", "REFRESH-INTERVAL"):
        assert prop in calendar
    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].dt == helpers.brussels(2031, 6, 28, 9, 0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert str(vevent["UID"]) == f"event-{event.id}@tandem.brussels"
    assert "Rachid Madrane" in str(vevent["DESCRIPTION"])
    assert "Brussels Parlement" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(f"/events/{event.id}")
    assert "Tracé Brussel" in vevent["ORGANIZER"].params["CN"]
    assert vevent["DTSTAMP"].dt == event.updated_at.replace(microsecond=0)
    assert vevent["LAST-MODIFIED"].dt == event.updated_at.replace(microsecond=0)


def test_detail_agenda_adds_one_vevent_per_item(client, partner):
    event = study_day(partner)
    calendar = parse(client.get(f"/events/{event.id}.ics?detail=agenda").data)
    uids = [str(v["UID"]) for v in calendar.walk("VEVENT")]
    assert len(uids) == 3 and len(set(uids)) == 3
    assert uids[0] == event.uid


def test_unchanged_content_gives_identical_bytes_and_a_change_raises_sequence(client, partner, app):
    event = study_day(partner)
    first = client.get(f"/events/{event.id}.ics").data
    assert client.get(f"/events/{event.id}.ics").data == first
    uid = parse(first).walk("VEVENT")[0]["UID"]
    services.update_event(helpers_admin(app), event.id, {"venue": "Hemicycle"})
    changed = parse(client.get(f"/events/{event.id}.ics").data).walk("VEVENT")[0]
    assert changed["UID"] == uid
    assert changed["SEQUENCE"] == 1
    assert "Hemicycle" in str(changed["LOCATION"])


def helpers_admin(app):
    from tests import factories

    return factories.user("root@tandem.test", is_admin=True)


def test_a_cancelled_event_stays_in_feeds_as_cancelled(client, partner, app):
    event = study_day(partner)
    services.cancel_event(helpers_admin(app), event.id)
    for path in (f"/events/{event.id}.ics", "/calendar/events.ics"):
        [vevent] = parse(client.get(path).data).walk("VEVENT")
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert vevent["SEQUENCE"] == 1


def test_line_breaks_in_user_text_stay_inside_their_property(client, partner):
    event = helpers.event(partner, title="Evil\r\nBEGIN:VEVENT\r\nUID:x", description="a\nb\r\nEND:VCALENDAR",
                          venue="Zaal\nA")
    body = client.get(f"/events/{event.id}.ics").data
    calendar = parse(body)
    assert len(calendar.walk("VEVENT")) == 1
    assert b"\r\nBEGIN:VEVENT\r\nUID:x" not in body
    assert body.split(b"\r\n").count(b"END:VCALENDAR") == 1
    assert "BEGIN:VEVENT" in str(calendar.walk("VEVENT")[0]["SUMMARY"])


def test_public_feed_holds_published_and_cancelled_events_from_thirty_days_ago(client, partner, federation):
    recent = helpers.event(partner, days_ahead=-20, registration_deadline=utcnow() - timedelta(days=21))
    old = helpers.event(partner, days_ahead=-40, registration_deadline=utcnow() - timedelta(days=41))
    draft = helpers.event(partner, status="draft")
    other = helpers.event(federation)
    calendar = parse(client.get("/calendar/events.ics").data)
    uids = {str(v["UID"]) for v in calendar.walk("VEVENT")}
    assert uids == {recent.uid, other.uid}
    assert old.uid not in uids and draft.uid not in uids
    only = parse(client.get(f"/calendar/events.ics?organiser_id={federation.id}").data)
    assert {str(v["UID"]) for v in only.walk("VEVENT")} == {other.uid}


def test_personal_feed_holds_the_owners_registrations(client, partner, participant):
    event, waiting_event, other = helpers.event(partner), helpers.event(partner, capacity=1), helpers.event(partner)
    holder = helpers.people(1)[0]
    services.register(holder, waiting_event.id)
    services.register(participant, event.id)
    services.register(participant, waiting_event.id)
    token = feed_token(participant)
    calendar = parse(client.get(f"/calendar/{token}.ics").data)
    statuses = {str(v["UID"]): str(v["STATUS"]) for v in calendar.walk("VEVENT")}
    assert statuses == {event.uid: "CONFIRMED", waiting_event.uid: "TENTATIVE"}
    assert other.uid not in statuses


def test_unknown_or_old_personal_token_is_404(client, participant):
    ensure_feed_secret(participant)
    db.session.commit()
    old = feed_token(participant)
    assert client.get(f"/calendar/{old}.ics").status_code == 200
    participant.feed_secret = None
    ensure_feed_secret(participant)  # regenerating kills the old URL
    db.session.commit()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get("/calendar/1-deadbeef.ics").status_code == 404
    assert client.get("/calendar/nonsense.ics").status_code == 404


def test_times_follow_daylight_saving(client, partner):
    winter = helpers.event(partner, starts_at=helpers.brussels(2031, 1, 15, 9),
                           ends_at=helpers.brussels(2031, 1, 15, 12),
                           registration_deadline=helpers.brussels(2031, 1, 14, 9))
    [vevent] = parse(client.get(f"/events/{winter.id}.ics").data).walk("VEVENT")
    assert vevent["DTSTART"].dt.astimezone(BRUSSELS).utcoffset() == timedelta(hours=1)
    assert vevent["DTSTART"].dt.hour == 9


def test_every_calendar_is_clean_for_check_ics(client, partner, participant, tmp_path, mailbox):
    event = study_day(partner)
    cancelled = study_day(partner, status="cancelled")
    services.register(participant, event.id)
    services.cancel_registration(participant, event.id)
    services.register(participant, event.id)
    files = {
        "event.ics": client.get(f"/events/{event.id}.ics").data,
        "agenda.ics": client.get(f"/events/{event.id}.ics?detail=agenda").data,
        "cancelled.ics": client.get(f"/events/{cancelled.id}.ics").data,
        "public.ics": client.get("/calendar/events.ics").data,
        "personal.ics": client.get(f"/calendar/{feed_token(participant)}.ics").data,
    }
    for index, message in enumerate(mailbox):
        for part in message.iter_attachments():
            if part.get_content_type() == "text/calendar":  # not the check-in QR code beside it
                files[f"mail-{index}-{part.get_param('method')}.ics"] = part.get_payload(decode=True)
    assert any("REQUEST" in name for name in files) and any("CANCEL" in name for name in files)
    paths = []
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
        paths.append(str(tmp_path / name))
    result = subprocess.run([str(CHECK_ICS), *paths], capture_output=True, text=True, timeout=240)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": clean") == len(paths)
