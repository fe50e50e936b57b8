"""Search in both languages of Brussels (API.md §6.2), on SQLite and PostgreSQL alike: every
language version, without regard to case and accents, across Dutch and French inflections;
titles rank before descriptions; the cards show which words matched, escaped."""
import pytest

from portal.core import search_keys
from portal.extensions import db
from portal.offers.search import search_offers
from portal.organisations import queries as organisations
from portal.organisations import search as organisation_search
from tests.referrals import builders as b


def _titles(q, user=None):
    return [o.title for o in db.session.execute(search_offers(user, {"q": q})).scalars()]


@pytest.mark.parametrize("query, title", [
    ("receptionniste", "Réceptionniste"),
    ("RÉCEPTIONNISTES", "Réceptionniste"),
    ("keukenhulpen", "Keukenhulp"),
    ("cuisinières", "Cuisinier de collectivité"),
    ("chauffeurs", "Chauffeur"),
])
def test_accents_case_and_inflections_do_not_matter(sie_member, query, title):
    for name in ("Réceptionniste", "Keukenhulp", "Cuisinier de collectivité", "Chauffeur"):
        b.offer(sie_member, title=name, description="")
    assert _titles(query) == [title]


def test_every_language_version_is_searched(sie_member):
    offer = b.offer(sie_member, title="Onthaalmedewerker", description="Onthaal van bezoekers")
    offer.translations = {"fr": {"title": "Agent d'accueil", "description": "Accueil des visiteurs"}}
    db.session.commit()
    assert _titles("accueil") == ["Onthaalmedewerker"]
    assert _titles("visiteurs") == ["Onthaalmedewerker"]
    assert _titles("onthaal") == ["Onthaalmedewerker"]
    offer.translations = {}
    db.session.commit()  # the keys follow every write
    assert _titles("accueil") == []


def test_a_title_match_ranks_before_a_description_match(sie_member):
    b.offer(sie_member, title="Magazijnier", description="Werk met een keukenhulp in de buurt")
    b.offer(sie_member, title="Keukenhulp", description="Groenten snijden")
    assert _titles("keukenhulp") == ["Keukenhulp", "Magazijnier"]


def test_the_directory_searches_names_and_descriptions_in_every_language(client, sie, host):
    sie.description = "Sociale inschakelingsonderneming"
    sie.translations = {"fr": {"description": "Entreprise d'insertion : aide-cuisinier"}}
    host.description = "Opvang van daklozen"
    db.session.commit()

    def names(q):
        return [o.name for o in db.session.execute(organisations.directory_statement(q=q)).scalars()]

    assert names("cuisinieres") == ["Casablanco vzw"]
    assert names("SAMUSOCIAL") == ["Samusocial"]
    assert names("daklozen") == ["Samusocial"]
    assert names("inschakelingsondernemingen") == ["Casablanco vzw"]


def test_the_offer_card_marks_the_matched_words_escaped(client, sie_member):
    b.offer(sie_member, title="<b>Réceptionniste</b> & onthaal", description="")
    html = client.get("/offers?q=receptionniste").get_data(as_text=True)
    assert "&lt;b&gt;<mark>Réceptionniste</mark>&lt;/b&gt; &amp; onthaal" in html
    assert "<b>Réceptionniste" not in html


def test_the_card_names_a_match_found_in_another_language(client, sie_member):
    offer = b.offer(sie_member, title="Keukenhulp", description="")
    offer.translations = {"fr": {"title": "Aide-cuisinière"}}
    db.session.commit()
    html = client.get("/offers?q=cuisiniere", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "<mark>cuisinière</mark>" in html


def test_highlight_escapes_everything_but_the_marks():
    marked = str(search_keys.highlight("<i>Cuisinières</i>", "cuisinier"))
    assert marked == "&lt;i&gt;<mark>Cuisinières</mark>&lt;/i&gt;"


def test_the_directory_search_uses_its_gin_index_on_postgresql(sie):
    from sqlalchemy import text

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    from portal.organisations.models import Organisation

    # a handful of rows: without a scan to fall back on, the planner shows whether the
    # directory's text condition is the indexed expression
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    condition, _rank = organisation_search.directory_match("cuisine")
    statement = db.select(Organisation.id).where(condition).compile(
        db.engine, compile_kwargs={"render_postcompile": True})
    rows = db.session.connection().exec_driver_sql(f"EXPLAIN {statement}", statement.params)
    plan = "\n".join(row[0] for row in rows)
    assert "ix_organisations_search" in plan, plan
