"""Registration questions on the pages: the organisers' editor, the event page's form, the list,
the per-question summary and the CSV."""
import csv
import io

import pytest

from portal.events import questions, services
from portal.events.models import Registration
from portal.events.models_study_day import RegistrationQuestion
from portal.extensions import db
from tests import factories
from tests.events import helpers
from tests.events.test_organise_pages import token


def ask(event, label, kind, options=(), required=False, translations=None):
    question = RegistrationQuestion(event_id=event.id, label=label, kind=kind, options=list(options),
                                    required=required, translations=translations or {})
    db.session.add(question)
    db.session.commit()
    return question


def test_an_organiser_adds_edits_and_deletes_a_question_on_the_page(client, login, partner, partner_member):
    event = helpers.event(partner)
    login(partner_member)
    path = f"/events/{event.id}/questions"
    response = client.post(path, data={"csrf_token": token(client, path), "label": "Workshop", "kind": "choice",
                                       "options": "Recht\r\nPraktijk\r\n", "required": "y",
                                       "label_fr": "Atelier"})
    assert response.status_code == 302
    question = db.session.execute(db.select(RegistrationQuestion)).scalar_one()
    assert (question.label, question.kind, question.options, question.required, question.translations) == (
        "Workshop", "choice", ["Recht", "Praktijk"], True, {"fr": {"label": "Atelier"}})
    page = client.get(path).get_data(as_text=True)
    assert "Workshop" in page and "Recht · Praktijk" in page
    assert 'name="label_nl"' not in page  # the study day's own language is the label itself

    edit = f"/events/{event.id}/questions/{question.id}/edit"
    assert 'value="Atelier"' in client.get(edit).get_data(as_text=True)
    response = client.post(edit, data={"csrf_token": token(client, edit), "label": "Workshop", "kind": "text"})
    assert response.status_code == 302
    db.session.refresh(question)
    assert question.kind == "text" and question.options == [] and question.translations == {}

    response = client.post(f"/events/{event.id}/questions/{question.id}/delete",
                           data={"csrf_token": token(client, path)})
    assert response.status_code == 302
    assert db.session.execute(db.select(RegistrationQuestion)).first() is None


def test_a_choice_without_options_is_422_on_the_page(client, login, partner, partner_member):
    event = helpers.event(partner)
    login(partner_member)
    path = f"/events/{event.id}/questions"
    response = client.post(path, data={"csrf_token": token(client, path), "label": "Workshop", "kind": "choice"})
    assert response.status_code == 422
    assert "Give at least one option." in response.get_data(as_text=True)
    assert db.session.execute(db.select(RegistrationQuestion)).first() is None


# anonymous visitors are sent to /login, as on every page behind login (core/web.py)
@pytest.mark.parametrize("role,status", [("participant", 403), ("other_partner", 403), ("anonymous", 302)])
def test_only_organisers_open_the_question_editor(client, login, partner, request, role, status):
    event = helpers.event(partner)
    question = ask(event, "Dieet", "text")
    if role == "other_partner":
        login(factories.member(factories.organisation("Ander partnerschap", "partner"), "o@example.test"))
    elif role != "anonymous":
        login(request.getfixturevalue(role))
    assert client.get(f"/events/{event.id}/questions").status_code == status
    assert client.get(f"/events/{event.id}/questions/{question.id}/edit").status_code == status


def test_the_event_page_asks_the_questions_and_stores_the_answers(client, login, partner, ocmw_member):
    event = helpers.event(partner)
    workshop = ask(event, "Workshop", "choice", ["Recht", "Praktijk"], required=True)
    topics = ask(event, "Onderwerpen", "multiple", ["Taal", "Mobiliteit"])
    photos = ask(event, "Foto's", "checkbox")
    diet = ask(event, "Dieet", "text", translations={"en": {"label": "Diet"}})
    login(ocmw_member)  # reads English
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f'name="answer-{workshop.id}"' in page and 'lang="nl">Workshop' in page
    assert f'<label for="answer-{diet.id}">Diet</label>' in page
    data = {"csrf_token": token(client, f"/events/{event.id}"), f"answer-{workshop.id}": "Praktijk",
            f"answer-{topics.id}": ["Taal", "Mobiliteit"], f"answer-{diet.id}": "geen varken"}
    assert client.post(f"/events/{event.id}/register", data=data).status_code == 302
    registration = db.session.execute(db.select(Registration)).scalar_one()
    assert registration.answers == {workshop.key: "Praktijk", topics.key: ["Taal", "Mobiliteit"],
                                    photos.key: False, diet.key: "geen varken"}


