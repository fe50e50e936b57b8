"""The /reports page: each organisation's own report, the OCMW and host sections, who is refused,
languages, and a fixed number of queries (data set: tests/reports/dataset.py, year 2024)."""
import html
import re

import pytest

from tests.reports import dataset


def numbers_of(page, table):
    """The cells of a table of the page, row by row (header cell first)."""
    body = re.search(rf'<table class="report-table" id="table-{table}">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = (re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows)
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in row] for row in cells]


def test_host_member_sees_its_hosted_figures(client, login, data, host_member, ocmw, other_ocmw):
    login(host_member)
    response = client.get("/reports?year=2024&lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # supported 9, started 6, ended 6, hired 2 (worked out in tests/reports/dataset.py)
    assert numbers_of(page, "summary") == [["Persons supported", "9"], ["Placements started", "6"],
                                           ["Placements ended", "6"], ["Hired by the host", "2"]]
    assert ["Broken off", "1"] in numbers_of(page, "outcomes")
    assert ["Receptionist", "2", "2", "1", "1"] in numbers_of(page, "functions")
    # the OCMWs worked with: A (7 referrals in 2024, 8 supported), J (3 referrals, 1 supported)
    assert numbers_of(page, "partners") == [[ocmw.name, "OCMW / CPAS", "7", "8"],
                                            [other_ocmw.name, "OCMW / CPAS", "3", "1"]]
    assert 'id="table-funnel"' not in page and 'id="table-types"' not in page


def test_ocmw_member_sees_what_it_referred_with_funnel_and_partners(client, login, data, ocmw_member, host, sie):
    login(ocmw_member)
    page = client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    # A referred #1-#9 and #13: supported 9, started 6, ended 6, hired 3 (#1 #9 #13)
    assert [row[1] for row in numbers_of(page, "summary")] == ["9", "6", "6", "3"]
    # 8 referrals submitted in 2024, 5 accepted, 5 started, 1 declined, 1 withdrawn
    assert [row[1] for row in numbers_of(page, "funnel")] == ["8", "5", "5", "1", "1"]
    assert [row[0] for row in numbers_of(page, "partners")] == [sie.name, host.name]


def test_the_year_selector_keeps_the_year(client, login, data, host_member):
    login(host_member)
    page = client.get("/reports?year=2023").get_data(as_text=True)
    assert '<option value="2023" selected>' in page
    # 2023: supported 4 (#1 #2 #5 #6), started 3, ended 1, hired 0
    assert [row[1] for row in numbers_of(page, "summary")] == ["4", "3", "1", "0"]


@pytest.mark.parametrize("year", ["abc", "1999", "9999"])
def test_a_bad_year_is_refused_with_a_message(client, login, host_member, year):
    login(host_member)
    response = client.get(f"/reports?year={year}&lang=en")
    assert response.status_code == 422
    assert "Give a year from 2000 to" in response.get_data(as_text=True)


def test_admin_sees_the_network_by_default_and_may_pick_an_organisation(client, login, data, admin, host):
    login(admin)
    page = client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    assert "Network report 2024" in page and "counts under 5 are not shown" in page
    # 10 supported, 7 started, 7 ended, 3 hired -> suppressed
    assert [row[1] for row in numbers_of(page, "summary")] == ["10", "7", "7", "<\xa05"]
    assert f'<option value="{host.id}">' in page
    page = client.get(f"/reports?year=2024&organisation_id={host.id}").get_data(as_text=True)
    assert [row[1] for row in numbers_of(page, "summary")] == ["9", "6", "6", "2"]


@pytest.mark.parametrize("who", ["sie_member", "ocmw_member", "other_ocmw_member", "partner_member"])
def test_another_organisations_report_is_refused(client, login, data, host, request, who):
    login(request.getfixturevalue(who))
    response = client.get(f"/reports?year=2024&organisation_id={host.id}")
    assert response.status_code == 404
    assert "Persons supported" not in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["host_member", "sie_member", "sie_admin", "ocmw_member", "partner_member"])
def test_the_network_view_is_refused_to_members(client, login, data, request, who):
    login(request.getfixturevalue(who))
    response = client.get("/reports?year=2024&organisation_id=network")
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["participant", "unverified"])
def test_people_without_an_organisation_are_refused(client, login, request, who):
    login(request.getfixturevalue(who))
    assert client.get("/reports").status_code == 403


def test_anonymous_is_sent_to_login(client, data):
    response = client.get("/reports?year=2024")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_pending_members_request_is_refused(client, login, host):
    from tests import factories

    login(factories.member(host, "waiting@samusocial.test", status="pending"))  # not yet a member
    assert client.get(f"/reports?organisation_id={host.id}").status_code == 403


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_page_renders_in_each_language(client, login, data, host_member, admin, lang):
    for user in (host_member, admin):
        login(user)
        response = client.get(f"/reports?year=2024&lang={lang}")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        assert "css/reports.css" in page


@pytest.mark.parametrize("who, organisation", [("host_member", None), ("ocmw_member", None), ("admin", "network")])
def test_page_query_count_does_not_grow_with_the_data(client, login, request, host, sie, ocmw, other_ocmw,
                                                      count_queries, who, organisation):
    user = request.getfixturevalue(who)
    login(user)
    url = "/reports?year=2024" + (f"&organisation_id={organisation}" if organisation else "")
    dataset.build(host, sie, ocmw, other_ocmw)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    dataset.more_placements(host, ocmw, 150)
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small) <= 11  # 11: the reasons tables (#18) add one UNION ALL statement
