"""Empty lists say what is going on and offer the next step — a button only to those who may
take it (docs/notes/interface.md)."""
import re

import pytest

from tests.events import helpers as event_helpers
from tests.referrals import builders as b


def empty_blocks(html):
    """The empty-state blocks of a page, as HTML."""
    return re.findall(r'<div class="empty">(.*?)</div>', html, re.S)


def the_empty_state(client, path, title):
    response = client.get(path)
    assert response.status_code == 200, path
    blocks = [block for block in empty_blocks(response.get_data(as_text=True)) if title in block]
    assert len(blocks) == 1, f"no empty state “{title}” on {path}"
    return blocks[0]


@pytest.mark.parametrize("role", ["sie_member", "host_member"])
def test_no_offers_invites_hosts_to_publish(client, login, request, role):
    login(request.getfixturevalue(role))
    block = the_empty_state(client, "/offers", "No offers yet.")
    assert 'href="/offers/new"' in block and "Publish an offer" in block


@pytest.mark.parametrize("role", [None, "participant", "ocmw_member", "partner_member"])
def test_no_offers_offers_no_publishing_to_others(client, login, request, role):
    if role:
        login(request.getfixturevalue(role))
    block = the_empty_state(client, "/offers", "No offers yet.")
    assert "/offers/new" not in block and "come back soon" in block


def test_a_search_without_result_offers_to_clear_the_filters(client, sie_member):
    b.offer(sie_member)
    block = the_empty_state(client, "/offers?q=zeppelin", "No offer matches your search.")
    assert 'href="/offers"' in block and "Clear the filters" in block
    assert "/offers/new" not in block


def test_no_study_day_invites_organisers_to_create_one(client, login, partner_member):
    login(partner_member)
    block = the_empty_state(client, "/events", "No study days are planned at the moment.")
    assert 'href="/events/new"' in block


@pytest.mark.parametrize("role", [None, "participant", "ocmw_member"])
def test_no_study_day_offers_the_calendar_to_others(client, login, request, role):
    if role:
        login(request.getfixturevalue(role))
    block = the_empty_state(client, "/events", "No study days are planned at the moment.")
    assert "/events/new" not in block and 'href="webcal://' in block
    assert the_empty_state(client, "/events", "No past study days yet.")


def test_an_agenda_to_come_invites_only_organisers_to_fill_it(client, login, partner, partner_member, participant):
    event = event_helpers.event(partner)
    login(partner_member)
    block = the_empty_state(client, f"/events/{event.id}", "The agenda follows.")
    assert f'href="/events/{event.id}/agenda"' in block
    block = the_empty_state(client, f"/events/{event.id}/agenda", "No agenda items yet.")
    assert 'href="#add-item"' in block
    login(participant)
    block = the_empty_state(client, f"/events/{event.id}", "The agenda follows.")
    assert "/agenda" not in block and "not published the programme yet" in block


def test_registrations_page_of_an_empty_day(client, login, partner, partner_member):
    event = event_helpers.event(partner)
    login(partner_member)
    block = the_empty_state(client, f"/events/{event.id}/registrations", "Nobody has registered yet.")
    assert re.search(rf'href="http://[^"]+/events/{event.id}"', block)
    assert "promoted, by mail" in the_empty_state(client, f"/events/{event.id}/registrations", "Nobody is waiting.")


def test_my_study_days_point_to_the_list(client, login, participant):
    login(participant)
    block = the_empty_state(client, "/profile", "You are not registered for any study day.")
    assert 'href="/events"' in block


def test_directory_filters_without_result_can_be_cleared(client, sie):
    block = the_empty_state(client, "/organisations?q=zeppelin", "No organisation matches these filters.")
    assert 'href="/organisations"' in block


def test_an_empty_directory_invites_visitors_only_to_register(client, login, participant):
    block = the_empty_state(client, "/organisations", "No organisation has joined the network yet.")
    assert 'href="/signup"' in block
    login(participant)
    block = the_empty_state(client, "/organisations", "No organisation has joined the network yet.")
    assert "/signup" not in block


def test_no_candidate_invites_the_ocmw_to_record_one(client, login, ocmw_member):
    login(ocmw_member)
    block = the_empty_state(client, "/candidates", "No candidate yet.")
    assert 'href="/candidates/new"' in block


def test_a_candidate_not_referred_points_to_the_offers(client, login, ocmw_member):
    candidate = b.candidate(ocmw_member)
    login(ocmw_member)
    block = the_empty_state(client, f"/candidates/{candidate.id}", "Not referred yet.")
    assert 'href="/offers"' in block


def test_an_sie_with_no_referral_is_invited_to_publish(client, login, sie_member):
    login(sie_member)
    html = client.get("/referrals").get_data(as_text=True)
    block = the_empty_state(client, "/referrals", "No open referral received.")
    assert 'href="/offers/new"' in block
    assert "Outbox: referrals sent" not in html  # an SIE sends none: no empty box for it
    assert the_empty_state(client, "/referrals", "No placement is running.")


def test_an_ocmw_with_no_referral_is_sent_to_the_offers(client, login, ocmw_member):
    login(ocmw_member)
    html = client.get("/referrals").get_data(as_text=True)
    block = the_empty_state(client, "/referrals", "No open referral sent.")
    assert 'href="/offers"' in block and "/offers/new" not in block
    assert "Inbox: referrals received" not in html


def test_an_empty_audit_log_explains_itself(client, login, ocmw_admin):
    login(ocmw_admin)
    block = the_empty_state(client, "/audit", "Nothing logged yet.")
    assert "who, what and when" in block


def test_no_membership_request_explains_where_they_come_from(client, login, ocmw, ocmw_admin):
    login(ocmw_admin)
    block = the_empty_state(client, f"/organisations/{ocmw.id}/members", "No pending request.")
    assert "OCMW Anderlecht" in block