def test_a_missing_required_answer_shows_the_form_again_and_takes_no_seat(client, login, partner, participant):
    event = helpers.event(partner)
    workshop = ask(event, "Workshop", "choice", ["Recht", "Praktijk"], required=True)
    diet = ask(event, "Dieet", "text")
    login(participant)
    data = {"csrf_token": token(client, f"/events/{event.id}"), f"answer-{diet.id}": "vegan",
            f"answer-{workshop.id}": "Koken"}
    response = client.post(f"/events/{event.id}/register", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Must be one of the options." in page and ">vegan</textarea>" in page
    assert f'id="answer-{workshop.id}-error"' in page
    assert db.session.execute(db.select(Registration)).first() is None
    db.session.refresh(event)
    assert event.seats_taken == 0


def test_the_list_summary_and_csv_show_organisation_and_answers(client, login, partner, partner_member,
                                                                ocmw_member, participant):
    event = helpers.event(partner, capacity=1)
    workshop = ask(event, "Workshop", "choice", ["Recht", "Praktijk"])
    photos = ask(event, "=Foto's", "checkbox")
    services.register(ocmw_member, event.id, {workshop.key: "Recht", photos.key: True})
    services.register(participant, event.id, {workshop.key: "Recht"})
    login(partner_member)
    page = client.get(f"/events/{event.id}/registrations").get_data(as_text=True)
    assert ocmw_member.organisation.name in page and "Answers at a glance" in page
    assert "2 of 2 registrants answered." in page and "Recht: <strong>2</strong>" in page
    assert "yes: <strong>1</strong>" in page

    response = client.get(f"/events/{event.id}/registrations.csv")
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Name", "E-mail", "Organisation", "Status", "Waiting list position", "Registered at",
                       "Checked in at", "Guest", "Workshop", "'=Foto's"]
    assert rows[1][2] == ocmw_member.organisation.name and rows[1][8:] == ["Recht", "yes"]
    assert rows[2][2] == "" and rows[2][3] == "waitlisted" and rows[2][8:] == ["Recht", ""]


def test_the_summary_counts_each_option(app, partner):
    event = helpers.event(partner)
    topics = ask(event, "Onderwerpen", "multiple", ["Taal", "Mobiliteit"])
    rows = [Registration(answers={topics.key: ["Taal", "Mobiliteit"]}), Registration(answers={topics.key: ["Taal"]}),
            Registration(answers={})]
    [entry] = questions.summary([topics], rows)
    assert entry["answered"] == 2 and entry["counts"] == [("Taal", 2), ("Mobiliteit", 1)]


def test_the_registrations_page_runs_the_same_queries_with_more_answers(client, login, partner, partner_member,
                                                                        count_queries):
    event = helpers.event(partner, capacity=3)
    workshop = ask(event, "Workshop", "choice", ["Recht", "Praktijk"])
    ocmws = [factories.organisation(f"OCMW {n}", "ocmw") for n in range(4)]
    people = [factories.member(org, f"m{n}@example.test") for n, org in enumerate(ocmws)]
    services.register(people[0], event.id, {workshop.key: "Recht"})
    login(partner_member)

    def measure(path):
        with count_queries() as statements:
            assert client.get(path).status_code == 200
        return len(statements)

    paths = [f"/events/{event.id}/registrations", f"/events/{event.id}/registrations.csv"]
    few = [measure(p) for p in paths]
    for person in people[1:]:
        services.register(person, event.id, {workshop.key: "Praktijk"})
    assert [measure(p) for p in paths] == few
