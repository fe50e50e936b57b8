"""The events API contract (API.md §2 "Events (study days)"): list, create, read, edit, cancel."""
from datetime import timedelta

import pytest

from portal.core.types import utcnow
from portal.events import services
from tests import factories
from tests.events import helpers

NEW_EVENT = {
    "title": "Samenwerking OCMW's en sociale inschakelingsondernemingen",
    "description": "Een studiedag over artikel 60§7.", "venue": "Brussels Parlement",
    "address": "Lombardstraat 69, 1000 Brussel", "starts_at": "2031-06-28T09:00:00+02:00",
    "ends_at": "2031-06-28T16:30:00+02:00", "capacity": 120,
    "registration_deadline": "2031-06-21T23:59:00+02:00", "language": "nl", "status": "published",
}


def post_event(client, headers, **changes):
    return client.post("/api/v1/events", json={**NEW_EVENT, **changes}, headers=headers)


def test_a_partner_member_creates_an_event_and_gets_it_as_get_answers(client, partner_member, partner,
                                                                       federation, auth_headers):
    headers = auth_headers(partner_member)
    response = post_event(client, headers, co_organiser_ids=[federation.id])
    assert response.status_code == 201
    body = response.get_json()
    assert body == client.get(f"/api/v1/events/{body['id']}").get_json()
    assert body["organiser"] == {"id": partner.id, "name": partner.name, "type": "partner"}
    assert body["co_organiser_ids"] == [federation.id]
    assert body["starts_at"] == "2031-06-28T09:00:00+02:00"
    assert body["seats"] == {"capacity": 120, "confirmed": 0, "waitlisted": 0, "left": 120}
    assert body["agenda"] == []


def test_input_in_another_offset_comes_back_in_brussels_time(client, moderator, auth_headers):
    response = post_event(client, auth_headers(moderator), starts_at="2031-01-10T08:00:00Z",
                          ends_at="2031-01-10T12:00:00Z", registration_deadline="2031-01-09T12:00:00Z")
    assert response.status_code == 201
    assert response.get_json()["starts_at"] == "2031-01-10T09:00:00+01:00"


def test_an_admin_without_organisation_creates_an_event(client, admin, auth_headers):
    response = post_event(client, auth_headers(admin))
    assert response.status_code == 201
    assert response.get_json()["organiser"] is None


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "host_member", "participant"])
def test_roles_that_cannot_create_events(client, auth_headers, request, role):
    response = post_event(client, auth_headers(request.getfixturevalue(role)))
    assert response.status_code == 403


def test_anonymous_cannot_create_events(client):
    assert post_event(client, {}).status_code == 401


def test_a_member_of_a_pending_partner_cannot_create_events(client, auth_headers):
    pending = factories.organisation("New partner", "partner", status="pending")
    assert post_event(client, auth_headers(factories.member(pending, "p@new.test"))).status_code == 403


@pytest.mark.parametrize("changes,field", [
    ({"ends_at": "2031-06-28T08:00:00+02:00"}, "ends_at"),
    ({"capacity": 0}, "capacity"),
    ({"capacity": "ten"}, "capacity"),
    ({"registration_deadline": "2031-06-29T09:00:00+02:00"}, "registration_deadline"),
    ({"language": "xx"}, "language"),
    ({"status": "open"}, "status"),
    ({"title": "x" * 201}, "title"),
    ({"description": "x" * 10_001}, "description"),
    ({"starts_at": "28/06/2031 9h"}, "starts_at"),
    ({"title": ""}, "title"),
    ({"organiser_id": 1}, "organiser_id"),
    ({"seats_taken": 0}, "seats_taken"),
    ({"co_organiser_ids": "1,2"}, "co_organiser_ids"),
    ({"co_organiser_ids": [999]}, "co_organiser_ids"),
    ({"status": "cancelled"}, "status"),
])
def test_bad_input_is_422_naming_the_field(client, partner_member, auth_headers, changes, field):
    response = post_event(client, auth_headers(partner_member), **changes)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_malformed_json_is_400(client, partner_member, auth_headers):
    response = client.post("/api/v1/events", data="{nope", headers={**auth_headers(partner_member),
                                                                   "Content-Type": "application/json"})
    assert response.status_code == 400


def test_list_shows_published_and_cancelled_by_start_not_drafts_or_past(client, partner):
    later = helpers.event(partner, days_ahead=20)
    sooner = helpers.event(partner, days_ahead=5, status="cancelled")
    helpers.event(partner, status="draft")
    helpers.event(partner, days_ahead=-5, registration_deadline=utcnow() - timedelta(days=6))
    body = client.get("/api/v1/events").get_json()
    assert [item["id"] for item in body["items"]] == [sooner.id, later.id]
    assert body["items"][0]["status"] == "cancelled"
    assert body["total"] == 2 and body["page"] == 1


def test_list_filters_by_dates_and_organiser(client, partner, federation):
    mine = helpers.event(partner, days_ahead=5)
    theirs = helpers.event(federation, days_ahead=40)
    day = lambda e: e.starts_at.date().isoformat()  # noqa: E731
    ids = lambda query: [i["id"] for i in client.get(f"/api/v1/events?{query}").get_json()["items"]]  # noqa: E731
    assert ids(f"from={day(theirs)}") == [theirs.id]
    assert ids(f"to={day(mine)}") == [mine.id]
    assert ids(f"organiser_id={federation.id}") == [theirs.id]
    co_organised = helpers.event(partner, co_organisers=[federation], days_ahead=60)
    assert ids(f"organiser_id={federation.id}") == [theirs.id, co_organised.id]


