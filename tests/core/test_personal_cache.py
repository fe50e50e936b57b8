"""Signed-in pages kept per person (portal/core/personal_cache.py): exact — every write shows
at once — and never one person's page to another, nor to a logged-out copy of a cookie."""
import re

import pytest
from sqlalchemy import func

from portal.accounts import services as account_services
from portal.core.audit import AuditEntry
from portal.extensions import db
from tests.referrals import builders as b


def page(client, path, status=200, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == status, (path, response.status_code)
    return response.get_data(as_text=True)


def kept(client, count_queries, path):
    """The page, and whether it came from the cache (no statement at all, not even the user's)."""
    page(client, path)  # a fresh session's first page creates its CSRF token: not kept
    page(client, path)
    db.session.expunge_all()
    with count_queries() as statements:
        body = page(client, path)
    return body, not statements


def csrf(body):
    return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)


@pytest.fixture
def two_members(app, login, sie_member, host_member):
    b.offer(sie_member, title="Concept van Casablanco", status="draft")
    b.offer(host_member, title="Concept van Samusocial", status="draft")
    b.offer(host_member, title="Openbaar aanbod")
    sie_client, host_client = app.test_client(), app.test_client()
    login(sie_member, sie_client)
    login(host_member, host_client)
    return sie_client, host_client


@pytest.mark.parametrize("path", ["/offers", "/events", "/profile"])
def test_signed_in_pages_are_kept_per_person(two_members, count_queries, path):
    sie_client, _host_client = two_members
    _body, from_cache = kept(sie_client, count_queries, path)
    assert from_cache


def test_two_organisations_same_url_each_see_their_own(two_members, count_queries):
    sie_client, host_client = two_members
    for _ in range(2):  # computed, then kept: the same separation
        mine, _ = kept(sie_client, count_queries, "/offers")
        theirs, _ = kept(host_client, count_queries, "/offers")
        assert "Concept van Casablanco" in mine and "Concept van Samusocial" not in mine
        assert "Concept van Samusocial" in theirs and "Concept van Casablanco" not in theirs
        assert "staff@casablanco.test" not in theirs
        mine, theirs = page(sie_client, "/profile"), page(host_client, "/profile")
        assert "staff@casablanco.test" in mine and "hr@samusocial.test" not in mine
        assert "hr@samusocial.test" in theirs and "staff@casablanco.test" not in theirs


def test_a_write_shows_at_once_on_the_kept_page(two_members, count_queries, sie_member, host_member):
    sie_client, host_client = two_members
    kept(sie_client, count_queries, "/offers")
    b.offer(db.session.merge(sie_member), title="Nieuw concept", status="draft")
    assert "Nieuw concept" in page(sie_client, "/offers")
    kept(host_client, count_queries, "/profile")
    account_services.update_profile(db.session.merge(host_member), "Nieuwe naam", "nl")
    assert "Nieuwe naam" in page(host_client, "/profile")
    assert "Nieuwe naam" in page(host_client, "/offers")  # the header's name too


