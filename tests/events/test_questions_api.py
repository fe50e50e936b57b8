"""Registration questions through the API (API.md §6.3): who writes them, and the answers' rules."""
import pytest

from portal.events.models import Registration
from portal.events.models_study_day import RegistrationQuestion
from portal.extensions import db
from tests import factories
from tests.events import helpers

DIET = {"label": "Dieetwensen", "translations": {"fr": {"label": "Régime alimentaire"}}, "kind": "text",
        "required": False}
WORKSHOP = {"label": "Workshop", "kind": "choice", "options": ["Recht", "Praktijk"], "required": True}
TOPICS = {"label": "Onderwerpen", "kind": "multiple", "options": ["Taal", "Mobiliteit", "Jobcoaching"],
          "required": False}
PHOTOS = {"label": "Ik ga akkoord met foto's", "kind": "checkbox", "required": True}


def add(client, event, headers, payload):
    response = client.post(f"/api/v1/events/{event.id}/questions", json=payload, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def asked(client, partner, partner_member, auth_headers):
    """An event with the four kinds of question, and their ids."""
    event = helpers.event(partner, capacity=1)
    headers = auth_headers(partner_member)
    ids = {name: add(client, event, headers, payload)["id"]
           for name, payload in (("diet", DIET), ("workshop", WORKSHOP), ("topics", TOPICS), ("photos", PHOTOS))}
    return event, ids


def test_organisers_add_read_edit_and_delete_questions(client, partner, partner_member, auth_headers):
    event = helpers.event(partner)
    headers = auth_headers(partner_member)
    created = add(client, event, headers, WORKSHOP)
    assert created == {"id": created["id"], "position": 1, "label": "Workshop", "translations": {},
                       "kind": "choice", "options": ["Recht", "Praktijk"], "required": True}
    add(client, event, headers, DIET)
    listed = client.get(f"/api/v1/events/{event.id}/questions").get_json()
    assert [q["label"] for q in listed["items"]] == ["Workshop", "Dieetwensen"] and listed["total"] == 2
    assert listed["items"][1]["translations"] == {"fr": {"label": "Régime alimentaire"}}
    response = client.patch(f"/api/v1/events/{event.id}/questions/{created['id']}",
                            json={"options": ["Recht", "Praktijk", "Beleid"], "required": False}, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["options"] == ["Recht", "Praktijk", "Beleid"]
    assert response.get_json()["required"] is False and response.get_json()["label"] == "Workshop"
    assert client.delete(f"/api/v1/events/{event.id}/questions/{created['id']}", headers=headers).status_code == 204
    assert [q["label"] for q in client.get(f"/api/v1/events/{event.id}/questions").get_json()["items"]] == [
        "Dieetwensen"]


@pytest.mark.parametrize("payload,field", [
    ({**WORKSHOP, "kind": "dropdown"}, "kind"),
    ({**WORKSHOP, "options": []}, "options"),
    ({**WORKSHOP, "options": ["A", "A"]}, "options"),
    ({**WORKSHOP, "options": "Recht"}, "options"),
    ({**DIET, "options": ["A"]}, "options"),
    ({**DIET, "label": ""}, "label"),
    ({**DIET, "label": "x" * 201}, "label"),
    ({**DIET, "required": "yes"}, "required"),
    ({**DIET, "translations": {"nl": {"label": "Dieet"}}}, "translations.nl"),
    ({**DIET, "translations": {"de": {"label": "Diät"}}}, "translations.de"),
    ({**DIET, "translations": {"fr": {"title": "Régime"}}}, "translations.fr"),
    ({**DIET, "event_id": 1}, "event_id"),
])
def test_bad_questions_are_422_naming_the_field_and_store_nothing(client, partner, partner_member, auth_headers,
                                                                 payload, field):
    event = helpers.event(partner)
    response = client.post(f"/api/v1/events/{event.id}/questions", json=payload,
                           headers=auth_headers(partner_member))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert db.session.execute(db.select(RegistrationQuestion)).first() is None


@pytest.mark.parametrize("role,status", [("participant", 403), ("ocmw_member", 403), ("other_partner", 403),
                                         ("anonymous", 401)])
def test_only_organisers_write_questions(client, partner, auth_headers, request, role, status):
    event = helpers.event(partner)
    if role == "other_partner":
        other = factories.organisation("Ander partnerschap", "partner")
        headers = auth_headers(factories.member(other, "other@example.test"))
    elif role == "anonymous":
        headers = {}
    else:
        headers = auth_headers(request.getfixturevalue(role))
    assert client.post(f"/api/v1/events/{event.id}/questions", json=DIET, headers=headers).status_code == status
    question = RegistrationQuestion(event_id=event.id, label="Dieet", kind="text", options=[], translations={})
    db.session.add(question)
    db.session.commit()
    path = f"/api/v1/events/{event.id}/questions/{question.id}"
    assert client.patch(path, json={"label": "X"}, headers=headers).status_code == status
    assert client.delete(path, headers=headers).status_code == status
    assert db.session.get(RegistrationQuestion, question.id).label == "Dieet"


def test_a_question_of_another_event_is_404(client, partner, partner_member, auth_headers):
    headers = auth_headers(partner_member)
    one, two = helpers.event(partner), helpers.event(partner)
    question = add(client, one, headers, DIET)
    assert client.patch(f"/api/v1/events/{two.id}/questions/{question['id']}", json={"label": "X"},
                        headers=headers).status_code == 404
    assert client.delete(f"/api/v1/events/{two.id}/questions/{question['id']}", headers=headers).status_code == 404


def test_questions_of_a_draft_are_hidden_from_others(client, partner, participant, auth_headers):
    event = helpers.event(partner, status="draft")
    assert client.get(f"/api/v1/events/{event.id}/questions").status_code == 404
    assert client.get(f"/api/v1/events/{event.id}/questions",
                      headers=auth_headers(participant)).status_code == 404


def test_answers_are_stored_and_listed_with_the_organisation(client, asked, ocmw_member, partner_member,
                                                             auth_headers):
    event, ids = asked
    answers = {str(ids["diet"]): "  vegetarisch ", str(ids["workshop"]): "Recht",
               str(ids["topics"]): ["Jobcoaching", "Taal"], str(ids["photos"]): True}
    response = client.post(f"/api/v1/events/{event.id}/registrations", json={"answers": answers},
                           headers=auth_headers(ocmw_member))
    assert response.status_code == 201
    row = client.get(f"/api/v1/events/{event.id}/registrations",
                     headers=auth_headers(partner_member)).get_json()["items"][0]
    assert row["answers"] == {str(ids["diet"]): "vegetarisch", str(ids["workshop"]): "Recht",
                              str(ids["topics"]): ["Taal", "Jobcoaching"], str(ids["photos"]): True}
    assert row["organisation"] == {"id": ocmw_member.organisation.id, "name": ocmw_member.organisation.name,
                                   "type": "ocmw"}
    assert row["checked_in_at"] is None and row["guest"] is False


@pytest.mark.parametrize("answers,field", [
    ({"999999": "x"}, "answers.999999"),
    ({"nonsense": "x"}, "answers.nonsense"),
    ({"workshop": "Koken"}, "answers.workshop"),
    ({"workshop": ["Recht"]}, "answers.workshop"),
    ({"topics": "Taal"}, "answers.topics"),
    ({"topics": ["Taal", "Koken"]}, "answers.topics"),
    ({"photos": "true"}, "answers.photos"),
    ({"photos": False}, "answers.photos"),
    ({"diet": 5}, "answers.diet"),
    ({"diet": "x" * 10_001}, "answers.diet"),
    ({"workshop": None}, "answers.workshop"),
])
def test_bad_answers_are_422_and_take_no_seat(client, asked, participant, auth_headers, answers, field):
    event, ids = asked
    complete = {"workshop": "Recht", "photos": True}
    complete.update(answers)
    body = {str(ids.get(k, k)): v for k, v in complete.items()}
    response = client.post(f"/api/v1/events/{event.id}/registrations", json={"answers": body},
                           headers=auth_headers(participant))
    assert response.status_code == 422
    expected = f"answers.{ids[field.split('.')[1]]}" if field.split(".")[1] in ids else field
    assert expected in response.get_json()["error"]["fields"]
    assert db.session.execute(db.select(Registration)).first() is None
    db.session.refresh(event)
    assert event.seats_taken == 0


def test_missing_required_answers_are_422(client, asked, participant, auth_headers):
    event, ids = asked
    response = client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(participant))
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {f"answers.{ids['workshop']}", f"answers.{ids['photos']}"}


def test_answers_must_be_an_object_and_nothing_else_may_be_sent(client, asked, participant, auth_headers):
    event, _ids = asked
    headers = auth_headers(participant)
    assert client.post(f"/api/v1/events/{event.id}/registrations", json={"answers": ["Recht"]},
                       headers=headers).get_json()["error"]["fields"].keys() == {"answers"}
    response = client.post(f"/api/v1/events/{event.id}/registrations", json={"status": "confirmed"},
                           headers=headers)
    assert response.status_code == 422 and "status" in response.get_json()["error"]["fields"]


def test_deleting_a_question_removes_its_answers(client, asked, participant, partner_member, auth_headers):
    event, ids = asked
    client.post(f"/api/v1/events/{event.id}/registrations", headers=auth_headers(participant), json={
        "answers": {str(ids["workshop"]): "Recht", str(ids["photos"]): True, str(ids["diet"]): "halal"}})
    headers = auth_headers(partner_member)
    assert client.delete(f"/api/v1/events/{event.id}/questions/{ids['diet']}", headers=headers).status_code == 204
    row = client.get(f"/api/v1/events/{event.id}/registrations", headers=headers).get_json()["items"][0]
    assert str(ids["diet"]) not in row["answers"] and row["answers"][str(ids["workshop"])] == "Recht"
