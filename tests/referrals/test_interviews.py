"""Interviews (API.md §6.4): scheduled on the move to `interview` or later, invitations to the
people concerned on both sides (METHOD:REQUEST, Europe/Brussels), updates with the same UID and a
higher SEQUENCE, a cancellation on decline or withdrawal; upcoming interviews on both dashboards.
No candidate field in any invitation."""
import subprocess
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from portal.core.types import BRUSSELS, utcnow
from portal.extensions import db
from portal.referrals.models import Referral, ReferralMove
from tests.referrals import builders as b

CHECK_ICS = Path("/work/shared/tools/check-ics")


def future(days=7, hour=10):
    moment = (utcnow() + timedelta(days=days)).astimezone(BRUSSELS)
    return moment.replace(hour=hour, minute=30, second=0, microsecond=0)


def invitations(mailbox):
    """(recipient, method, parsed calendar, raw bytes, body text) of every calendar mailed."""
    found = []
    for message in mailbox:
        for part in message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                raw = part.get_payload(decode=True)
                vobject.readOne(raw.decode("utf-8"), validate=True).validate()
                found.append((message["To"], part.get_param("method"), icalendar.Calendar.from_ical(raw), raw,
                              message.get_body(("plain",)).get_content()))
    return found


@pytest.fixture
def referral(ocmw_member, host_member):
    return b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))


def schedule(client, headers, referral, **body):
    return client.post(f"/api/v1/referrals/{referral.id}/transitions", json={"to": "interview", **body},
                       headers=headers)


def test_scheduling_invites_the_job_coach_and_the_host_without_naming_the_candidate(
        client, referral, ocmw_member, host_member, auth_headers, mailbox):
    at = future()
    mailbox.clear()
    response = schedule(client, auth_headers(host_member), referral, at=at.isoformat(), place="Rue Haute 1, Bruxelles")
    assert response.status_code == 200, response.json
    assert response.json["interview"] == {"at": at.isoformat(), "place": "Rue Haute 1, Bruxelles", "sequence": 0}
    sent = invitations(mailbox)
    assert sorted(to for to, *_ in sent) == sorted([ocmw_member.email, host_member.email])
    for _to, method, calendar, raw, body in sent:
        assert method == "REQUEST" and str(calendar["METHOD"]) == "REQUEST"
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["UID"]) == f"referral-{referral.id}-interview@tandem.brussels"
        assert int(vevent["SEQUENCE"]) == 0 and vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
        assert vevent["DTSTART"].dt == at and str(vevent["LOCATION"]) == "Rue Haute 1, Bruxelles"
        assert {str(a) for a in vevent.get("ATTENDEE")} == {f"mailto:{ocmw_member.email}",
                                                           f"mailto:{host_member.email}"}
        for secret in (b"Amina", b"DOS-2026-001", b"1990", b"bakery"):  # no candidate field
            assert secret not in raw
        assert "Amina" not in body and f"/referrals/{referral.id}" in body


@pytest.mark.parametrize("body, field", [
    ({"at": "2020-01-01T10:00:00+01:00", "place": "Here"}, "at"),   # in the past
    ({"at": "FUTURE", "place": ""}, "place"),                        # a time without a place
    ({"place": "Somewhere"}, "at"),                                  # a place without a time
    ({"at": "tomorrow", "place": "Here"}, "at"),                     # not a datetime
])
def test_a_bad_interview_is_422_and_changes_nothing(client, referral, host_member, auth_headers, mailbox, body,
                                                   field):
    body = {k: (future().isoformat() if v == "FUTURE" else v) for k, v in body.items()}
    mailbox.clear()
    response = schedule(client, auth_headers(host_member), referral, **body)
    assert response.status_code == 422 and field in response.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.get(Referral, referral.id).status == "submitted" and not mailbox
    assert db.session.query(ReferralMove).filter_by(referral_id=referral.id).count() == 1


def test_the_interview_may_wait_and_be_scheduled_later(client, referral, host_member, auth_headers, mailbox):
    assert schedule(client, auth_headers(host_member), referral).json["interview"] is None
    mailbox.clear()
    response = client.patch(f"/api/v1/referrals/{referral.id}/interview", headers=auth_headers(host_member),
                            json={"at": future().isoformat(), "place": "Atelier"})
    assert response.status_code == 200 and response.json["interview"]["sequence"] == 0
    assert {method for _to, method, *_ in invitations(mailbox)} == {"REQUEST"}