def test_a_logged_out_copy_of_the_cookie_gets_no_kept_page(app, two_members, count_queries, sie_member):
    sie_client, _ = two_members
    body, _ = kept(sie_client, count_queries, "/profile")
    cookie = sie_client.get_cookie("session").value
    assert sie_client.post("/logout", data={"csrf_token": csrf(body)}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    response = thief.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "Concept van Casablanco" not in page(thief, "/offers")


def test_each_session_gets_its_own_csrf_token_and_it_works(app, login, two_members, count_queries, sie_member):
    sie_client, _ = two_members
    other_device = app.test_client()
    login(sie_member, other_device)
    first, _ = kept(sie_client, count_queries, "/profile")
    second, from_cache = kept(other_device, count_queries, "/profile")
    assert from_cache and csrf(first) != csrf(second)
    # the token in a kept page is the session's own: logging out with it works
    assert other_device.post("/logout", data={"csrf_token": csrf(second)}).status_code == 302
    # and logging out ends every session of the person (session version): the kept page of
    # the first device is not served to it any more
    assert sie_client.get("/profile").status_code == 302


def test_languages_are_kept_apart_for_signed_in_people(two_members, count_queries):
    sie_client, _ = two_members
    assert 'lang="fr"' in page(sie_client, "/offers?lang=fr")
    assert 'lang="fr"' in page(sie_client, "/offers")  # remembered in the session
    assert 'lang="nl"' in page(sie_client, "/offers?lang=nl")
    assert 'lang="nl"' in page(sie_client, "/offers")


def test_a_flash_is_shown_and_not_kept(two_members):
    sie_client, _ = two_members
    assert "ignored" in page(sie_client, "/offers?function=astronaut")
    assert "ignored" in page(sie_client, "/offers?function=astronaut")


def test_an_ocmw_offer_page_with_candidates_is_audited_every_time(app, login, sie_member, ocmw_member):
    offer = b.offer(sie_member, title="Keukenhulp")
    b.candidate(ocmw_member)
    client = app.test_client()
    login(ocmw_member, client)

    def audited():
        return db.session.scalar(db.select(func.count()).select_from(AuditEntry))

    before = audited()
    for _ in range(3):
        response = client.get(f"/offers/{offer.id}")
        assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    assert audited() == before + 3


def test_a_receivers_dashboard_is_kept_exactly_and_a_senders_is_audited_on_every_hit(
        app, login, count_queries, monkeypatch, ocmw_member, host_member):
    from datetime import timedelta

    from portal.core.types import utcnow
    from portal.referrals import services

    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(host_member))
    host, ocmw = app.test_client(), app.test_client()
    login(host_member, host)
    login(ocmw_member, ocmw)
    body, from_cache = kept(host, count_queries, "/referrals")
    assert from_cache and "Overdue" not in body
    later = utcnow() + timedelta(days=10)  # no write: only the clock moves the referral to overdue
    for module in ("portal.core.cache", "portal.referrals.queries"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: later)
    assert "Overdue" in page(host, "/referrals")
    audited = db.select(func.count()).select_from(AuditEntry)
    before = db.session.scalar(audited)
    _body, from_cache = kept(ocmw, count_queries, "/referrals")
    # the sender's list shows (and so audits) the candidate: kept, and each of the three reads logged
    assert from_cache and db.session.scalar(audited) == before + 3
    services.move_referral(db.session.merge(host_member), referral.id, {"to": "declined", "reason": "other"})
    assert "Overdue" not in page(host, "/referrals")


def test_study_day_items_shared_between_lists_stay_exact(app, login, partner, participant, sie_member):
    from portal.events import services
    from tests.events import helpers

    day = helpers.event(partner, title="Studiedag", capacity=1)
    member = app.test_client()
    login(sie_member, member)
    for client in (app.test_client(), member):  # a visitor's list and a person's share the items
        assert "1 of 1 seats left" in page(client, "/events?lang=en")
    event_id = day.id
    db.session.expunge_all()  # the page's load (agenda not loaded) is not the service's
    services.register(db.session.merge(participant), event_id)
    for client in (app.test_client(), member):
        body = page(client, "/events?lang=en")
        assert "0 of 1 seats left" in body and "Full: waiting list" in body


def test_a_new_registration_question_shows_at_once_on_kept_event_pages(app, login, admin, partner, sie_member):
    from portal.events import questions
    from portal.events.models import Event
    from tests.events import helpers

    event_id = helpers.event(partner, title="Studiedag").id
    member = app.test_client()
    login(sie_member, member)
    page(member, f"/events/{event_id}?lang=en")  # the registration form asks the questions: kept
    assert "Dieetwensen" not in page(member, f"/events/{event_id}?lang=en")
    questions.add_question(admin, db.session.get(Event, event_id),
                           {"label": "Dieetwensen", "kind": "text", "required": False})
    assert "Dieetwensen" in page(member, f"/events/{event_id}?lang=en")
