"""Cancellations and new sign-ups at the same instant: the freed seats go to the waiting list
in order (never to a newcomer), each seat once, and capacity holds."""
import threading

from portal import create_app
from portal.accounts.models import User
from portal.events import queries, services
from portal.events.models import Event
from portal.extensions import db
from tests.events import helpers

SEATS = 10


def run_together(database, database_url, jobs):
    """Run (action, user_id, event_id) jobs in threads released together; return errors."""
    if database["kind"] == "sqlite":
        options = {"pool_size": len(jobs), "max_overflow": 0, "pool_timeout": 60, "connect_args": {"timeout": 60}}
    else:
        options = {"pool_size": 20, "max_overflow": 0, "pool_timeout": 60}
    racing_app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url, MAIL_SERVER=None,
                            SQLALCHEMY_ENGINE_OPTIONS=options)
    barrier, errors = threading.Barrier(len(jobs)), []

    def work(action, user_id, event_id):
        with racing_app.app_context():
            try:
                user = db.session.get(User, user_id)
                db.session.commit()
                barrier.wait(timeout=60)
                action(user, event_id)
            except Exception as error:  # collected: the test fails on any
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with racing_app.app_context():
        db.engine.dispose()
    db.session.expire_all()
    return errors


def test_simultaneous_cancellations_promote_the_waiting_list_in_order(app, database, database_url, partner):
    event = helpers.event(partner, capacity=SEATS)
    holders = helpers.people(SEATS, "holder")
    waiting = helpers.people(15, "waiting")
    newcomers = helpers.people(10, "new")
    for person in holders + waiting:
        services.register(person, event.id)
    jobs = [(services.cancel_registration, p.id, event.id) for p in holders]
    jobs += [(services.register, p.id, event.id) for p in newcomers]
    assert run_together(database, database_url, jobs) == []

    event = db.session.get(Event, event.id)
    rows = queries.registrations_of_event(event)
    confirmed = {r.user_id for r in rows if r.status == "confirmed"}
    still_waiting = [r.user_id for r in rows if r.status == "waitlisted"]
    assert event.seats_taken == SEATS == len(confirmed)
    assert confirmed == {p.id for p in waiting[:SEATS]}
    assert still_waiting[:5] == [p.id for p in waiting[SEATS:]]
    assert set(still_waiting[5:]) == {p.id for p in newcomers}
    assert [r.waitlist_position for r in rows if r.status == "waitlisted"] == list(range(1, 16))