def test_a_change_sends_an_update_and_a_withdrawal_cancels(client, referral, ocmw_member, host_member, auth_headers,
                                                            mailbox, tmp_path):
    host = auth_headers(host_member)
    schedule(client, host, referral, at=future().isoformat(), place="Atelier")
    later = future(days=9, hour=14)
    changed = client.patch(f"/api/v1/referrals/{referral.id}/interview", headers=host, json={"at": later.isoformat()})
    assert changed.status_code == 200 and changed.json["interview"] == {
        "at": later.isoformat(), "place": "Atelier", "sequence": 1}
    withdrawn = client.post(f"/api/v1/referrals/{referral.id}/transitions", headers=auth_headers(ocmw_member),
                            json={"to": "withdrawn", "reason": "found_elsewhere"})
    assert withdrawn.status_code == 200
    sent = invitations(mailbox)
    sequences = [(method, int(calendar.walk("VEVENT")[0]["SEQUENCE"])) for _to, method, calendar, *_ in sent]
    assert sequences == [("REQUEST", 0)] * 2 + [("REQUEST", 1)] * 2 + [("CANCEL", 2)] * 2
    assert len({str(calendar.walk("VEVENT")[0]["UID"]) for _to, _m, calendar, *_ in sent}) == 1
    cancel = sent[-1][2].walk("VEVENT")[0]
    assert str(cancel["STATUS"]) == "CANCELLED"
    paths = []
    for index, (_to, method, _calendar, raw, _body) in enumerate(sent):
        path = tmp_path / f"interview-{index}-{method}.ics"
        path.write_bytes(raw)
        paths.append(str(path))
    if CHECK_ICS.exists():
        result = subprocess.run([str(CHECK_ICS), *paths], capture_output=True, text=True, timeout=240)  # noqa: S603
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_decline_cancels_and_an_accept_does_not(client, ocmw_member, host_member, auth_headers, mailbox):
    host = auth_headers(host_member)
    declined = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    schedule(client, host, declined, at=future().isoformat(), place="Atelier")
    client.post(f"/api/v1/referrals/{declined.id}/transitions", headers=host,
                json={"to": "declined", "reason": "profile_mismatch"})
    assert [m for _t, m, *_ in invitations(mailbox)].count("CANCEL") == 2
    accepted = b.referral(ocmw_member, b.candidate(ocmw_member, reference="X"), b.offer(host_member))
    schedule(client, host, accepted, at=future().isoformat(), place="Atelier")
    mailbox.clear()
    client.post(f"/api/v1/referrals/{accepted.id}/transitions", headers=host, json={"to": "accepted"})
    assert not invitations(mailbox)


@pytest.mark.parametrize("who, status", [("ocmw_member", 403), ("other_ocmw_member", 404), ("sie_member", 404),
                                         ("admin", 404), ("participant", 404)])
def test_only_the_receiving_side_changes_the_interview(client, request, referral, host_member, auth_headers,
                                                       who, status):
    schedule(client, auth_headers(host_member), referral, at=future().isoformat(), place="Atelier")
    response = client.patch(f"/api/v1/referrals/{referral.id}/interview",
                            headers=auth_headers(request.getfixturevalue(who)), json={"place": "Elsewhere"})
    assert response.status_code == status
    db.session.expire_all()
    assert db.session.get(Referral, referral.id).interview_place == "Atelier"


def test_changing_an_interview_outside_the_interview_step_is_409(client, referral, host_member, auth_headers):
    response = client.patch(f"/api/v1/referrals/{referral.id}/interview", headers=auth_headers(host_member),
                            json={"at": future().isoformat(), "place": "Atelier"})
    assert response.status_code == 409


def test_a_change_into_the_past_is_422(client, referral, host_member, auth_headers):
    host = auth_headers(host_member)
    schedule(client, host, referral, at=future().isoformat(), place="Atelier")
    response = client.patch(f"/api/v1/referrals/{referral.id}/interview", headers=host,
                            json={"at": "2020-05-05T10:00:00+02:00"})
    assert response.status_code == 422 and "at" in response.json["error"]["fields"]
    assert db.session.get(Referral, referral.id).interview_sequence == 0


def test_both_dashboards_list_the_interviews_to_come(client, login, referral, ocmw_member, host_member,
                                                     auth_headers, csrf_token):
    schedule(client, auth_headers(host_member), referral, at=future().isoformat(), place="Atelier Zuid")
    for user in (ocmw_member, host_member):
        login(user)
        page = client.get("/referrals?lang=en").get_data(as_text=True)
        assert "Interviews to come" in page and "Atelier Zuid" in page
    token = csrf_token(f"/referrals/{referral.id}")
    later = future(days=12).strftime("%Y-%m-%dT%H:%M")
    page = client.post(f"/referrals/{referral.id}/interview?lang=en", follow_redirects=True,
                       data={"csrf_token": token, "at": later, "place": "Atelier Noord"}).get_data(as_text=True)
    assert "The interview was saved" in page and "Atelier Noord" in page
