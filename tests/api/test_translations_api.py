"""`translations` in the API (API.md §6.2): events, agenda items, offers and organisations take
their other language versions on POST and PATCH, merged per language and per field, and give
them back whole on GET (`{}` when none). Old clients that never send it keep working."""
import pytest

from tests.api.test_events_api import NEW_EVENT
from tests.api.test_offers_api import NEW as NEW_OFFER
from tests.events import helpers
from tests.referrals import builders as b

FR_EVENT = {"title": "Collaboration CPAS et entreprises d'insertion", "description": "Une journée d'étude.",
            "venue": "Parlement bruxellois"}


def test_an_event_is_created_with_its_french_version_and_read_back_whole(client, moderator, auth_headers):
    response = client.post("/api/v1/events", json={**NEW_EVENT, "translations": {"fr": FR_EVENT}},
                           headers=auth_headers(moderator))
    assert response.status_code == 201, response.json
    body = response.get_json()
    assert body["translations"] == {"fr": FR_EVENT}
    assert body["title"] == NEW_EVENT["title"]  # the plain fields stay in the event's language
    assert client.get(f"/api/v1/events/{body['id']}").get_json()["translations"] == {"fr": FR_EVENT}


def test_an_event_without_translations_answers_an_empty_object(client, moderator, auth_headers):
    body = client.post("/api/v1/events", json=NEW_EVENT, headers=auth_headers(moderator)).get_json()
    assert body["translations"] == {}


def test_patch_merges_per_language_and_per_field_and_null_removes(client, moderator, federation, auth_headers):
    event = helpers.event(organiser=federation, translations={"fr": dict(FR_EVENT), "en": {"title": "Cooperation"}})
    headers = auth_headers(moderator)
    url = f"/api/v1/events/{event.id}"
    body = client.patch(url, json={"translations": {"fr": {"venue": "Hémicycle"}}}, headers=headers).get_json()
    assert body["translations"]["fr"] == {**FR_EVENT, "venue": "Hémicycle"}
    assert body["translations"]["en"] == {"title": "Cooperation"}
    body = client.patch(url, json={"translations": {"fr": {"description": None}}}, headers=headers).get_json()
    assert "description" not in body["translations"]["fr"]
    body = client.patch(url, json={"translations": {"en": None}}, headers=headers).get_json()
    assert set(body["translations"]) == {"fr"}
    body = client.patch(url, json={"title": "Nieuwe titel"}, headers=headers).get_json()  # an old client
    assert body["translations"]["fr"]["title"] == FR_EVENT["title"]


@pytest.mark.parametrize("translations, field", [
    ({"nl": {"title": "Zelfde taal"}}, "translations.nl"),
    ({"de": {"title": "Deutsch"}}, "translations.de"),
    ({"fr": {"title": "x" * 201}}, "translations.fr.title"),
    ({"fr": {"description": "x" * 10_001}}, "translations.fr.description"),
    ({"fr": {"title": "nul\x00"}}, "translations.fr.title"),
    ({"fr": {"title": 5}}, "translations.fr.title"),
    ({"fr": {"address": "Rue de la Loi"}}, "translations.fr.address"),
    ({"fr": "Titre"}, "translations.fr"),
    ("fr", "translations"),
])
def test_bad_translations_are_422_naming_the_place(client, moderator, auth_headers, translations, field):
    response = client.post("/api/v1/events", json={**NEW_EVENT, "translations": translations},
                           headers=auth_headers(moderator))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_changing_the_language_to_one_that_has_a_translation_is_422(client, moderator, federation, auth_headers):
    event = helpers.event(organiser=federation, translations={"fr": {"title": "Titre"}})
    response = client.patch(f"/api/v1/events/{event.id}", json={"language": "fr"}, headers=auth_headers(moderator))
    assert response.status_code == 422
    assert "translations.fr" in response.get_json()["error"]["fields"]
    # sent together with the removal of that version, the change is fine
    response = client.patch(f"/api/v1/events/{event.id}", json={"language": "fr", "translations": {"fr": None}},
                            headers=auth_headers(moderator))
    assert response.status_code == 200 and response.get_json()["translations"] == {}


