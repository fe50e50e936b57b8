"""Any sequence of registrations and cancellations by many people keeps the seats honest.

Hypothesis drives register/cancel_registration (portal/events/services.py) on one fresh event per
example and compares the database with a simple model after every step: never more confirmed than
the capacity, `seats_taken` equal to the confirmed count, nobody registered twice, and the waiting
list first come, first served (a freed seat goes to the earliest waiting registration).
"""
from itertools import count

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from portal.core.errors import Conflict, NotFound
from portal.events import services
from portal.events.models import Event, Registration
from portal.extensions import db
from tests import factories
from tests.events import helpers

PEOPLE = 6
SETTINGS = settings(max_examples=30, stateful_step_count=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
_serial = count()


class Seats(RuleBasedStateMachine):
    @initialize(capacity=st.integers(min_value=1, max_value=3))
    def fresh_event(self, capacity):
        n = next(_serial)
        self.event_id = helpers.event(capacity=capacity, title=f"Study day {n}").id
        self.capacity = capacity
        self.people = [factories.user(f"p{n}-{i}@example.test") for i in range(PEOPLE)]
        self.confirmed, self.waiting = [], []  # user ids; waiting in registration order

    def event(self):
        db.session.expire_all()
        return db.session.get(Event, self.event_id)

    @rule(who=st.integers(min_value=0, max_value=PEOPLE - 1))
    def register(self, who):
        person = self.people[who]
        if person.id in self.confirmed + self.waiting:
            with pytest.raises(Conflict):
                services.register(person, self.event().id)
            db.session.rollback()
            return
        registration = services.register(person, self.event().id)
        if len(self.confirmed) < self.capacity:
            assert registration.status == "confirmed"
            self.confirmed.append(person.id)
        else:
            assert registration.status == "waitlisted"
            self.waiting.append(person.id)
            assert registration.waitlist_position == len(self.waiting)

    @rule(who=st.integers(min_value=0, max_value=PEOPLE - 1))
    def cancel(self, who):
        person = self.people[who]
        if person.id not in self.confirmed + self.waiting:
            with pytest.raises(NotFound):
                services.cancel_registration(person, self.event().id)
            db.session.rollback()
            return
        promoted = services.cancel_registration(person, self.event().id)
        if person.id in self.waiting:
            self.waiting.remove(person.id)
            assert promoted == []
            return
        self.confirmed.remove(person.id)
        if self.waiting:
            first = self.waiting.pop(0)  # first come, first served
            assert [r.user_id for r in promoted] == [first]
            self.confirmed.append(first)
        else:
            assert promoted == []

    @invariant()
    def database_matches_the_model(self):
        active = db.session.execute(
            db.select(Registration.user_id, Registration.status).where(
                Registration.event_id == self.event_id, Registration.status != "cancelled")
            .order_by(Registration.waitlist_number, Registration.id)).all()
        confirmed = {user for user, status in active if status == "confirmed"}
        waiting = [user for user, status in active if status == "waitlisted"]
        assert len(active) == len({user for user, _status in active})  # nobody twice
        assert len(confirmed) <= self.capacity
        assert self.event().seats_taken == len(confirmed)
        assert confirmed == set(self.confirmed)
        assert waiting == self.waiting  # in registration order
        if waiting:
            assert len(confirmed) == self.capacity  # nobody waits while a seat is free


def test_any_sequence_of_sign_ups_and_cancellations_keeps_seats_honest(app):
    run_state_machine_as_test(Seats, settings=SETTINGS)
