"""API contract of the agenda and of registrations."""
from datetime import timedelta

import pytest

from portal.core.types import utcnow
from portal.events import services
from tests.events import helpers

SPEAKERS = [{"name": "Sébastien Avanzo", "role": "analist", "organisation": "View.Brussels"}]


def item_payload(event, **changes):
    start = event.starts_at + timedelta(minutes=30)
    payload = {"starts_at": start.isoformat(), "ends_at": (start + timedelta(minutes=20)).isoformat(),
               "title": "De waarde van een artikel 60§7 traject", "kind": "talk", "description": "",
               "speakers": SPEAKERS, "moderators": []}
    payload.update(changes)
    return payload


def test_organisers_add_edit_and_delete_agenda_items(client, partner, partner_member, auth_headers):
    event = helpers.event(partner)
    headers = auth_headers(partner_member)
    response = client.post(f"/api/v1/events/{event.id}/agenda", json=item_payload(event), headers=headers)
    assert response.status_code == 201
    item = response.get_json()
    assert item["speakers"] == SPEAKERS and item["kind"] == "talk"
    response = client.patch(f"/api/v1/events/{event.id}/agenda/{item['id']}",
                            json={"moderators": [{"name": "Tatiana Vial", "role": "directeur",
                                                  "organisation": "FeBISP"}], "kind": "panel"}, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["kind"] == "panel" and response.get_json()["speakers"] == SPEAKERS
    assert client.get(f"/api/v1/events/{event.id}").get_json()["agenda"][0]["moderators"][0]["name"] == "Tatiana Vial"
    assert client.delete(f"/api/v1/events/{event.id}/agenda/{item['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/events/{event.id}").get_json()["agenda"] == []
    assert event.sequence == 3


@pytest.mark.parametrize("changes,field", [
    ({"kind": "keynote"}, "kind"),
    ({"speakers": [{"role": "analist"}]}, "speakers.0.name"),
    ({"speakers": [{"name": "x" * 201}]}, "speakers.0.name"),
    ({"speakers": [{"name": "A", "email": "a@b"}]}, "speakers.0.email"),
    ({"speakers": "Sébastien"}, "speakers"),
    ({"moderators": [{"name": 5}]}, "moderators.0.name"),
    ({"title": "x" * 201}, "title"),
    ({"ends_at": "nonsense"}, "ends_at"),
    ({"starts_at": "2000-01-01T09:00:00+01:00", "ends_at": "2000-01-01T10:00:00+01:00"}, "starts_at"),
])
def test_bad_agenda_items_are_422_naming_the_field(client, partner, partner_member, auth_headers, changes, field):
    event = helpers.event(partner)
    response = client.post(f"/api/v1/events/{event.id}/agenda", json=item_payload(event, **changes),
                           headers=auth_headers(partner_member))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_an_item_ending_before_it_starts_is_422(client, partner, partner_member, auth_headers):
    event = helpers.event(partner)
    payload = item_payload(event, ends_at=event.starts_at.isoformat())
    response = client.post(f"/api/v1/events/{event.id}/agenda", json=payload, headers=auth_headers(partner_member))
    assert "ends_at" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "participant", "moderator"])
def test_non_organisers_cannot_touch_the_agenda(client, partner, auth_headers, request, role):
    event = helpers.event(partner)
    item = helpers.agenda_item(event)
    headers = auth_headers(request.getfixturevalue(role))
    response = client.post(f"/api/v1/events/{event.id}/agenda", json=item_payload(event), headers=headers)
    assert response.status_code == 403
    assert client.patch(f"/api/v1/events/{event.id}/agenda/{item.id}", json={"title": "x"},
                        headers=headers).status_code == 403
    assert client.delete(f"/api/v1/events/{event.id}/agenda/{item.id}", headers=headers).status_code == 403


def test_an_item_of_another_event_is_404(client, partner, partner_member, auth_headers):
    event, other = helpers.event(partner), helpers.event(partner)
    item = helpers.agenda_item(other)
    assert client.delete(f"/api/v1/events/{event.id}/agenda/{item.id}",
                         headers=auth_headers(partner_member)).status_code == 404


