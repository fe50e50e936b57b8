"""Exact caching (portal/core/cache.py): every kind of write shows at once, visitors' cached
pages run no query, logged-in people never get a cached page, time moves lists on."""
from datetime import timedelta

import pytest
from sqlalchemy import text

from portal.core import cache, data_versions
from portal.core.types import utcnow
from portal.events import services
from portal.events.models import Event
from portal.extensions import db
from portal.offers import services as offer_services
from portal.organisations import services as organisation_services
from portal.organisations.models import Organisation
from tests import factories
from tests.events import helpers
from tests.pages import csrf_in
from tests.referrals import builders as b


def html(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def version(domain):
    return db.session.execute(text("SELECT version FROM data_versions WHERE domain = :d"),
                              {"d": domain}).scalar_one_or_none()


def served_from_cache(client, count_queries, path):
    db.session.expunge_all()
    with count_queries() as statements:
        page = html(client, path)
    return page, not statements


# --- the counters ----------------------------------------------------------------------------

def test_a_service_write_raises_its_domain_counter_in_the_same_transaction(app, sie_member):
    before = version("offers"), version("events")
    b.offer(sie_member)
    assert version("offers") > (before[0] or 0)
    assert version("events") == before[1]


def test_a_rolled_back_write_raises_nothing(app, sie):
    before = version("organisations")
    db.session.get(Organisation, sie.id).name = "Nooit bewaard"
    db.session.flush()
    db.session.rollback()
    assert version("organisations") == before


def test_bulk_statements_and_declared_raw_writes_raise_the_counter(app, sie):
    from portal.demo.offers_volume import bulk_offers
    from portal.offers.models import Offer

    before = version("offers")
    bulk_offers([sie], 3)  # the generator's executemany insert
    after_bulk = version("offers")
    assert after_bulk > (before or 0)
    db.session.execute(db.update(Offer).values(positions=Offer.positions + 1))  # a bulk UPDATE statement
    db.session.commit()
    after_update = version("offers")
    assert after_update > after_bulk
    db.session.execute(text("UPDATE offers SET positions = positions + 1"))  # SQL text is not read:
    data_versions.touch(db.session, "offers")  # it names its domain
    db.session.commit()
    assert version("offers") > after_update


def test_counters_are_read_once_per_request(app, client, sie_member, monkeypatch):
    b.offer(sie_member, title="Tuinman")
    reads = []
    original = data_versions.VersionReader.read
    monkeypatch.setattr(data_versions.VersionReader, "read", lambda self: reads.append(1) or original(self))
    html(client, "/offers")
    html(client, "/offers")
    assert len(reads) == 2


# --- offers ----------------------------------------------------------------------------------

def test_a_visitors_offer_list_is_served_from_cache_without_queries(client, sie_member, count_queries):
    b.offer(sie_member, title="Keukenhulp")
    first, cached = served_from_cache(client, count_queries, "/offers")
    assert not cached
    second, cached = served_from_cache(client, count_queries, "/offers")
    assert cached and second == first and "Keukenhulp" in second


@pytest.mark.parametrize("path", ["/offers", "/offers?q=keuken", "/api/v1/offers", "/offers/{id}"])
def test_every_offer_write_shows_at_once(client, sie_member, path):
    def text(path):  # the search marks the matched words: read the text without the marks
        return html(client, path).replace("<mark>", "").replace("</mark>", "")

    offer = b.offer(sie_member, title="Keukenhulp")
    path = path.format(id=offer.id)
    assert "Keukenhulp" in text(path)
    offer_services.update_offer(sie_member, offer.id, {"title": "Keukenhulp en afwas"})  # edit
    assert "Keukenhulp en afwas" in text(path)
    if path.startswith("/offers/"):
        return
    offer_services.change_offer_status(sie_member, offer.id, "closed")  # close
    assert "Keukenhulp" not in text(path)
    draft = b.offer(sie_member, title="Keukenchef", status="draft")  # create
    assert "Keukenchef" not in text(path)
    offer_services.change_offer_status(sie_member, draft.id, "published")  # publish
    assert "Keukenchef" in text(path)


def test_a_renamed_organisation_shows_on_cached_offer_pages(client, sie_member, sie):
    offer = b.offer(sie_member)
    assert "Casablanco vzw" in html(client, "/offers") and "Casablanco vzw" in html(client, f"/offers/{offer.id}")
    db.session.get(Organisation, sie.id).name = "Casablanca vzw"
    db.session.commit()
    assert "Casablanca vzw" in html(client, "/offers") and "Casablanca vzw" in html(client, f"/offers/{offer.id}")


def test_approving_an_organisation_raises_the_organisations_counter(app, admin):
    pending = factories.organisation("Nieuwe SIE", "sie", status="pending")
    before = version("organisations")
    organisation_services.approve_organisation(admin, pending.id)
    assert version("organisations") > before


def test_logged_in_members_never_get_the_visitors_page(client, login, sie_member):
    b.offer(sie_member, title="Geheim concept", status="draft")
    b.offer(sie_member, title="Openbaar aanbod")
    visitor = html(client, "/offers")
    assert "Geheim concept" not in visitor
    login(sie_member)
    assert "Geheim concept" in html(client, "/offers")  # own drafts: never a cached copy
    client.post("/logout", data={"csrf_token": _token(client)})
    assert "Geheim concept" not in html(client, "/offers")


def _token(client):
    return csrf_in(html(client, "/profile"))


def test_a_page_that_flashed_is_not_kept(client, sie_member):
    b.offer(sie_member)
    assert "ignored" in html(client, "/offers?function=astronaut")
    assert "ignored" in html(client, "/offers?function=astronaut")  # computed again, flashed again


def test_bearer_tokens_bypass_the_cache(client, sie_member, auth_headers):
    b.offer(sie_member, title="Geheim concept", status="draft")
    assert client.get("/api/v1/offers").json["total"] == 0
    own = client.get("/api/v1/offers", headers=auth_headers(sie_member)).json
    assert own["total"] == 1


def test_languages_are_kept_apart(client, sie_member):
    b.offer(sie_member)
    assert 'lang="fr"' in html(client, "/offers", **{"Accept-Language": "fr"})
    assert 'lang="nl"' in html(client, "/offers", **{"Accept-Language": "nl"})


def test_a_view_that_touches_the_session_or_the_csrf_token_is_not_kept(app, client):
    from flask import session
    from flask_wtf.csrf import generate_csrf

    calls = []

    def with_token():
        calls.append(1)
        return generate_csrf()

    def with_session():
        calls.append(1)
        session["seen"] = True
        return "ok"

    app.add_url_rule("/probe-token", "probe_token", cache.anonymous_response("offers")(with_token))
    app.add_url_rule("/probe-session", "probe_session", cache.anonymous_response("offers")(with_session))
    first = client.get("/probe-token").get_data(as_text=True)
    other = app.test_client()  # another visitor must never receive the first one's token
    assert other.get("/probe-token").get_data(as_text=True) != first
    client.get("/probe-session")
    client.get("/probe-session")
    assert len(calls) == 4


# --- events ----------------------------------------------------------------------------------

@pytest.fixture
def study_day(partner):
    return helpers.event(partner, title="Studiedag", capacity=1)


def test_event_edit_and_cancel_show_at_once(client, admin, study_day):
    event_id = study_day.id
    for path in ("/events", f"/events/{event_id}"):
        assert "Studiedag" in html(client, path)
    services.update_event(admin, db.session.get(Event, event_id).id, {"title": "Nieuwe studiedag"})
    for path in ("/events", f"/events/{event_id}"):
        assert "Nieuwe studiedag" in html(client, path)
    services.cancel_event(admin, db.session.get(Event, event_id).id)
    for path in ("/events", f"/events/{event_id}"):
        assert "Cancelled" in html(client, path)


def test_registrations_and_cancellations_change_the_seats_shown(client, study_day, participant):
    event_id = study_day.id
    assert "1 of 1 seats left" in html(client, f"/events/{event_id}")
    assert "1 of 1 seats left" in html(client, "/events")
    services.register(participant, db.session.get(Event, event_id).id)
    assert "0 of 1 seats left" in html(client, f"/events/{event_id}")
    assert "0 of 1 seats left" in html(client, "/events")
    services.cancel_registration(participant, db.session.get(Event, event_id).id)
    assert "1 of 1 seats left" in html(client, f"/events/{event_id}")
    assert "1 of 1 seats left" in html(client, "/events")


def _later(monkeypatch, delta):
    moment = utcnow() + delta
    for module in ("portal.core.cache", "portal.events.queries", "portal.events.views", "portal.events.models"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: moment)


def test_an_event_moves_to_the_past_when_it_ends(client, partner, monkeypatch):
    event = helpers.event(partner, title="Morgen", days_ahead=1)
    page = html(client, "/events")
    assert page.index("Morgen") < page.index("past-heading")
    _later(monkeypatch, timedelta(days=2))  # no write at all: only the clock moved
    page = html(client, "/events")
    assert page.index("past-heading") < page.index("Morgen")
    assert event.id


def test_registration_closes_on_a_cached_event_page_at_the_deadline(client, partner, monkeypatch):
    event = helpers.event(partner, days_ahead=3, registration_deadline=utcnow() + timedelta(days=1))
    assert "Registration is closed." not in html(client, f"/events/{event.id}")
    _later(monkeypatch, timedelta(days=2))
    assert "Registration is closed." in html(client, f"/events/{event.id}")


def test_the_public_feed_drops_an_event_when_it_leaves_the_window(client, partner, monkeypatch):
    helpers.event(partner, title="Bijna voorbij", days_ahead=-1, registration_deadline=utcnow() - timedelta(days=2))
    first = client.get("/calendar/events.ics")
    assert b"Bijna voorbij" in first.data
    _later(monkeypatch, timedelta(days=40))
    response = client.get("/calendar/events.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert response.status_code == 200 and b"Bijna voorbij" not in response.data


def test_a_cached_feed_validator_answers_304_until_an_event_changes(client, admin, study_day, count_queries):
    etag = client.get("/calendar/events.ics").headers["ETag"]
    with count_queries() as statements:
        assert client.get("/calendar/events.ics", headers={"If-None-Match": etag}).status_code == 304
    assert statements == []
    services.update_event(admin, db.session.get(Event, study_day.id).id, {"venue": "Elders"})
    assert client.get("/calendar/events.ics", headers={"If-None-Match": etag}).status_code == 200


def test_a_renamed_organiser_changes_the_calendars_etag(client, partner, study_day):
    paths = ("/calendar/events.ics", f"/events/{study_day.id}.ics")
    etags = {path: client.get(path).headers["ETag"] for path in paths}
    db.session.get(Organisation, partner.id).name = "Hernoemde partner"
    db.session.commit()
    for path in paths:
        response = client.get(path, headers={"If-None-Match": etags[path]})
        assert response.status_code == 200 and b"Hernoemde partner" in response.data


# --- the LRU itself ------------------------------------------------------------------------

def test_the_lru_is_bounded_and_expires_entries():
    lru = cache.LRU(2)
    now = utcnow()
    lru.put("a", 1)
    lru.put("b", 2, expires=now + timedelta(seconds=1))
    lru.get("a")
    lru.put("c", 3)  # "b" was used least recently
    assert lru.get("b") is None and lru.get("a") == 1 and lru.get("c") == 3
    lru.put("d", 4, expires=now + timedelta(seconds=1))
    assert lru.get("d", now=now + timedelta(seconds=2)) is None
    assert len(lru) <= 2


def test_disabled_caching_computes_every_time(app, client, sie_member, count_queries):
    app.config["CACHE_ENABLED"] = False
    b.offer(sie_member)
    html(client, "/offers")
    assert not served_from_cache(client, count_queries, "/offers")[1]
