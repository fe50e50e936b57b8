"""Scoped consent (API.md §6.4): given on a date, until a date, for named organisations; its
history; referrals outside it refused (409); withheld after it ends; a reminder 30 days before."""
from datetime import date, timedelta

import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.referrals.models import Candidate, ConsentRecord, Referral, brussels_today
from portal.referrals.services import consent
from tests import factories
from tests.referrals import builders as b

BASE = {"reference": "DOS-9", "first_name": "Yusuf", "last_initial": "K", "languages": ["ar", "fr"],
        "commune": "molenbeek-saint-jean-sint-jans-molenbeek", "skills": "", "notes": ""}


def today():
    return brussels_today()


def create(client, headers, **consent_fields):
    return client.post("/api/v1/candidates", headers=headers, json={**BASE, **consent_fields})


def test_scoped_consent_is_recorded_with_its_history(client, ocmw_member, host, sie, auth_headers):
    response = create(client, auth_headers(ocmw_member), consent={
        "given_on": "2026-11-01", "expires_on": "2027-11-01", "organisation_ids": [sie.id, host.id]})
    assert response.status_code == 201, response.json
    assert response.json["consent_scope"] == {"given_on": "2026-11-01", "expires_on": "2027-11-01",
                                              "organisation_ids": sorted([sie.id, host.id])}
    assert response.json["consent"] is True and response.json["consent_date"] == "2026-11-01"
    [record] = db.session.query(ConsentRecord).all()
    assert (record.action, record.by_id, record.expires_on) == ("given", ocmw_member.id, date(2027, 11, 1))


def test_the_older_consent_true_still_means_no_end_and_any_partner(client, ocmw_member, auth_headers):
    response = create(client, auth_headers(ocmw_member), consent=True, consent_date="2026-11-01")
    assert response.status_code == 201
    assert response.json["consent_scope"] == {"given_on": "2026-11-01", "expires_on": None, "organisation_ids": None}


@pytest.mark.parametrize("scope, field", [
    ({"given_on": "2026-11-01", "expires_on": "2026-10-01"}, "consent.expires_on"),   # wrong order
    ({"given_on": "2026-11-01", "expires_on": "2026-11-01"}, "consent.expires_on"),   # ends the day it starts
    ({"given_on": "2099-01-01"}, "consent.given_on"),                                   # in the future
    ({"given_on": "2026-11-01", "organisation_ids": [999_999]}, "consent.organisation_ids"),  # unknown
    ({"given_on": "2026-11-01", "organisation_ids": "PENDING"}, "consent.organisation_ids"),  # not approved
    ({"given_on": "2026-11-01", "organisation_ids": "OCMW"}, "consent.organisation_ids"),     # not a host
    ({"given_on": "2026-11-01", "organisation_ids": []}, "consent.organisation_ids"),
    ({"given_on": "2026-11-01", "organisation_ids": ["1"]}, "consent.organisation_ids"),
    ({"expires_on": "2027-01-01"}, "consent.given_on"),
    ({"given_on": "2026-11-01", "until": "2027-01-01"}, "consent.until"),
])
def test_bad_consent_is_422_and_records_nothing(client, ocmw, ocmw_member, auth_headers, scope, field):
    pending = factories.organisation("Pending host", "host", status="pending")
    scope = {k: ([pending.id] if v == "PENDING" else [ocmw.id] if v == "OCMW" else v) for k, v in scope.items()}
    response = create(client, auth_headers(ocmw_member), consent=scope)
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]
    assert db.session.query(Candidate).count() == 0 and db.session.query(ConsentRecord).count() == 0


def test_a_consent_object_with_a_consent_date_beside_it_is_422(client, ocmw_member, auth_headers):
    response = create(client, auth_headers(ocmw_member), consent={"given_on": "2026-11-01"}, consent_date="2026-11-01")
    assert response.status_code == 422


def test_a_referral_outside_the_scope_is_409_with_a_clear_message(client, ocmw_member, host_member, sie_member,
                                                                   sie, auth_headers):
    candidate = b.candidate(ocmw_member, consent_organisation_ids=[sie.id])
    elsewhere, allowed = b.offer(host_member), b.offer(sie_member)
    headers = auth_headers(ocmw_member)
    refused = client.post("/api/v1/referrals", headers=headers, json={"candidate_id": candidate.id,
                                                                      "offer_id": elsewhere.id})
    assert refused.status_code == 409 and "does not cover" in refused.json["error"]["message"]
    assert db.session.query(Referral).count() == 0
    assert client.post("/api/v1/referrals", headers=headers,
                       json={"candidate_id": candidate.id, "offer_id": allowed.id}).status_code == 201


def test_the_page_flashes_the_refusal_in_the_users_language(client, login, ocmw, host_member, sie, csrf_token):
    french = factories.member(ocmw, "assistante@ocmw.test", language="fr")
    candidate = b.candidate(french, consent_organisation_ids=[sie.id])
    offer = b.offer(host_member)
    login(french)
    token = csrf_token(f"/offers/{offer.id}")
    page = client.post("/referrals", data={"csrf_token": token, "candidate_id": candidate.id, "offer_id": offer.id},
                       follow_redirects=True).get_data(as_text=True)
    assert "ne couvre pas" in page and db.session.query(Referral).count() == 0


