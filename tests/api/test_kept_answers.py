"""Answers kept per bearer token (portal/api/kept.py): a repeated GET reads nothing, every
write shows at once, a revoked token is refused at once, two organisations never mix, and a
list that shows (and so audits) candidates is computed every time."""
from datetime import timedelta

from sqlalchemy import func

from portal.core.audit import AuditEntry
from portal.core.types import utcnow
from portal.extensions import db
from portal.referrals import services
from tests.referrals import builders as b


def _world(ocmw_member, host_member, sie_member):
    to_host = b.offer(host_member, title="Bij de host")
    to_sie = b.offer(sie_member, title="Bij de SIE")
    b.referral(ocmw_member, b.candidate(ocmw_member, first_name="Amina"), to_host)
    b.referral(ocmw_member, b.candidate(ocmw_member, first_name="Bram", reference="DOS-2"), to_sie)


def _get(client, headers, count_queries=None):
    db.session.expunge_all()
    if count_queries is None:
        response = client.get("/api/v1/referrals", headers=headers)
        return response, None
    with count_queries() as statements:
        response = client.get("/api/v1/referrals", headers=headers)
    return response, statements


def test_a_receivers_list_is_kept_and_each_sees_their_own(client, ocmw_member, host_member, sie_member,
                                                          auth_headers, count_queries):
    _world(ocmw_member, host_member, sie_member)
    host, sie = auth_headers(host_member), auth_headers(sie_member)
    for _ in range(2):
        first, _ = _get(client, host)
        again, statements = _get(client, host, count_queries)
        assert again.json == first.json and statements == []
        assert [r["offer"]["title"] for r in again.json["items"]] == ["Bij de host"]
        assert [r["offer"]["title"] for r in _get(client, sie)[0].json["items"]] == ["Bij de SIE"]


def test_a_move_shows_at_once(client, ocmw_member, host_member, sie_member, auth_headers):
    _world(ocmw_member, host_member, sie_member)
    host = auth_headers(host_member)
    item = _get(client, host)[0].json["items"][0]
    assert item["status"] == "submitted"
    services.move_referral(db.session.merge(host_member), item["id"], {"to": "in_review"})
    assert _get(client, host)[0].json["items"][0]["status"] == "in_review"


def test_a_revoked_token_is_refused_at_once(client, ocmw_member, host_member, sie_member, auth_headers):
    _world(ocmw_member, host_member, sie_member)
    host = auth_headers(host_member)
    assert _get(client, host)[0].status_code == 200
    assert _get(client, host)[0].status_code == 200  # kept
    assert client.delete("/api/v1/tokens/current", headers=host).status_code == 204
    assert _get(client, host)[0].status_code == 401


def test_a_kept_answer_turns_overdue_on_time(client, monkeypatch, ocmw_member, host_member, sie_member,
                                             auth_headers):
    _world(ocmw_member, host_member, sie_member)
    host = auth_headers(host_member)
    assert _get(client, host)[0].json["items"][0]["overdue"] is False
    later = utcnow() + timedelta(days=10)
    for module in ("portal.core.types", "portal.core.cache", "portal.referrals.serialise"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: later)
    assert _get(client, host)[0].json["items"][0]["overdue"] is True


def test_the_senders_list_is_audited_every_time(client, ocmw_member, host_member, sie_member, auth_headers):
    _world(ocmw_member, host_member, sie_member)
    ocmw = auth_headers(ocmw_member)

    def audited():
        return db.session.scalar(db.select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "candidate.list"))

    before = audited()
    for _ in range(3):
        assert len(_get(client, ocmw)[0].json["items"]) == 2
    assert audited() == before + 3
