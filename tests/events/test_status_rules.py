"""Status moves of an event and who may make them."""
import pytest

from portal.core.errors import Conflict, Forbidden
from portal.events import services
from tests.events import helpers


@pytest.mark.parametrize("start,target", [("published", "draft"), ("cancelled", "published"),
                                          ("cancelled", "draft")])
def test_impossible_status_moves_are_conflicts(partner, partner_member, start, target):
    event = helpers.event(partner, status=start)
    with pytest.raises(Conflict):
        services.update_event(partner_member, event.id, {"status": target})


def test_publishing_a_draft_and_cancelling_through_an_edit(partner, partner_member, participant, mailbox):
    from portal.events import services

    event = helpers.event(partner, status="draft")
    services.update_event(partner_member, event.id, {"status": "published"})
    services.register(participant, event.id)
    mailbox.clear()
    services.update_event(partner_member, event.id, {"status": "cancelled"})
    assert event.status == "cancelled" and event.cancelled_at is not None
    assert [m["To"] for m in mailbox] == [participant.email]


def test_patch_status_move_via_api_is_409(client, partner, partner_member, auth_headers):
    event = helpers.event(partner)
    response = client.patch(f"/api/v1/events/{event.id}", json={"status": "draft"},
                            headers=auth_headers(partner_member))
    assert response.status_code == 409


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "participant", "moderator"])
def test_services_refuse_non_organisers_too(partner, request, role):
    """The rule lives in the service, not only in the routes."""
    event = helpers.event(partner)
    person = request.getfixturevalue(role)
    with pytest.raises(Forbidden):
        services.update_event(person, event.id, {"title": "x"})
    with pytest.raises(Forbidden):
        services.cancel_event(person, event.id)
    with pytest.raises(Forbidden):
        services.message_registrants(person, event.id, "s", "b")


def test_a_member_of_an_ocmw_cannot_create_events_even_through_the_service(ocmw_member):
    with pytest.raises(Forbidden):
        services.create_event(ocmw_member, {})
