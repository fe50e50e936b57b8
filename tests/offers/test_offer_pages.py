"""The offer pages: list with search and filters, detail, the owners' forms."""
import pytest

from portal.core import cache
from portal.extensions import db
from portal.offers.models import Offer
from tests.referrals import builders as b


def test_public_list_shows_published_offers_and_filters(client, sie_member, host_member):
    b.offer(sie_member, title="Renovatiearbeider", function="construction", commune="jette")
    b.offer(host_member, title="Onthaalmedewerker", function="receptionist")
    b.offer(host_member, title="Geheim concept", status="draft")
    page = client.get("/offers").get_data(as_text=True)
    assert "Renovatiearbeider" in page and "Onthaalmedewerker" in page and "Geheim concept" not in page
    page = client.get("/offers?commune=jette").get_data(as_text=True)
    assert "Renovatiearbeider" in page and "Onthaalmedewerker" not in page
    page = client.get("/offers?q=onthaal").get_data(as_text=True)
    assert "Onthaalmedewerker" in page and "Renovatiearbeider" not in page


def test_unknown_filter_is_explained_and_ignored(client, sie_member):
    b.offer(sie_member, title="Renovatiearbeider")
    response = client.get("/offers?function=astronaut&lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Renovatiearbeider" in page and "ignored" in page


def test_the_kept_filter_form_follows_the_values_and_the_language_asked(client, login, ocmw_member):
    """The rendered filter form is kept per language and values (offers/views.py): a kept copy
    must never show another visitor's choices or language."""
    import re

    def selected(html):
        return set(re.findall(r'<option selected value="([^"]+)"|<option value="([^"]+)" selected', html))

    login(ocmw_member)  # logged in: the whole page is computed, the form is kept
    jette = client.get("/offers?commune=jette&q=kok").get_data(as_text=True)
    evere = client.get("/offers?commune=evere").get_data(as_text=True)
    assert 'value="kok"' in jette and "jette" in str(selected(jette)) and "evere" not in str(selected(jette))
    assert 'value="kok"' not in evere and "evere" in str(selected(evere)) and "jette" not in str(selected(evere))
    assert "jette" in str(selected(client.get("/offers?commune=jette&q=kok").get_data(as_text=True)))
    french = client.get("/offers?commune=jette&q=kok&lang=fr").get_data(as_text=True)
    assert "Secteur" in french and "Sector</label>" not in french
    wrong = client.get("/offers?sector=nonsense&lang=en").get_data(as_text=True)
    assert "Unknown value for the filter" in wrong


def test_list_runs_a_fixed_number_of_queries(client, sie_member, host_member, count_queries):
    for i in range(3):
        b.offer(sie_member, title=f"A{i}")
    client.get("/offers")
    db.session.expire_all()  # the test shares the session with the app: start each count cold
    cache.clear()  # count a computed page (a cached one runs none: tests/core/test_cache.py)
    with count_queries() as few:
        client.get("/offers")
    for i in range(15):
        b.offer(host_member, title=f"B{i}")
    db.session.expire_all()
    cache.clear()
    with count_queries() as many:
        client.get("/offers")
    assert len(few) == len(many)


def test_detail_escapes_and_makes_paragraphs(client, sie_member):
    offer = b.offer(sie_member, description="<script>alert(1)</script>\n\nSecond paragraph\nline two")
    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<p lang=\"nl\">Second paragraph<br>line two</p>" in page  # a Dutch text on an English page
    assert "Casablanco vzw" in page


def test_draft_detail_is_404_to_others_and_shown_to_owner(client, login, sie_member, host_member):
    draft = b.offer(sie_member, status="draft")
    assert client.get(f"/offers/{draft.id}").status_code == 404
    login(host_member)
    assert client.get(f"/offers/{draft.id}").status_code == 404
    login(sie_member)
    assert client.get(f"/offers/{draft.id}").status_code == 200


def test_ocmw_member_sees_refer_form_with_own_candidates_only(client, login, ocmw_member, other_ocmw_member,
                                                              sie_member):
    offer = b.offer(sie_member)
    b.candidate(ocmw_member, first_name="Mine")
    b.candidate(other_ocmw_member, first_name="Theirs")
    login(ocmw_member)
    response = client.get(f"/offers/{offer.id}")
    page = response.get_data(as_text=True)
    assert "Refer a candidate" in page or 'action="/referrals"' in page
    assert "Mine" in page and "Theirs" not in page
    assert response.headers["Cache-Control"] == "no-store"
    login(sie_member)
    assert 'action="/referrals"' not in client.get(f"/offers/{offer.id}").get_data(as_text=True)


def test_owner_creates_offer_through_the_form(client, login, sie_member, csrf_token):
    login(sie_member)
    token = csrf_token("/offers/new")
    response = client.post("/offers/new", data={
        "csrf_token": token, "title": "Schilder", "description": "Verven", "sector": "construction",
        "function": "construction", "commune": "anderlecht", "positions": "1", "languages": ["nl"],
        "hours_per_week": "38", "start_date": "2026-12-01", "contract_type": "art60", "status": "published"})
    assert response.status_code == 302
    assert db.session.query(Offer).one().title == "Schilder"


def test_form_shows_errors_and_saves_nothing(client, login, sie_member, csrf_token):
    login(sie_member)
    response = client.post("/offers/new", data={
        "csrf_token": csrf_token("/offers/new"), "title": "Schilder", "sector": "construction",
        "function": "astronaut", "commune": "anderlecht", "positions": "0", "hours_per_week": "38",
        "start_date": "2026-12-01", "contract_type": "art60", "status": "published"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert db.session.query(Offer).count() == 0


def test_form_without_csrf_is_400(client, login, sie_member):
    login(sie_member)
    assert client.post("/offers/new", data={"title": "x"}).status_code == 400


@pytest.mark.parametrize("who", ["ocmw_member", "participant", "partner_member"])
def test_new_offer_page_refused_to_others(client, login, request, who):
    login(request.getfixturevalue(who))
    assert client.get("/offers/new").status_code == 403


def test_new_offer_page_needs_login(client):
    assert client.get("/offers/new").status_code in (302, 401)


def test_owner_changes_status_and_others_cannot(client, login, sie_member, host_member, csrf_token):
    offer = b.offer(sie_member)
    login(host_member)
    token = csrf_token(f"/offers/{offer.id}")
    assert client.post(f"/offers/{offer.id}/status", data={"csrf_token": token, "status": "closed"}).status_code == 403
    assert db.session.get(Offer, offer.id).status == "published"
    login(sie_member)
    token = csrf_token(f"/offers/{offer.id}")
    client.post(f"/offers/{offer.id}/status", data={"csrf_token": token, "status": "filled"})
    assert db.session.get(Offer, offer.id).status == "filled"
    response = client.post(f"/offers/{offer.id}/status", data={"csrf_token": token, "status": "draft"},
                           follow_redirects=True)
    assert "cannot become" in response.get_data(as_text=True) or response.status_code == 200
    assert db.session.get(Offer, offer.id).status == "filled"


def test_owner_edits_and_stranger_gets_403_or_404(client, login, sie_member, host_member):
    offer = b.offer(sie_member)
    login(host_member)
    assert client.get(f"/offers/{offer.id}/edit").status_code == 403
    login(sie_member)
    assert client.get(f"/offers/{offer.id}/edit").status_code == 200