def test_agenda_items_take_title_description_and_speaker_roles(client, moderator, federation, auth_headers):
    event = helpers.event(organiser=federation)
    payload = {"starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat(), "title": "Welkom",
               "kind": "welcome", "speakers": [{"name": "An Peeters", "role": "directeur"}],
               "translations": {"fr": {"title": "Accueil", "description": "Café", "speaker_roles": ["directrice"]}}}
    headers = auth_headers(moderator)
    response = client.post(f"/api/v1/events/{event.id}/agenda", json=payload, headers=headers)
    assert response.status_code == 201, response.json
    item = response.get_json()
    assert item["translations"]["fr"]["speaker_roles"] == ["directrice"]
    url = f"/api/v1/events/{event.id}/agenda/{item['id']}"
    item = client.patch(url, json={"translations": {"fr": {"description": None}}}, headers=headers).get_json()
    assert item["translations"] == {"fr": {"title": "Accueil", "speaker_roles": ["directrice"]}}
    assert client.get(f"/api/v1/events/{event.id}").get_json()["agenda"][0]["translations"] == item["translations"]
    bad = client.patch(url, json={"translations": {"nl": {"title": "Welkom"}}}, headers=headers)
    assert bad.status_code == 422


def test_offers_gain_a_language_and_translations(client, sie_member, auth_headers):
    headers = auth_headers(sie_member)
    response = client.post("/api/v1/offers", json={**NEW_OFFER, "translations": {
        "fr": {"title": "Aide-cuisine", "description": "Aide en cuisine."}}}, headers=headers)
    assert response.status_code == 201, response.json
    body = response.get_json()
    assert body["language"] == "nl"  # the default: what every offer was written in so far
    assert body["translations"] == {"fr": {"title": "Aide-cuisine", "description": "Aide en cuisine."}}
    patched = client.patch(f"/api/v1/offers/{body['id']}", json={"translations": {"en": {"title": "Kitchen help"}}},
                           headers=headers).get_json()
    assert set(patched["translations"]) == {"fr", "en"}
    refused = client.patch(f"/api/v1/offers/{body['id']}", json={"language": "fr"}, headers=headers)
    assert refused.status_code == 422


def test_an_offer_written_in_french_refuses_a_french_translation(client, sie_member, auth_headers):
    response = client.post("/api/v1/offers", json={**NEW_OFFER, "language": "fr",
                                                   "translations": {"fr": {"title": "Aide"}}},
                           headers=auth_headers(sie_member))
    assert response.status_code == 422


def test_offer_translations_refuse_over_long_text(client, sie_member, auth_headers):
    offer = b.offer(sie_member)
    response = client.patch(f"/api/v1/offers/{offer.id}", json={"translations": {"fr": {"title": "x" * 201}}},
                            headers=auth_headers(sie_member))
    assert response.status_code == 422
    assert "translations.fr.title" in response.get_json()["error"]["fields"]


def test_an_organisation_admin_writes_description_language_and_translations(client, sie, sie_admin, auth_headers):
    url = f"/api/v1/organisations/{sie.id}"
    response = client.patch(url, json={"description": "Wij bieden werk.", "language": "nl",
                                       "translations": {"fr": {"description": "Nous offrons du travail."}}},
                            headers=auth_headers(sie_admin))
    assert response.status_code == 200, response.json
    body = response.get_json()
    assert body["translations"] == {"fr": {"description": "Nous offrons du travail."}}
    assert client.get(url).get_json()["translations"] == body["translations"]
    body = client.patch(url, json={"translations": {"fr": None}}, headers=auth_headers(sie_admin)).get_json()
    assert body["translations"] == {}


@pytest.mark.parametrize("who, status", [("sie_member", 403), ("host_member", 403), ("participant", 403)])
def test_others_cannot_write_an_organisations_translations(client, sie, request, auth_headers, who, status):
    user = request.getfixturevalue(who)
    response = client.patch(f"/api/v1/organisations/{sie.id}",
                            json={"translations": {"fr": {"description": "Piraté"}}}, headers=auth_headers(user))
    assert response.status_code in (status, 404)
    assert client.get(f"/api/v1/organisations/{sie.id}").get_json()["translations"] == {}


def test_organisation_translation_in_its_own_language_is_422(client, sie, sie_admin, auth_headers):
    response = client.patch(f"/api/v1/organisations/{sie.id}", json={"translations": {"nl": {"description": "x"}}},
                            headers=auth_headers(sie_admin))
    assert response.status_code == 422
