"""Notes reach people (API.md §6.4): a note mails the other party's members in their language,
with a link and no candidate field; the page shows moves and notes as one conversation."""
from datetime import date

import pytest

from tests import factories
from tests.referrals import builders as b


@pytest.fixture
def referral(ocmw_member, host_member):
    return b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))


def test_a_note_mails_the_other_party_in_its_language_without_candidate_fields(
        client, referral, ocmw, ocmw_member, host_member, auth_headers, mailbox):
    colleague = factories.member(ocmw, "collegue@ocmw.test", language="fr")
    mailbox.clear()
    response = client.post(f"/api/v1/referrals/{referral.id}/notes", headers=auth_headers(host_member),
                           json={"on": "2026-11-30", "text": "Amina came on time; second meeting on Friday."})
    assert response.status_code == 201
    recipients = sorted(address for message in mailbox for address in message.envelope_recipients)
    assert recipients == sorted([ocmw_member.email, colleague.email])  # the other side only
    french = next(m for m in mailbox if colleague.email in m["To"])
    assert french["Subject"].startswith("Nouvelle note")
    for message in mailbox:
        body = message.get_body(("plain",)).get_content()
        assert f"/referrals/{referral.id}" in body
        for secret in ("Amina", "DOS-2026-001", "1990", "second meeting"):  # nothing of the person, nor the text
            assert secret not in body and secret not in message["Subject"]


def test_a_note_of_the_ocmw_mails_the_host(client, referral, ocmw_member, host_member, auth_headers, mailbox):
    mailbox.clear()
    client.post(f"/api/v1/referrals/{referral.id}/notes", headers=auth_headers(ocmw_member),
                json={"on": "2026-11-30", "text": "Call me"})
    assert [m.envelope_recipients for m in mailbox] == [[host_member.email]]


@pytest.mark.parametrize("who", ["other_ocmw_member", "sie_member", "admin", "participant"])
def test_no_one_else_adds_a_note_or_is_mailed(client, request, referral, auth_headers, mailbox, who):
    mailbox.clear()
    response = client.post(f"/api/v1/referrals/{referral.id}/notes",
                           headers=auth_headers(request.getfixturevalue(who)), json={"on": "2026-11-30", "text": "x"})
    assert response.status_code == 404 and not mailbox


def test_a_bad_note_is_422_and_mails_no_one(client, referral, host_member, auth_headers, mailbox):
    mailbox.clear()
    response = client.post(f"/api/v1/referrals/{referral.id}/notes", headers=auth_headers(host_member),
                           json={"on": "2026-11-30", "text": ""})
    assert response.status_code == 422 and not mailbox


def test_the_page_shows_moves_and_notes_as_one_conversation(client, login, referral, ocmw_member, host_member):
    from portal.referrals import services

    b.move(host_member, referral, "in_review", comment="Looking at it")
    services.add_note(ocmw_member, referral.id, {"on": date(2026, 11, 30), "text": "She has a bike."})
    b.move(host_member, referral, "accepted", comment="Welcome")
    login(ocmw_member)
    page = client.get(f"/referrals/{referral.id}?lang=en").get_data(as_text=True)
    assert "Conversation" in page
    order = [page.index(text) for text in ("A motivated candidate.", "Looking at it", "She has a bike.", "Welcome")]
    assert order == sorted(order)