def test_register_confirmed_then_waitlisted_with_position(client, partner, auth_headers):
    event = helpers.event(partner, capacity=1)
    first, second = helpers.people(2)
    response = client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(first))
    assert response.status_code == 201
    assert response.get_json()["status"] == "confirmed"
    assert response.get_json()["calendar_feed_url"].startswith("http://localhost/calendar/")
    response = client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(second))
    assert response.status_code == 201
    assert (response.get_json()["status"], response.get_json()["waitlist_position"]) == ("waitlisted", 1)


def test_register_twice_is_409_and_after_deadline_or_cancelled_422(client, partner, participant, auth_headers):
    headers = auth_headers(participant)
    event = helpers.event(partner)
    assert client.post(f"/api/v1/events/{event.id}/registrations", headers=headers).status_code == 201
    assert client.post(f"/api/v1/events/{event.id}/registrations", headers=headers).status_code == 409
    closed = helpers.event(partner, registration_deadline=utcnow() - timedelta(hours=1))
    assert client.post(f"/api/v1/events/{closed.id}/registrations", headers=headers).status_code == 422
    cancelled = helpers.event(partner, status="cancelled")
    assert client.post(f"/api/v1/events/{cancelled.id}/registrations", headers=headers).status_code == 422


def test_register_needs_a_token_or_a_guest_and_a_visible_event(client, partner, participant, auth_headers):
    event = helpers.event(partner)
    # Without a token the body is a guest's (API.md §6.3): name and e-mail are then required.
    response = client.post(f"/api/v1/events/{event.id}/registrations")
    assert response.status_code == 422 and {"name", "email"} <= set(response.get_json()["error"]["fields"])
    draft = helpers.event(partner, status="draft")
    assert client.post(f"/api/v1/events/{draft.id}/registrations",
                       headers=auth_headers(participant)).status_code == 404


def test_delete_me_promotes_the_first_in_line_who_is_mailed(client, partner, auth_headers, mailbox):
    event = helpers.event(partner, capacity=1)
    holder, waiting = helpers.people(2)
    services.register(holder, event.id)
    services.register(waiting, event.id)
    mailbox.clear()
    response = client.delete(f"/api/v1/events/{event.id}/registrations/me", headers=auth_headers(holder))
    assert response.status_code == 204
    assert {m["To"] for m in mailbox} == {holder.email, waiting.email}
    assert client.get(f"/api/v1/events/{event.id}").get_json()["seats"]["confirmed"] == 1
    again = client.delete(f"/api/v1/events/{event.id}/registrations/me", headers=auth_headers(holder))
    assert again.status_code == 404


def test_organisers_list_registrations_with_positions(client, partner, partner_member, auth_headers):
    event = helpers.event(partner, capacity=1)
    people = helpers.people(3)
    for person in people:
        services.register(person, event.id)
    body = client.get(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(partner_member)).get_json()
    assert body["total"] == 3
    rows = [(r["user"]["email"], r["status"], r["waitlist_position"]) for r in body["items"]]
    assert rows == [(people[0].email, "confirmed", None), (people[1].email, "waitlisted", 1),
                    (people[2].email, "waitlisted", 2)]
    assert set(body["items"][0]) == {"id", "user", "status", "waitlist_position", "registered_at",
                                     "organisation", "organisation_name", "answers", "checked_in_at", "guest"}


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "participant", "moderator"])
def test_only_organisers_list_registrations(client, partner, auth_headers, request, role):
    event = helpers.event(partner)
    headers = auth_headers(request.getfixturevalue(role))
    response = client.get(f"/api/v1/events/{event.id}/registrations", headers=headers)
    assert response.status_code == 403


def test_anonymous_cannot_list_registrations(client, partner):
    assert client.get(f"/api/v1/events/{helpers.event(partner).id}/registrations").status_code == 401
