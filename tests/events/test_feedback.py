"""After the day (#17): the feedback form by the mailed link, its rules, and the organisers' results."""
import re

import pytest

from portal.events import checkin, feedback, services
from portal.events.models_study_day import Feedback
from portal.extensions import db
from tests import factories
from tests.events import helpers
from tests.events.test_certificates import end, past_day
from tests.events.test_organise_pages import token as csrf_from


@pytest.fixture
def attended(partner, participant, partner_member):
    event = past_day(partner)
    talk = helpers.agenda_item(event, minutes_from_start=30, length=60, title="Het wettelijk kader", kind="talk")
    registration = services.register(participant, event.id)
    checkin.check_in_registration(partner_member, event, registration.id)
    end(event)
    return event, registration, talk


def test_organisers_mail_the_form_and_attendees_answer_by_the_link(client, login, attended, partner_member,
                                                                   participant, mailbox):
    event, registration, talk = attended
    login(partner_member)
    mailbox.clear()
    results_path = f"/events/{event.id}/feedback"
    client.post(f"{results_path}/ask", data={"csrf_token": csrf_from(client, results_path)})
    [mail] = mailbox
    assert mail["To"] == participant.email
    path = re.search(r"/events/feedback/\S+", mail.get_body(preferencelist=("plain",)).get_content()).group(0)
    client.post("/logout", data={"csrf_token": csrf_from(client, "/events")})
    page = client.get(path)
    assert page.status_code == 200 and "Het wettelijk kader" in page.get_data(as_text=True)
    response = client.post(path, data={"csrf_token": csrf_from(client, path), "rating": "4",
                                       "comment": "Heel nuttig", f"item-{talk.id}": "5"})
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    client.post(path, data={"csrf_token": csrf_from(client, path), "rating": "5", "comment": "Nog beter"})
    [stored] = db.session.execute(db.select(Feedback)).scalars().all()
    assert (stored.rating, stored.comment, stored.item_ratings) == (5, "Nog beter", {})  # the latest stands

    login(partner_member)
    results = client.get(f"/events/{event.id}/feedback").get_data(as_text=True)
    assert "Answers: 1; average 5.0 of 5." in results and "Nog beter" in results
    assert participant.name not in results  # no names beside the answers


@pytest.mark.parametrize("form,field", [({"rating": "0"}, "rating"), ({"rating": "6"}, "rating"),
                                        ({"rating": "x"}, "rating"), ({}, "rating"),
                                        ({"rating": "3", "comment": "x" * 10_001}, "comment")])
def test_bad_answers_are_422_and_store_nothing(client, attended, form, field):
    _event, registration, _talk = attended
    path = feedback.form_url(registration).removeprefix("http://localhost")
    response = client.post(path, data={"csrf_token": csrf_from(client, path), **form})
    assert response.status_code == 422
    assert db.session.execute(db.select(Feedback)).first() is None


def test_an_unknown_talk_is_refused(app, attended):
    _event, registration, talk = attended
    with pytest.raises(Exception) as raised:
        feedback.give(registration, 4, "", {str(talk.id + 99): 3})
    assert f"items.{talk.id + 99}" in raised.value.fields
    assert db.session.execute(db.select(Feedback)).first() is None


def test_the_link_works_only_for_attendees_of_an_ended_day(client, partner, participant, ocmw_member,
                                                           partner_member):
    event = past_day(partner)
    registration = services.register(participant, event.id)
    other = services.register(ocmw_member, event.id)
    checkin.check_in_registration(partner_member, event, registration.id)
    path = feedback.form_url(registration).removeprefix("http://localhost")
    assert client.get(path).status_code == 409  # not ended
    end(event)
    assert client.get(path).status_code == 200
    assert client.get(feedback.form_url(other).removeprefix("http://localhost")).status_code == 403
    assert client.get("/events/feedback/nonsense").status_code == 404


# anonymous visitors are sent to /login, as on every page behind login (core/web.py)
@pytest.mark.parametrize("role,status", [("participant", 403), ("other_partner", 403), ("anonymous", 302)])
def test_only_organisers_see_results_and_mail_the_form(client, login, attended, request, role, status, mailbox):
    event, _registration, _talk = attended
    if role == "other_partner":
        login(factories.member(factories.organisation("Ander", "partner"), "o@example.test"))
    elif role != "anonymous":
        login(request.getfixturevalue(role))
    assert client.get(f"/events/{event.id}/feedback").status_code == status
    mailbox.clear()
    csrf = csrf_from(client, "/login" if role == "anonymous" else "/events")
    assert client.post(f"/events/{event.id}/feedback/ask", data={"csrf_token": csrf}).status_code == status
    assert not mailbox