def test_after_the_end_referrals_are_409_and_the_receiver_sees_the_candidate_withheld(
        client, ocmw_member, host_member, auth_headers):
    candidate = b.candidate(ocmw_member, consent_date=date(2026, 1, 1), consent_expires_on=today() + timedelta(days=3))
    offer = b.offer(host_member)
    referral = b.referral(ocmw_member, candidate, offer)
    seen = client.get(f"/api/v1/referrals/{referral.id}", headers=auth_headers(host_member)).json["candidate"]
    assert seen["withheld"] is False and seen["first_name"] == "Amina"
    candidate.consent_expires_on = today() - timedelta(days=1)
    db.session.commit()
    seen = client.get(f"/api/v1/referrals/{referral.id}", headers=auth_headers(host_member)).json["candidate"]
    assert seen["withheld"] is True and seen["first_name"] is None
    again = client.post("/api/v1/referrals", headers=auth_headers(ocmw_member),
                        json={"candidate_id": candidate.id, "offer_id": b.offer(host_member).id})
    assert again.status_code == 409 and "ended" in again.json["error"]["message"]


def test_renewing_widens_the_scope_and_is_kept_in_the_history(client, login, ocmw_member, host_member, host, sie,
                                                               auth_headers):
    candidate = b.candidate(ocmw_member, consent_organisation_ids=[sie.id])
    headers = auth_headers(ocmw_member)
    bad = client.post(f"/api/v1/candidates/{candidate.id}/consent", headers=headers,
                      json={"given_on": "2026-11-20", "expires_on": "2026-11-10"})
    assert bad.status_code == 422 and "consent.expires_on" in bad.json["error"]["fields"]
    response = client.post(f"/api/v1/candidates/{candidate.id}/consent", headers=headers,
                           json={"given_on": "2026-11-20", "organisation_ids": [sie.id, host.id]})
    assert response.status_code == 200, response.json
    assert response.json["consent_scope"]["organisation_ids"] == sorted([sie.id, host.id])
    client.post(f"/api/v1/candidates/{candidate.id}/consent/revoke", headers=headers)
    actions = [r.action for r in db.session.query(ConsentRecord).order_by(ConsentRecord.id)]
    assert actions == ["given", "renewed", "revoked"]
    assert db.session.query(AuditEntry).filter_by(action="candidate.consent_renewed").count() == 1
    login(ocmw_member)
    page = client.get(f"/candidates/{candidate.id}?lang=en").get_data(as_text=True)
    assert "Consent history" in page and "Consent renewed" in page and "Consent revoked" in page
    assert host.name in page and sie.name in page


@pytest.mark.parametrize("who", ["other_ocmw_member", "host_member", "admin", "participant"])
def test_no_one_but_the_owning_ocmw_renews_consent(client, request, ocmw_member, auth_headers, who):
    candidate = b.candidate(ocmw_member)
    response = client.post(f"/api/v1/candidates/{candidate.id}/consent",
                           headers=auth_headers(request.getfixturevalue(who)), json={"given_on": "2026-11-20"})
    assert response.status_code == 404
    assert db.session.query(ConsentRecord).count() == 1


def test_the_candidate_form_takes_the_scope(client, login, ocmw_member, sie, csrf_token):
    login(ocmw_member)
    token = csrf_token("/candidates/new")
    data = {"csrf_token": token, "first_name": "Lina", "last_initial": "M", "commune": "anderlecht", "consent": "y",
            "consent_date": "2026-11-01", "consent_expires_on": "2026-10-01", "consent_organisation_ids": str(sie.id)}
    refused = client.post("/candidates/new?lang=en", data=data)
    assert refused.status_code == 422 and "must end after" in refused.get_data(as_text=True)
    assert db.session.query(Candidate).count() == 0
    client.post("/candidates/new", data={**data, "consent_expires_on": "2027-11-01"})
    candidate = db.session.query(Candidate).one()
    assert candidate.consent_organisation_ids == [sie.id] and candidate.consent_expires_on == date(2027, 11, 1)


def test_the_reminder_goes_once_to_the_ocmw_30_days_before(runner, ocmw_member, mailbox):
    soon = b.candidate(ocmw_member, consent_expires_on=today() + timedelta(days=20))
    b.candidate(ocmw_member, reference="later", consent_expires_on=today() + timedelta(days=40))
    b.candidate(ocmw_member, reference="none")
    mailbox.clear()
    result = runner.invoke(args=["remind-consent"])
    assert "1 consent reminder(s) sent." in result.output
    [message] = mailbox
    assert message.envelope_recipients == [ocmw_member.email]
    body = message.get_body(("plain",)).get_content()
    assert f"/candidates/{soon.id}" in body and "Amina" not in body
    assert "0 consent reminder(s) sent." in runner.invoke(args=["remind-consent"]).output
    assert len(mailbox) == 1


def test_the_reminder_is_claimed_once_whoever_runs_it(ocmw_member):
    candidate = b.candidate(ocmw_member, consent_expires_on=today() + timedelta(days=5))
    now = b.utcnow()
    assert consent.claim_consent_reminder(candidate.id, now) is True
    assert consent.claim_consent_reminder(candidate.id, now) is False  # the second machine
    db.session.commit()
    assert consent.due_for_consent_reminder(today()) == []


def test_two_reminder_runs_at_once_mail_the_ocmw_once(app, ocmw_member, mailbox):
    from tests.races import other_run_first

    candidate = b.candidate(ocmw_member, consent_expires_on=today() + timedelta(days=10))
    mailbox.clear()

    def remind():
        return [c.id for c in consent.send_consent_reminders()]

    with other_run_first(app, "UPDATE candidates SET consent_reminder_sent_at", remind) as other:
        this = remind()
    assert other == [[candidate.id]] and this == []
    assert [m["To"] for m in mailbox] == [ocmw_member.email]
