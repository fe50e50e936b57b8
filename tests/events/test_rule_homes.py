"""Each rule of the events domain has one home, named after it (services/registrations.py,
queries.waitlist_position_of, links.event_url), and the pages ask it instead of restating it."""
import ast
from datetime import timedelta
from pathlib import Path

import pytest
from flask_login import AnonymousUserMixin

import portal
from portal.core.errors import Conflict, Forbidden, Invalid, Unauthorized
from portal.core.types import utcnow
from portal.events import links, queries, services
from portal.events.services.registrations import cancellation_refusal, registration_refusal
from tests.events import helpers


def test_may_register_is_what_register_enforces(partner, participant, unverified, partner_member):
    """registration_refusal is the one rule: register() raises it, the page's flags ask it."""
    event = helpers.event(partner)
    cases = [(AnonymousUserMixin(), Unauthorized), (unverified, Forbidden), (participant, None)]
    for person, refusal in cases:
        found = registration_refusal(person, event)
        assert (type(found) if found else None) is refusal
        assert services.flags_for(person, event, None).may_register is (refusal is None)
    services.register(participant, event.id)
    assert isinstance(registration_refusal(participant, event), Conflict)  # already registered
    late = helpers.event(partner, registration_deadline=utcnow() - timedelta(minutes=1))
    assert isinstance(registration_refusal(participant, late), Invalid)
    assert not services.flags_for(participant, late, None).registration_open
    with pytest.raises(Invalid):
        services.register(participant, late.id)


def test_may_cancel_is_what_cancel_registration_enforces(partner, participant):
    event = helpers.event(partner)
    services.register(participant, event.id)
    registration = queries.active_registration(participant, event)
    assert cancellation_refusal(event, registration) is None
    assert services.flags_for(participant, event, registration).may_cancel
    started = utcnow() + timedelta(days=30)
    assert isinstance(cancellation_refusal(event, registration, now=started), Invalid)
    assert not services.flags_for(participant, event, registration, now=started).may_cancel


def test_the_waiting_list_position_is_one_rule_everywhere(partner):
    """queries.waitlist_position_of: the registration, the organisers' list and the profile's
    list give each person the same position, 1 for the first in line, renumbered when one
    leaves the line."""
    event = helpers.event(partner, capacity=1)
    holder, first, second, third = helpers.people(4)
    services.register(holder, event.id)
    answers = [services.register(person, event.id).waitlist_position for person in (first, second, third)]
    assert answers == [1, 2, 3]
    services.cancel_registration(second, event.id)
    listed = {r.user_id: r.waitlist_position for r in queries.registrations_of_event(event) if r.waitlist_position}
    assert listed == {first.id: 1, third.id: 2}
    for person, position in ((first, 1), (third, 2)):
        assert [r.waitlist_position for r in queries.registrations_of_user(person)] == [position]
        assert queries.waitlist_position(queries.active_registration(person, event)) == position


def test_the_event_url_is_built_in_links_only(app, partner):
    """links.event_url is the one builder of an event's address: no other module of the portal
    writes "/events/{...}" into a string (mails, calendars and the API all call it)."""
    event = helpers.event(partner)
    with app.test_request_context():
        assert links.event_url(event) == f"{app.config['PORTAL_BASE_URL']}/events/{event.id}"
        assert links.event_ics_url(event) == links.event_url(event) + ".ics"
    root = Path(portal.__file__).parent
    builders = []
    for path in root.rglob("*.py"):
        if path == root / "events" / "links.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
                if "/events/" in text:
                    builders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert builders == []
