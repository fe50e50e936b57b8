"""Every list page and feed runs a fixed number of queries, whatever the data size."""
from datetime import timedelta

from portal.accounts.feed_tokens import feed_token
from portal.core.types import utcnow
from portal.events import services
from portal.events.models import Event
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.events import helpers


def measure(client, count_queries, path, headers=None):
    db.session.expunge_all()
    with count_queries() as statements:
        response = client.get(path, headers=headers or {})
    assert response.status_code == 200, response.status_code
    return len(statements)


def test_api_list_runs_a_fixed_number_of_queries(client, partner, federation, count_queries):
    partner_id, federation_id = partner.id, federation.id

    def add(n):
        organiser, co = db.session.get(Organisation, partner_id), db.session.get(Organisation, federation_id)
        for i in range(n):
            helpers.event(organiser, co_organisers=[co], days_ahead=i + 1)
    add(2)
    few = measure(client, count_queries, "/api/v1/events")
    add(10)
    assert measure(client, count_queries, "/api/v1/events") == few


def test_personal_feed_runs_a_fixed_number_of_queries(client, partner, participant, count_queries):
    path = None

    def add(n):
        nonlocal path
        person = db.session.merge(participant)
        for _ in range(n):
            event = helpers.event(db.session.merge(partner))
            helpers.agenda_item(event)
            services.register(person, event.id)
        path = f"/calendar/{feed_token(person)}.ics"
    add(1)
    few = measure(client, count_queries, path)
    add(5)
    assert measure(client, count_queries, path) == few


def test_registrations_page_and_csv_run_a_fixed_number_of_queries(client, login, partner, partner_member,
                                                                  count_queries):
    event_id = helpers.event(partner, capacity=2).id

    def add(n, prefix):
        event = db.session.get(Event, event_id)
        for person in helpers.people(n, prefix):
            services.register(person, event.id)
    add(3, "a")
    login(partner_member)
    few = [measure(client, count_queries, f"/events/{event_id}/{page}") for page in ("registrations",
                                                                                     "registrations.csv")]
    add(12, "b")
    assert [measure(client, count_queries, f"/events/{event_id}/{page}") for page in ("registrations",
                                                                                      "registrations.csv")] == few


def test_past_events_page_two_runs_the_same_queries(client, partner, count_queries):
    for i in range(25):
        helpers.event(db.session.merge(partner), days_ahead=-i - 2,
                      registration_deadline=utcnow() - timedelta(days=i + 3))
    first = measure(client, count_queries, "/events")
    assert measure(client, count_queries, "/events?page=2") == first
