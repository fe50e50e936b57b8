"""Participant pages: /events, /events/{id}, registering and cancelling from the page."""
from datetime import timedelta

from portal.core.types import utcnow
from portal.events import queries, services
from portal.events.models import Registration
from portal.extensions import db
from tests.events import helpers
from tests.pages import csrf_in as token


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_index_lists_upcoming_first_and_past_apart(client, partner):
    past = helpers.event(partner, title="Vorige studiedag", days_ahead=-30,
                         registration_deadline=utcnow() - timedelta(days=31))
    later = helpers.event(partner, title="Latere studiedag", days_ahead=30)
    sooner = helpers.event(partner, title="Eerstvolgende studiedag", days_ahead=3)
    html = page(client, "/events")
    assert html.index(sooner.title) < html.index(later.title) < html.index("past-heading") < html.index(past.title)


def test_index_hides_drafts_from_visitors(client, partner):
    helpers.event(partner, title="Geheim concept", status="draft")
    assert "Geheim concept" not in page(client, "/events")


def test_index_runs_a_fixed_number_of_queries(client, partner, federation, count_queries):
    def add(n):
        organiser, co_organiser = db.session.merge(partner), db.session.merge(federation)
        for i in range(n):
            helpers.event(organiser, co_organisers=[co_organiser], days_ahead=i + 1)
            helpers.event(organiser, days_ahead=-i - 2, registration_deadline=utcnow() - timedelta(days=i + 3))
    add(2)
    db.session.expunge_all()
    with count_queries() as few:
        page(client, "/events")
    add(8)
    db.session.expunge_all()
    with count_queries() as many:
        page(client, "/events")
    assert len(few) == len(many)


def test_detail_shows_agenda_people_seats_deadline_organisers_and_calendar_links(client, partner, federation):
    event = helpers.event(partner, co_organisers=[federation], capacity=5)
    helpers.agenda_item(event, 0, 15, speakers=[{"name": "Rachid Madrane", "role": "voorzitter",
                                                 "organisation": "Brussels Parlement"}])
    helpers.agenda_item(event, 15, 60, title="Panelgesprek", kind="panel",
                        moderators=[{"name": "Tatiana Vial", "role": "directeur", "organisation": "FeBISP"}])
    html = page(client, f"/events/{event.id}")
    for text in ("Rachid Madrane", "Brussels Parlement", "Tatiana Vial", "Panelgesprek", partner.name,
                 federation.name, event.address, "5 of 5", f"/events/{event.id}.ics",
                 "calendar.google.com/calendar/render", "outlook.live.com/calendar"):
        assert text in html, text
    assert html.index("Rachid Madrane") < html.index("Tatiana Vial")


def test_detail_runs_a_fixed_number_of_queries(client, partner, count_queries):
    event = helpers.event(partner)
    event_id = event.id
    helpers.agenda_item(event)
    db.session.expunge_all()
    with count_queries() as few:
        page(client, f"/events/{event_id}")
    from portal.events.models import Event

    event = db.session.get(Event, event_id)
    for minutes in range(30, 300, 30):
        helpers.agenda_item(event, minutes)
    db.session.expunge_all()
    with count_queries() as many:
        page(client, f"/events/{event_id}")
    assert len(few) == len(many)


def test_a_verified_user_registers_from_the_event_page(client, login, partner, participant, mailbox):
    event = helpers.event(partner, capacity=1)
    login(participant)
    html = page(client, f"/events/{event.id}")
    assert f'action="/events/{event.id}/register"' in html
    response = client.post(f"/events/{event.id}/register", data={"csrf_token": token(html)}, follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "You are registered" in html and "webcal://" in html
    assert len(mailbox) == 1


def test_a_full_event_page_puts_the_user_on_the_waiting_list(client, login, partner, participant):
    event = helpers.event(partner, capacity=1)
    services.register(helpers.people(1)[0], event.id)
    login(participant)
    html = page(client, f"/events/{event.id}")
    assert "Join the waiting list" in html, html[html.find("registration-heading"):][:800]
    html = client.post(f"/events/{event.id}/register", data={"csrf_token": token(html)},
                       follow_redirects=True).get_data(as_text=True)
    assert "number 1 on the waiting list" in html


def test_registering_without_csrf_is_400(client, login, partner, participant):
    event = helpers.event(partner)
    login(participant)
    assert client.post(f"/events/{event.id}/register").status_code == 400


def test_after_the_deadline_the_page_says_so_and_refuses(client, login, partner, participant):
    event = helpers.event(partner, registration_deadline=utcnow() - timedelta(minutes=5))
    login(participant)
    html = page(client, f"/events/{event.id}")
    assert "Registration is closed" in html
    html = client.post(f"/events/{event.id}/register", data={"csrf_token": token(html)},
                       follow_redirects=True).get_data(as_text=True)
    assert "Registration closed on" in html
    assert db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one() == 0


def test_a_past_event_page_says_how_many_seats_were_taken_not_how_many_are_left(client, partner):
    event = helpers.event(partner, days_ahead=-30, capacity=150, registration_deadline=utcnow() - timedelta(days=31))
    html = page(client, f"/events/{event.id}")
    assert "0 of 150 seats were taken" in html and "seats left" not in html
    upcoming = helpers.event(partner, capacity=150)
    assert "150 of 150 seats left" in page(client, f"/events/{upcoming.id}")


def test_a_cancelled_event_page_says_it_is_cancelled(client, login, partner, participant):
    event = helpers.event(partner, status="cancelled")
    login(participant)
    html = page(client, f"/events/{event.id}")
    assert "has been cancelled" in html
    html = client.post(f"/events/{event.id}/register", data={"csrf_token": token(html)},
                       follow_redirects=True).get_data(as_text=True)
    assert "This study day has been cancelled." in html


def test_an_unverified_user_gets_no_form_and_cannot_register(client, login, partner, unverified):
    event = helpers.event(partner)
    login(unverified)
    html = page(client, f"/events/{event.id}")
    assert f'action="/events/{event.id}/register"' not in html
    client.post(f"/events/{event.id}/register", data={"csrf_token": token(html)})
    assert db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one() == 0


def test_anonymous_cannot_register(client, partner):
    event = helpers.event(partner)
    response = client.post(f"/events/{event.id}/register")
    assert response.status_code in (302, 400, 401)
    assert db.session.execute(db.select(db.func.count()).select_from(Registration)).scalar_one() == 0


def test_cancelling_my_registration_from_the_page(client, login, partner, participant):
    event = helpers.event(partner)
    services.register(participant, event.id)
    login(participant)
    html = page(client, f"/events/{event.id}")
    assert "Cancel my registration" in html and "data-confirm" in html
    html = client.post(f"/events/{event.id}/unregister", data={"csrf_token": token(html)},
                       follow_redirects=True).get_data(as_text=True)
    assert "Your registration is cancelled." in html
    assert queries.active_registration(participant, event) is None


def test_a_draft_page_is_404_for_visitors(client, partner):
    assert client.get(f"/events/{helpers.event(partner, status='draft').id}").status_code == 404


def test_profile_fragment_lists_my_registrations(app, partner, participant):
    from flask import render_template

    event = helpers.event(partner, title="Mijn studiedag")
    full = helpers.event(partner, title="Volzet", capacity=1)
    services.register(helpers.people(1)[0], full.id)
    services.register(participant, event.id)
    services.register(participant, full.id)
    with app.test_request_context("/profile?lang=en"):
        html = render_template("events/_profile_registrations.html", current_user=participant)
    assert "Mijn studiedag" in html and "Volzet" in html and "number 1" in html
