"""Kept answers served before Flask (portal/core/kept_answers.py): a repeat of the very same
request never enters Flask, anything else about the request makes it computed, an answer
that sets a cookie is never kept, a kept 304 is exact, and an audited read writes its audit
entry on every hit — or is not answered from the copy at all."""
import pytest
from flask import request
from sqlalchemy import func

from portal.core import data_versions
from portal.core.audit import AuditEntry
from portal.events import services as event_services
from portal.events.models import Event
from portal.extensions import db
from tests.events import helpers
from tests.referrals import builders as b


@pytest.fixture
def computed(app):
    """The paths Flask handled (a kept answer does not reach it)."""
    paths = []
    app.before_request(lambda: paths.append(request.path) and None)
    return paths


def status(client, path, **kwargs):
    return client.get(path, **kwargs).status_code


def test_a_repeated_request_never_enters_flask(client, computed, sie_member):
    b.offer(sie_member, title="Keukenhulp")
    first = client.get("/offers")
    again = client.get("/offers")
    assert computed == ["/offers"]
    assert again.data == first.data and again.headers == first.headers  # security headers included


@pytest.mark.parametrize("other", [
    {"query_string": {"page": "2"}},
    {"headers": {"Accept-Language": "fr"}},
    {"headers": {"Accept": "application/json"}},
    {"headers": {"Host": "elders.example"}},
])
def test_anything_else_about_the_request_is_computed(client, computed, sie_member, other):
    b.offer(sie_member)
    client.get("/offers")
    client.get("/offers", **other)
    assert computed == ["/offers", "/offers"]


def test_a_copied_cookie_from_another_client_is_judged_by_flask(app, login, computed, sie_member):
    mine = app.test_client()
    login(sie_member, mine)
    for _ in range(3):
        assert status(mine, "/profile") == 200
    assert computed == ["/profile", "/profile"]  # the first answer marked the session non-fresh
    cookie = mine.get_cookie("session").value
    elsewhere = app.test_client()
    elsewhere.set_cookie("session", cookie)
    assert status(elsewhere, "/profile", headers={"User-Agent": "Other browser"}) == 200
    assert status(elsewhere, "/profile", environ_base={"REMOTE_ADDR": "192.0.2.9"}) == 200
    assert computed[2:] == ["/profile", "/profile"]


def test_an_answer_that_sets_a_cookie_is_never_kept(app, client, computed):
    from portal.core import cache

    def with_cookie():
        response = app.make_response("ok")
        response.set_cookie("seen", "1")
        return response

    app.add_url_rule("/probe-cookie", "probe_cookie", cache.anonymous_response("offers")(with_cookie))
    for _ in range(2):
        assert client.get("/probe-cookie").headers["Set-Cookie"].startswith("seen=1")
    assert computed == ["/probe-cookie", "/probe-cookie"]


def test_a_kept_304_is_exact(client, computed, admin, partner):
    day = helpers.event(partner, title="Studiedag")
    etag = client.get("/calendar/events.ics").headers["ETag"]
    conditional = {"If-None-Match": etag}
    assert [status(client, "/calendar/events.ics", headers=conditional) for _ in range(2)] == [304, 304]
    assert computed == ["/calendar/events.ics"] * 2
    event_services.update_event(admin, db.session.get(Event, day.id).id, {"venue": "Elders"})
    assert status(client, "/calendar/events.ics", headers=conditional) == 200


def test_heads_and_posts_pass_through(client, computed, sie_member):
    b.offer(sie_member)
    client.get("/offers")
    client.get("/offers")  # kept: the next requests of the same URL could be answered from it
    for _ in range(2):
        assert client.head("/offers").data == b""
    client.post("/offers", data={})
    assert computed == ["/offers", "/offers", "/offers", "/offers"]


def _audited():
    return db.session.scalar(db.select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "candidate.list"))


@pytest.fixture
def ocmw_client(app, login, ocmw_member, computed):
    b.candidate(ocmw_member, first_name="Amina")
    client = app.test_client()
    login(ocmw_member, client)
    assert status(client, "/candidates") == 200  # marks the session non-fresh: not kept
    computed.clear()
    return client


def test_an_audited_read_is_kept_and_logged_on_every_hit(ocmw_client, computed, ocmw_member):
    before = _audited()
    pages = [ocmw_client.get("/candidates").data for _ in range(3)]
    assert computed == ["/candidates"]  # computed once, then kept
    assert pages[0] == pages[1] == pages[2] and b"Amina" in pages[2]
    assert _audited() == before + 3
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "candidate.list")
                                 .order_by(AuditEntry.id).limit(3).offset(before)).all()
    # the computed request's entry, then the two hits': the same entry, at a later moment
    assert len({(e.actor_id, e.organisation_id, e.subject_type, e.subject_id, str(e.details)) for e in entries}) == 1
    assert entries[0].actor_id == ocmw_member.id and entries[0].details["candidate_ids"]
    assert entries[0].at <= entries[1].at <= entries[2].at and entries[2].at.utcoffset().total_seconds() == 0


def test_no_audit_entry_no_kept_answer(ocmw_client, computed, monkeypatch):
    assert status(ocmw_client, "/candidates") == 200  # kept
    before = _audited()

    def refuse(self, table, rows):
        raise RuntimeError("the audit table is away")

    monkeypatch.setattr(data_versions.VersionReader, "insert", refuse)
    assert status(ocmw_client, "/candidates") == 200
    assert computed[-1] == "/candidates" and len(computed) == 2  # Flask answered, and logged it
    assert _audited() == before + 1


def test_counters_that_cannot_be_read_send_the_request_to_flask(client, computed, sie_member, monkeypatch):
    b.offer(sie_member)
    client.get("/offers")
    original = data_versions.VersionReader.read
    calls = []

    def first_fails(self):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("connection lost")
        return original(self)

    monkeypatch.setattr(data_versions.VersionReader, "read", first_fails)
    assert status(client, "/offers") == 200
    assert computed == ["/offers", "/offers"]


@pytest.fixture
def two_entries(app, computed):
    """A probe page whose every read writes two audit entries, the second naming a person."""
    from portal.accounts.models import User
    from portal.core import audit, cache
    from portal.core.use_case import commit
    from tests import factories

    reader_id = factories.user("reader@example.be").id

    def audited_twice():
        audit.record(None, "probe.read", None)
        audit.record(db.session.get(User, reader_id), "probe.read", None)
        commit()
        return "read"

    app.add_url_rule("/probe-audited", "probe_audited", cache.anonymous_response("offers")(audited_twice))
    return reader_id


def _probe_entries():
    return db.session.scalars(db.select(AuditEntry.actor_id).where(AuditEntry.action == "probe.read")
                              .order_by(AuditEntry.id)).all()


def test_several_audit_entries_are_written_again_on_every_hit(client, computed, two_entries):
    for _ in range(3):
        assert client.get("/probe-audited").data == b"read"
    assert computed == ["/probe-audited"]
    assert _probe_entries() == [None, two_entries] * 3


def test_several_audit_entries_are_written_all_or_none(app, client, computed, two_entries):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs a foreign key the database enforces (SQLite here does not)")
    from sqlalchemy import text

    assert client.get("/probe-audited").status_code == 200
    with db.engine.begin() as connection:  # the reader goes, and with it the second entry's foreign key
        connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": two_entries})
    assert client.get("/probe-audited").data == b"read"
    assert computed == ["/probe-audited"] * 2  # the kept copy's entries failed: Flask answered
    # the first read's two (their reader since erased), Flask's two: nothing of the failed hit
    assert _probe_entries() == [None, None, None, None]
