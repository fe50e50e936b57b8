"""Organisation ids given to the events API are checked before any query (found by schemathesis:
a huge id in `co_organiser_ids` or `organiser_id` was a 500, SQLite's OverflowError)."""
from tests.events import helpers


def test_a_huge_co_organiser_id_is_422(client, moderator, federation, auth_headers):
    event = helpers.event(organiser=federation)
    response = client.patch(f"/api/v1/events/{event.id}", json={"co_organiser_ids": [10**20]},
                            headers=auth_headers(moderator))
    assert response.status_code == 422
    assert "co_organiser_ids" in response.json["error"]["fields"]


def test_a_negative_co_organiser_id_is_422(client, moderator, federation, auth_headers):
    event = helpers.event(organiser=federation)
    response = client.patch(f"/api/v1/events/{event.id}", json={"co_organiser_ids": [-1]},
                            headers=auth_headers(moderator))
    assert response.status_code == 422


def test_a_huge_organiser_filter_is_422(client):
    response = client.get("/api/v1/events", query_string={"organiser_id": "9" * 25})
    assert response.status_code == 422
    assert "organiser_id" in response.json["error"]["fields"]