@pytest.mark.parametrize("query,field", [("from=2023-13-01", "from"), ("to=tomorrow", "to"),
                                         ("organiser_id=abc", "organiser_id"), ("from=2024-01-02&to=2024-01-01", "to"),
                                         ("per_page=1000", "per_page")])
def test_bad_list_arguments_are_422(client, query, field):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_get_one_has_the_agenda_in_order_and_the_seats(client, partner):
    event = helpers.event(partner, capacity=1)
    helpers.agenda_item(event, 60, title="Later", kind="talk")
    helpers.agenda_item(event, 0, title="First")
    services.register(helpers.people(1, "a")[0], event.id)
    services.register(helpers.people(1, "b")[0], event.id)
    body = client.get(f"/api/v1/events/{event.id}").get_json()
    assert [item["title"] for item in body["agenda"]] == ["First", "Later"]
    assert body["seats"] == {"capacity": 1, "confirmed": 1, "waitlisted": 1, "left": 0}


def test_a_draft_is_404_to_others_and_visible_to_its_organisers(client, partner, partner_member, moderator,
                                                                auth_headers):
    draft = helpers.event(partner, status="draft")
    assert client.get(f"/api/v1/events/{draft.id}").status_code == 404
    assert client.get(f"/api/v1/events/{draft.id}", headers=auth_headers(moderator)).status_code == 404
    assert client.get(f"/api/v1/events/{draft.id}", headers=auth_headers(partner_member)).status_code == 200


def test_organisers_and_co_organisers_patch_and_sequence_rises(client, partner, partner_member, federation,
                                                               moderator, auth_headers):
    event = helpers.event(partner, co_organisers=[federation])
    for person, title in ((partner_member, "Eerste"), (moderator, "Tweede")):
        response = client.patch(f"/api/v1/events/{event.id}", json={"title": title}, headers=auth_headers(person))
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["title"] == title
    assert event.sequence == 2


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "participant", "moderator"])
def test_people_who_do_not_organise_cannot_patch_or_cancel(client, partner, auth_headers, request, role):
    event = helpers.event(partner)  # the moderator's federation does not co-organise it
    headers = auth_headers(request.getfixturevalue(role))
    assert client.patch(f"/api/v1/events/{event.id}", json={"title": "x"}, headers=headers).status_code == 403
    assert client.post(f"/api/v1/events/{event.id}/cancel", headers=headers).status_code == 403


def test_anonymous_cannot_patch_or_cancel(client, partner):
    event = helpers.event(partner)
    assert client.patch(f"/api/v1/events/{event.id}", json={"title": "x"}).status_code == 401
    assert client.post(f"/api/v1/events/{event.id}/cancel").status_code == 401


def test_patch_refuses_bad_values_and_capacity_below_confirmed(client, partner, partner_member, auth_headers):
    event = helpers.event(partner, capacity=2)
    services.register(helpers.people(1)[0], event.id)
    services.register(helpers.people(1, "b")[0], event.id)
    headers = auth_headers(partner_member)
    for payload, field in (({"capacity": 1}, "capacity"), ({"ends_at": "2000-01-01T00:00:00+01:00"}, "ends_at"),
                           ({"id": 5}, "id")):
        response = client.patch(f"/api/v1/events/{event.id}", json=payload, headers=headers)
        assert response.status_code == 422
        assert field in response.get_json()["error"]["fields"]


def test_raising_capacity_promotes_the_waiting_list(client, partner, partner_member, auth_headers, mailbox):
    event = helpers.event(partner, capacity=1)
    holder, waiting = helpers.people(2)
    services.register(holder, event.id)
    services.register(waiting, event.id)
    response = client.patch(f"/api/v1/events/{event.id}", json={"capacity": 2}, headers=auth_headers(partner_member))
    assert response.get_json()["seats"] == {"capacity": 2, "confirmed": 2, "waitlisted": 0, "left": 0}
    assert waiting.email in mailbox[-1]["To"]


def test_cancel_keeps_the_event_listed_and_mails_registrants(client, partner, partner_member, auth_headers, mailbox):
    event = helpers.event(partner)
    person = helpers.people(1)[0]
    services.register(person, event.id)
    mailbox.clear()
    response = client.post(f"/api/v1/events/{event.id}/cancel", headers=auth_headers(partner_member))
    assert response.status_code == 200
    assert response.get_json()["status"] == "cancelled"
    assert [i["status"] for i in client.get("/api/v1/events").get_json()["items"]] == ["cancelled"]
    [message] = mailbox
    assert message["To"] == person.email
    assert any(part.get_param("method") == "CANCEL" for part in message.iter_attachments())
    assert client.post(f"/api/v1/events/{event.id}/cancel", headers=auth_headers(partner_member)).status_code == 409


def test_openapi_fragment_describes_every_events_route(app):
    import re

    from portal.events.api import OPENAPI_PATHS

    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/events"):
            path = re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule)
            documented = {method.upper() for method in OPENAPI_PATHS[path]}
            assert rule.methods - {"HEAD", "OPTIONS"} <= documented, path
