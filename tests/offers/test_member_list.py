"""A member's offer list: published offers and the organisation's own others, merged newest
first page by page, through index scans (no OR the planner cannot index)."""
from datetime import timedelta

from sqlalchemy import text, update

from portal.core.types import utcnow
from portal.demo.offers import bulk_offers
from portal.extensions import db
from portal.offers.models import Offer
from portal.offers.search import paginate_offers, search_offers
from tests.referrals import builders as b


def _dated(offer, minutes_ago):
    db.session.execute(update(Offer).where(Offer.id == offer.id)
                       .values(created_at=utcnow() - timedelta(minutes=minutes_ago)))
    db.session.commit()
    return offer


def test_pages_merge_published_and_own_offers_newest_first(sie_member, host_member):
    titles = []
    for minutes, (owner, status) in enumerate([(sie_member, "draft"), (host_member, "published"),
                                               (sie_member, "published"), (host_member, "draft"),
                                               (sie_member, "closed"), (host_member, "published"),
                                               (sie_member, "draft")]):
        offer = _dated(b.offer(owner, title=f"{status} {minutes}", status="draft"), minutes)
        if status != "draft":
            db.session.execute(update(Offer).where(Offer.id == offer.id).values(status=status))
            db.session.commit()
        titles.append((owner, offer.title))
    # the SIE sees every published offer and its own draft and closed ones; the host's draft never
    expected = [title for owner, title in titles if owner is sie_member or title.startswith("published")]
    pages = [paginate_offers(sie_member, {}, page, 2) for page in (1, 2, 3, 4)]
    assert [o.title for p in pages for o in p.items] == expected
    assert {p.total for p in pages} == {len(expected)}
    assert [o.title for o in paginate_offers(host_member, {"status": "draft"}, 1, 20).items] == ["draft 3"]


def test_a_status_filter_shows_drafts_to_their_owner_only(sie_member, host_member):
    b.offer(sie_member, title="Ours", status="draft")
    assert [o.title for o in db.session.execute(search_offers(sie_member, {"status": "draft"})).scalars()] == ["Ours"]
    assert db.session.execute(search_offers(host_member, {"status": "draft"})).scalars().all() == []
    assert db.session.execute(search_offers(None, {"status": "draft"})).scalars().all() == []


def test_a_members_list_page_runs_on_indexes(app, sie, sie_member, count_queries):
    bulk_offers([sie], 5_000)
    b.offer(sie_member, title="Concept", status="draft")
    assert sie_member.membership.organisation.id == sie.id  # loaded, as the page's user loader does
    with count_queries() as queries:
        page = paginate_offers(sie_member, {}, 1, 20)
    assert page.total == 5_001 and page.items[0].title == "Concept"
    assert len(queries) == 2  # count, page
    if db.engine.dialect.name != "postgresql":
        return
    db.session.execute(text("ANALYZE offers"))
    statement = search_offers(sie_member, {}, first=20).limit(20).compile(
        db.engine, compile_kwargs={"render_postcompile": True})
    plan = "\n".join(row[0] for row in db.session.connection().exec_driver_sql(f"EXPLAIN {statement}",
                                                                                statement.params))
    assert "ix_offers_status_created_at" in plan and "ix_offers_organisation_id_status" in plan, plan
    assert "Seq Scan on offers" not in plan, plan
