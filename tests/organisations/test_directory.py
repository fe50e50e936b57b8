"""The public partner directory: page and API, filters, pagination, a fixed number of queries."""
import re

import pytest

from portal.extensions import db
from tests import factories


@pytest.fixture
def network(app):
    """A small network: approved organisations of several types, and some that are not."""
    made = {
        "casablanco": factories.organisation("Casablanco vzw", "sie", commune="anderlecht",
                                             description="Renovatie en afwerking"),
        "arpaije": factories.organisation("arpaije vzw", "sie", commune="molenbeek-saint-jean-sint-jans-molenbeek",
                                          description="Schoonmaak en catering"),
        "ocmw": factories.organisation("OCMW Anderlecht", "ocmw", commune="anderlecht"),
        "samusocial": factories.organisation("Samusocial", "host", commune="bruxelles-brussel",
                                             description="Nachtopvang, keuken 100% solidair"),
        "febisp": factories.organisation("FeBISP", "federation"),
        "pending": factories.organisation("Pending Horeca vzw", "sie", status="pending", commune="anderlecht"),
        "rejected": factories.organisation("Rejected Renovatie vzw", "sie", status="rejected"),
    }
    return made


def names(response):
    return [item["name"] for item in response.get_json()["items"]]


# --- the API -------------------------------------------------------------------------

def test_api_lists_approved_organisations_sorted_by_name_in_the_envelope(client, network):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items", "total", "page", "per_page"}
    assert body["total"] == 5 and body["page"] == 1 and body["per_page"] == 20
    assert names(response) == ["arpaije vzw", "Casablanco vzw", "FeBISP", "OCMW Anderlecht", "Samusocial"]
    assert set(body["items"][0]) == {"id", "name", "type", "status", "enterprise_number", "commune", "website",
                                     "email", "phone", "address", "description", "language", "translations",
                                     "sie_mandated", "sie_mandate_until", "sectors"}


def test_api_filters_by_type_and_commune(client, network):
    assert names(client.get("/api/v1/organisations?type=sie")) == ["arpaije vzw", "Casablanco vzw"]
    assert names(client.get("/api/v1/organisations?commune=anderlecht")) == ["Casablanco vzw", "OCMW Anderlecht"]
    assert names(client.get("/api/v1/organisations?type=sie&commune=anderlecht")) == ["Casablanco vzw"]


def test_api_free_text_searches_name_and_description_case_insensitively(client, network):
    assert names(client.get("/api/v1/organisations?q=CATERING")) == ["arpaije vzw"]
    assert names(client.get("/api/v1/organisations?q=casablanco")) == ["Casablanco vzw"]
    assert names(client.get("/api/v1/organisations?q=renovatie")) == ["Casablanco vzw"]  # not the rejected one


def test_api_free_text_treats_wildcards_literally(client, network):
    assert names(client.get("/api/v1/organisations?q=100%25")) == ["Samusocial"]
    assert names(client.get("/api/v1/organisations?q=%25")) == ["Samusocial"]
    assert names(client.get("/api/v1/organisations?q=_")) == []


@pytest.mark.parametrize("query, field", [
    ("type=bank", "type"), ("commune=paris", "commune"), ("q=" + "x" * 201, "q"),
    ("page=0", "page"), ("per_page=101", "per_page"), ("page=abc", "page"),
])
def test_api_bad_filters_are_422_naming_the_field(client, network, query, field):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_api_paginates(client):
    for n in range(7):
        factories.organisation(f"Organisation {n}", "host")
    first = client.get("/api/v1/organisations?per_page=3").get_json()
    third = client.get("/api/v1/organisations?per_page=3&page=3").get_json()
    assert first["total"] == 7 and len(first["items"]) == 3
    assert [i["name"] for i in third["items"]] == ["Organisation 6"]
    assert client.get("/api/v1/organisations?per_page=3&page=9").get_json()["items"] == []


def test_api_never_lists_pending_organisations_even_to_their_members(client, auth_headers, network):
    founder = factories.member(network["pending"], "founder@pending.test", role="admin")
    response = client.get("/api/v1/organisations?type=sie", headers=auth_headers(founder))
    assert "Pending Horeca vzw" not in names(response)


def test_api_list_runs_a_fixed_number_of_queries(client, count_queries):
    factories.organisation("First", "host")
    with count_queries() as few:
        client.get("/api/v1/organisations")
    for n in range(30):
        factories.organisation(f"More {n}", "sie", sectors=["horeca"])
    with count_queries() as many:
        client.get("/api/v1/organisations")
    assert len(many) == len(few) <= 2


# --- the page ------------------------------------------------------------------------

def test_page_lists_approved_organisations_with_type_and_commune(client, network):
    page = client.get("/organisations?lang=fr")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Casablanco vzw" in text and "Samusocial" in text
    assert "Pending Horeca vzw" not in text and "Rejected Renovatie vzw" not in text
    assert "Molenbeek-Saint-Jean" in text
    assert f'href="/organisations/{network["casablanco"].id}"' in text


def test_page_filters(client, network):
    text = client.get("/organisations?type=sie&commune=anderlecht").get_data(as_text=True)
    assert "Casablanco vzw" in text and "arpaije vzw" not in text and "OCMW Anderlecht" not in text
    assert "Samusocial" in client.get("/organisations?q=solidair").get_data(as_text=True)


@pytest.mark.parametrize("query, field", [("type=bank", "type"), ("commune=paris", "commune")])
def test_page_explains_an_unknown_filter_and_leaves_it_out(client, network, query, field):
    page = client.get(f"/organisations?{query}&lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'id="filter-{field}-error"' in text and "Unknown" in text
    assert "Casablanco vzw" in text


def test_page_paginates(client):
    for n in range(25):
        factories.organisation(f"Org {n:02d}", "host")
    first = client.get("/organisations").get_data(as_text=True)
    second = client.get("/organisations?page=2").get_data(as_text=True)
    assert "Org 00" in first and "Org 20" not in first and 'rel="next"' in first
    assert "Org 20" in second and "Org 00" not in second


def test_page_keeps_filters_in_the_pagination_links(client):
    for n in range(25):
        factories.organisation(f"Sie {n:02d}", "sie", commune="jette")
    text = client.get("/organisations?type=sie&commune=jette").get_data(as_text=True)
    link = re.search(r'<a rel="next" href="([^"]+)"', text).group(1)
    assert "page=2" in link and "type=sie" in link and "commune=jette" in link


def test_page_runs_a_fixed_number_of_queries(client, count_queries, login):
    # The reader's own organisation sorts last, so it is never on the page measured: whether
    # the navigation finds it in the session's identity map must not blur the count.
    member = factories.member(factories.organisation("Zz OCMW", "ocmw"), "worker@zz.test")
    for n in range(21):
        factories.organisation(f"First {n}", "host")
    login(member)
    db.session.expire_all()
    with count_queries() as few:
        client.get("/organisations")
    for n in range(30):
        factories.organisation(f"More {n}", "sie", description="x" * 300)
    db.session.expire_all()
    with count_queries() as many:
        client.get("/organisations")
    assert len(many) == len(few)


def test_page_for_anonymous_runs_two_queries(client, count_queries):
    for n in range(30):
        factories.organisation(f"More {n}", "sie")
    with count_queries() as queries:
        client.get("/organisations")
    assert len(queries) == 2  # the count and the page
