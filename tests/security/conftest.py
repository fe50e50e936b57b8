"""The security matrix's fixtures: a small world of records built on demand, and a guard that
fails any test during which the application logged an ERROR (a traceback)."""
import logging
from datetime import date, timedelta
from functools import cached_property

import pytest

from portal.core.types import utcnow
from tests import factories
from tests.events import helpers as event_helpers
from tests.referrals import builders

ODD_TEXTS = {
    "unicode": "مرحبا بكم في تندم — Koffie ☕ en 🥐 voor iedereen 👩🏽‍🍳",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "sql_and_bidi": "Robert'); DROP TABLE users; -- \" OR '1'='1 abc\u200f\u202eevil\u202c\u200e def",
    "crlf": "Line one\r\nBcc: victim@example.test\r\nX-Injected: yes",
}


@pytest.fixture
def expects_logged_errors():
    """Asked for by the one test whose point is an unexpected error (logged, not shown)."""


@pytest.fixture(autouse=True)
def no_logged_errors(caplog, request):
    """Every case of the matrix also asserts that nothing was logged at ERROR (no traceback,
    no swallowed exception): a refusal is an answer, never an accident."""
    caplog.set_level(logging.WARNING)
    yield
    if "expects_logged_errors" in request.fixturenames:
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "logged errors: " + "; ".join(r.getMessage() for r in errors)


class World:
    """The records the matrix needs, each created the first time a test asks for it."""

    def __init__(self, app, request):
        self.app = app
        self.request = request

    def _fixture(self, name):
        return self.request.getfixturevalue(name)

    def user(self, role):
        return self._fixture(role)

    @cached_property
    def offer(self):
        with self.app.test_request_context():
            return builders.offer(self.user("sie_member"))

    @cached_property
    def candidate(self):
        with self.app.test_request_context():
            return builders.candidate(self.user("ocmw_member"), consent_date=date.today() - timedelta(days=3),
                                      available_from=date.today())

    @cached_property
    def second_candidate(self):
        with self.app.test_request_context():
            return builders.candidate(self.user("ocmw_member"), reference="DOS-2", first_name="Yusuf",
                                      consent_date=date.today() - timedelta(days=3), available_from=date.today())

    def fresh_candidate(self):
        """A new candidate on each call (one open referral per candidate and offer)."""
        self._count = getattr(self, "_count", 0) + 1
        with self.app.test_request_context():
            return builders.candidate(self.user("ocmw_member"), reference=f"DOS-F{self._count}",
                                      consent_date=date.today() - timedelta(days=3), available_from=date.today())

    def unique_email(self, stem="newcomer"):
        self._emails = getattr(self, "_emails", 0) + 1
        return f"{stem}{self._emails}@example.be"

    @cached_property
    def referral(self):
        """Submitted: the receiving side (the SIE) may move it."""
        with self.app.test_request_context():
            return builders.referral(self.user("ocmw_member"), self.candidate, self.offer)

    @cached_property
    def accepted_referral(self):
        with self.app.test_request_context():
            referral = builders.referral(self.user("ocmw_member"), self.second_candidate, self.offer)
            builders.move(self.user("sie_member"), referral, "accepted")
            return referral

    @cached_property
    def event(self):
        return event_helpers.event(organiser=self._fixture("partner"), capacity=5)

    @cached_property
    def agenda_item(self):
        return event_helpers.agenda_item(self.event)

    @cached_property
    def pending_organisation(self):
        return factories.organisation("Pending vzw", "host", status="pending")

    @cached_property
    def ids(self):
        """Path parameters by name, for the tables' path templates."""
        return _LazyIds(self)


class _LazyIds(dict):
    NAMES = {"offer": "offer", "candidate": "candidate", "referral": "referral",
             "accepted": "accepted_referral", "event": "event", "item": "agenda_item",
             "pending": "pending_organisation"}

    def __init__(self, world):
        super().__init__()
        self.world = world

    def __missing__(self, key):
        """Named records are made once per test; "fresh_…" ones anew at each use (for cases
        that change their record's state, such as a rejection or a move)."""
        if key == "fresh_pending":
            return factories.organisation("Pending vzw", "host", status="pending").id
        if key == "fresh_referral":
            with self.world.app.test_request_context():
                return builders.referral(self.world.user("ocmw_member"), self.world.fresh_candidate(),
                                         self.world.offer).id
        if key == "sie":
            return self.world.user("sie_admin").membership.organisation_id
        return getattr(self.world, self.NAMES[key]).id


@pytest.fixture
def world(app, request):
    return World(app, request)


@pytest.fixture
def bearer(auth_headers, world):
    """bearer(role): the Authorization header of that role's user ({} for None)."""
    return lambda role: auth_headers(world.user(role)) if role else {}


def brussels_iso(days, hour):
    moment = (utcnow() + timedelta(days=days)).astimezone(event_helpers.BRUSSELS)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()
