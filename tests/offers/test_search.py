"""Offer search: full text, filters, newest first, visibility, and scale."""
from datetime import timedelta

from portal.core.types import utcnow
from portal.extensions import db
from portal.offers.models import Offer
from portal.offers.search import search_offers
from tests.referrals import builders as b


def _titles(user, **filters):
    return [o.title for o in db.session.execute(search_offers(user, filters)).scalars()]


def test_text_search_matches_title_description_and_organisation(sie_member, host_member):
    b.offer(sie_member, title="Chauffeur bestelwagen", description="Leveringen in Brussel", function="driver")
    b.offer(host_member, title="Onthaal", description="Receptie van het centrum", function="receptionist")
    assert _titles(None, q="chauffeur") == ["Chauffeur bestelwagen"]
    assert _titles(None, q="receptie") == ["Onthaal"]
    assert _titles(None, q="Samusocial") == ["Onthaal"]  # the host's name
    assert _titles(None, q="nothing-like-this") == []


def test_filters_combine(sie_member, host_member):
    b.offer(sie_member, title="A", commune="jette", languages=["fr"], contract_type="internship")
    b.offer(host_member, title="B", commune="anderlecht", languages=["nl", "en"], sector="care")
    assert _titles(None, commune="jette") == ["A"]
    assert _titles(None, language="en") == ["B"]
    assert _titles(None, language="fr") == ["A"]
    assert _titles(None, contract_type="internship") == ["A"]
    assert _titles(None, sector="care", commune="anderlecht") == ["B"]
    assert _titles(None, function="kitchen_help") == ["B", "A"]


def test_newest_first_and_drafts_hidden_from_others(sie_member, host_member):
    old = b.offer(sie_member, title="Old")
    db.session.get(Offer, old.id).created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    b.offer(sie_member, title="New")
    b.offer(sie_member, title="Draft", status="draft")
    assert _titles(None) == ["New", "Old"]
    assert _titles(host_member) == ["New", "Old"]
    assert _titles(sie_member) == ["Draft", "New", "Old"]


def test_special_characters_in_search_are_literal(sie_member):
    b.offer(sie_member, title="100% bio")
    assert _titles(None, q="%") == ["100% bio"]
    assert _titles(None, q="_") == []


def test_search_on_ten_thousand_offers_runs_constant_queries_through_the_index(sie, sie_member, count_queries):
    """Speed itself is measured in bench/; here: three queries whatever the size, and on
    PostgreSQL the full-text condition is answered by the GIN index, not a scan."""
    from sqlalchemy import text

    from portal.demo.offers import bulk_offers

    bulk_offers([sie], 10_000)
    b.offer(sie_member, title="Fietshersteller")
    filters = {"q": "keukenhulp", "commune": "anderlecht"}
    with count_queries() as queries:
        page = db.paginate(search_offers(None, filters), page=1, per_page=20)
    assert page.total > 0 and len(queries) == 3  # organisations by name, count, page
    if db.engine.dialect.name == "postgresql":  # a rare word: the planner's best path is the index
        db.session.execute(text("ANALYZE offers"))
        statement = search_offers(None, {"q": "fietshersteller"}).compile(
            db.engine, compile_kwargs={"render_postcompile": True})
        rows = db.session.connection().exec_driver_sql(f"EXPLAIN {statement}", statement.params)
        plan = "\n".join(row[0] for row in rows)
        assert "ix_offers_search" in plan, plan
