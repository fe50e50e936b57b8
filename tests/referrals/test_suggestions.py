"""Suggested offers (API.md §6.4): published offers ranked by fit for a candidate, for the owning
OCMW only, with reasons as codes (API) and plain words (page); one query whatever the volume."""
from datetime import date

import pytest

from portal.core.audit import AuditEntry
from portal.core.choices import neighbours
from portal.extensions import db
from portal.referrals import services
from portal.referrals.models import Referral
from tests import factories
from tests.referrals import builders as b

MOLENBEEK = "molenbeek-saint-jean-sint-jans-molenbeek"


@pytest.fixture
def person(ocmw_member):
    """The issue's job coach's case: speaks Arabic and French, lives in Molenbeek."""
    return b.candidate(ocmw_member, languages=["ar", "fr"], commune=MOLENBEEK, hours_per_week=38,
                       skills="Two years as a cook's help in a restaurant.", available_from=date(2026, 11, 15))


def url(candidate):
    return f"/api/v1/candidates/{candidate.id}/suggested-offers"


def test_the_neighbour_table_is_symmetric_and_covers_the_19_communes():
    from portal.core.choices import COMMUNES

    for commune in COMMUNES.codes:
        assert neighbours(commune), commune
        assert all(commune in neighbours(other) for other in neighbours(commune))
    assert "koekelberg" in neighbours(MOLENBEEK) and "uccle-ukkel" not in neighbours(MOLENBEEK)


def test_offers_are_ranked_by_fit_with_their_reasons(client, person, ocmw_member, host_member, sie_member,
                                                     auth_headers):
    kitchen = b.offer(host_member, title="Keukenhulp", commune=MOLENBEEK, function="kitchen_help", languages=["fr"])
    driver = b.offer(sie_member, title="Chauffeur", commune="koekelberg", function="driver", languages=["ar", "fr"],
                     hours_per_week=20)
    b.offer(host_member, title="IT", commune="uccle-ukkel", function="it_support", languages=["nl"])
    b.offer(host_member, title="Draft", commune=MOLENBEEK, status="draft")
    response = client.get(url(person), headers=auth_headers(ocmw_member))
    assert response.status_code == 200, response.json
    items = response.json["items"]
    assert [item["offer"]["id"] for item in items] == [kitchen.id, driver.id]
    assert items[0]["reasons"][:2] == ["same_commune", "function_matches_skills"]
    assert set(items[0]["reasons"]) == {"same_commune", "function_matches_skills", "shared_languages",
                                        "available_by_start", "hours_fit"}
    assert set(items[1]["reasons"]) == {"neighbouring_commune", "shared_languages", "available_by_start", "hours_fit"}
    assert items[0]["score"] > items[1]["score"] > 0
    assert items[0]["offer"]["organisation"]["id"] == kitchen.organisation_id
    [entry] = db.session.query(AuditEntry).filter_by(action="candidate.suggestions").all()
    assert entry.subject_id == person.id and entry.details["offer_ids"] == [kitchen.id, driver.id]


def test_offers_outside_the_consent_or_already_referred_are_left_out(client, ocmw_member, host_member, sie_member,
                                                                     sie, auth_headers):
    scoped = b.candidate(ocmw_member, commune=MOLENBEEK, consent_organisation_ids=[sie.id])
    b.offer(host_member, commune=MOLENBEEK)
    inside = b.offer(sie_member, commune=MOLENBEEK)
    assert [i["offer"]["id"] for i in client.get(url(scoped), headers=auth_headers(ocmw_member)).json["items"]] \
        == [inside.id]
    b.referral(ocmw_member, scoped, inside)
    assert client.get(url(scoped), headers=auth_headers(ocmw_member)).json["items"] == []


def test_no_suggestion_once_consent_is_revoked_or_the_data_erased(client, person, ocmw_member, host_member,
                                                                  auth_headers):
    b.offer(host_member, commune=MOLENBEEK)
    services.revoke_consent(ocmw_member, person.id)
    assert client.get(url(person), headers=auth_headers(ocmw_member)).json["items"] == []


@pytest.mark.parametrize("who", ["other_ocmw_member", "host_member", "sie_member", "admin", "moderator",
                                 "participant"])
def test_anyone_but_the_owning_ocmw_gets_404(client, request, person, auth_headers, who):
    response = client.get(url(person), headers=auth_headers(request.getfixturevalue(who)))
    assert response.status_code == 404
    assert db.session.query(AuditEntry).filter_by(action="candidate.suggestions").count() == 0


def test_without_a_token_it_is_401(client, person):
    assert client.get(url(person)).status_code == 401


def test_the_query_count_does_not_grow_with_the_offers(client, person, ocmw_member, host_member, auth_headers,
                                                       count_queries):
    headers = auth_headers(ocmw_member)
    b.offer(host_member, commune=MOLENBEEK)
    with count_queries() as few:
        client.get(url(person), headers=headers)
    for n in range(30):
        owner = factories.member(factories.organisation(f"Host {n}", "host"), f"h{n}@host.test")
        b.offer(owner, commune=MOLENBEEK if n % 2 else "koekelberg")
    with count_queries() as many:
        assert len(client.get(url(person), headers=headers).json["items"]) == 10
    assert len(many) == len(few)


def test_the_candidate_page_shows_them_in_words_with_a_one_click_referral(client, login, person, ocmw_member,
                                                                         host_member, csrf_token):
    kitchen = b.offer(host_member, title="Keukenhulp", commune=MOLENBEEK, function="kitchen_help", languages=["fr"])
    login(ocmw_member)
    page = client.get(f"/candidates/{person.id}?lang=en").get_data(as_text=True)
    assert "Offers that may suit this person" in page
    assert "Works in the commune where the person lives" in page and "(French)" in page
    token = csrf_token(f"/candidates/{person.id}")
    response = client.post("/referrals", data={"csrf_token": token, "candidate_id": person.id, "offer_id": kitchen.id})
    assert response.status_code == 302
    referral = db.session.query(Referral).one()
    assert (referral.candidate_id, referral.offer_id) == (person.id, kitchen.id)
    page = client.get(f"/candidates/{person.id}?lang=nl").get_data(as_text=True)
    assert "Aanbiedingen die bij deze persoon" not in page  # referred: no longer suggested (nothing else fits)
