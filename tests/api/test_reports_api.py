"""API contract of GET /api/v1/reports/placements (API.md "Reports"), on the hand-made data set
of tests/reports/dataset.py (year 2024; the numbers are worked out there and in
tests/reports/test_definitions.py)."""
import pytest

from portal.core.choices import CLOSE_REASONS, FUNCTIONS, OUTCOMES
from tests.reports import dataset

URL = "/api/v1/reports/placements"


@pytest.fixture
def data(host, sie, ocmw, other_ocmw):
    return dataset.build(host, sie, ocmw, other_ocmw)


def get(client, headers, **args):
    return client.get(URL, query_string=args, headers=headers)


def test_host_member_gets_the_hosted_figures(client, data, host, host_member, auth_headers):
    response = get(client, auth_headers(host_member), year="2024", organisation_id=host.id)
    assert response.status_code == 200, response.json
    body = response.json
    assert body == {
        "year": 2024, "organisation_id": host.id,
        # #1 #3 #4 #5 #6 #7 #8 #9 #12 overlap 2024; #3 #4 #7 #8 #9 #12 started; #1 #4 #7 #8 #9 #12 ended
        "supported": 9, "started": 6, "ended": 6,
        "ended_by_outcome": {"hired": 2, "hired_elsewhere": 1, "training": 0, "job_seeking": 1,
                             "broken_off": 1, "other": 1},
        "hired": 2,  # #1 (driver) and #9 (receptionist)
        "by_function": {**dict.fromkeys(FUNCTIONS.codes, 0), "driver": 1, "receptionist": 1},
        # the one decline of 2024 (closed 2024-06-03, no capacity); #12 broken off for health
        "declined_by_reason": {**dict.fromkeys(CLOSE_REASONS.codes, 0), "no_capacity": 1},
        "broken_off_by_reason": {**dict.fromkeys(CLOSE_REASONS.codes, 0), "health": 1},
        "suppressed": False,
    }
    assert set(body["ended_by_outcome"]) == set(OUTCOMES.codes)  # every code, even at 0


def test_an_ocmw_report_counts_the_placements_it_hosted_to_the_letter(client, data, ocmw, ocmw_member,
                                                                      auth_headers):
    # API.md: "for placements hosted by that organisation" — an OCMW hosts none
    body = get(client, auth_headers(ocmw_member), year="2024", organisation_id=ocmw.id).json
    assert (body["supported"], body["started"], body["ended"], body["hired"]) == (0, 0, 0, 0)


def test_sie_report(client, data, sie, sie_member, auth_headers):
    body = get(client, auth_headers(sie_member), year="2024", organisation_id=sie.id).json
    # only #13: started 2024-02-01, ended 2024-10-01 hired, as a driver
    assert (body["supported"], body["started"], body["ended"], body["hired"]) == (1, 1, 1, 1)
    assert body["by_function"]["driver"] == 1 and body["ended_by_outcome"]["hired"] == 1


@pytest.mark.parametrize("who", ["admin", "moderator"])
def test_admin_and_moderator_see_any_organisation(client, data, host, request, auth_headers, who):
    body = get(client, auth_headers(request.getfixturevalue(who)), year="2024", organisation_id=host.id).json
    assert (body["supported"], body["hired"]) == (9, 2)


@pytest.mark.parametrize("who", ["admin", "moderator"])
def test_network_view_suppresses_counts_under_five(client, data, request, auth_headers, who):
    body = get(client, auth_headers(request.getfixturevalue(who)), year="2024").json
    # all 10 placements overlapping 2024; 7 started; 7 ended; 3 hired (#1 #9 #13) -> null
    assert body["organisation_id"] is None and body["suppressed"] is True
    assert (body["supported"], body["started"], body["ended"], body["hired"]) == (10, 7, 7, None)
    assert set(body["ended_by_outcome"].values()) == {None}  # 3, 1, 0, 1, 2, 1: all under 5
    assert set(body["by_function"].values()) == {None}


def test_network_view_without_suppression_says_so(client, host, sie, ocmw, admin, auth_headers):
    dataset.more_placements(host, ocmw, 0)
    body = get(client, auth_headers(admin), year="2024").json
    assert body["supported"] is None and body["suppressed"] is True  # 0 is under 5, to the letter
    dataset.more_placements(host, ocmw, 70, year=2024)
    body = get(client, auth_headers(admin), year="2024").json
    assert body["supported"] >= 5 and body["suppressed"] is True  # some function/outcome cells stay small


@pytest.mark.parametrize("who", ["other_ocmw_member", "ocmw_member", "sie_member", "partner_member",
                                 "participant", "unverified"])
def test_another_organisations_report_is_404(client, data, host, request, auth_headers, who):
    response = get(client, auth_headers(request.getfixturevalue(who)), year="2024", organisation_id=host.id)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_unknown_organisation_is_404_even_for_admin(client, admin, auth_headers):
    assert get(client, auth_headers(admin), year="2024", organisation_id="999999").status_code == 404
    assert get(client, auth_headers(admin), year="2024", organisation_id="abc").status_code == 404


@pytest.mark.parametrize("who", ["host_member", "ocmw_member", "sie_member", "partner_member", "participant",
                                 "sie_admin"])
def test_network_view_is_refused_to_others(client, data, request, auth_headers, who):
    response = get(client, auth_headers(request.getfixturevalue(who)), year="2024")
    assert response.status_code == 403
    assert "supported" not in response.get_data(as_text=True)


def test_anonymous_needs_a_token(client, data, host):
    assert client.get(URL, query_string={"year": "2024", "organisation_id": host.id}).status_code == 401
    assert client.get(URL, query_string={"year": "2024"}).status_code == 401


@pytest.mark.parametrize("year", [None, "", "abc", "24", "2024.0", " 2024x", "1999", "3000", "٢٠٢٤", "-2024"])
def test_bad_year_is_422_naming_year(client, host, host_member, auth_headers, year):
    args = {"organisation_id": host.id}
    if year is not None:
        args["year"] = year
    response = get(client, auth_headers(host_member), **args)
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["year"]


def test_access_is_decided_before_the_year(client, host, other_ocmw_member, auth_headers):
    response = get(client, auth_headers(other_ocmw_member), year="nonsense", organisation_id=host.id)
    assert response.status_code == 404


def test_query_count_does_not_grow_with_the_data(client, host, sie, ocmw, other_ocmw, host_member, auth_headers,
                                                 count_queries):
    headers = auth_headers(host_member)
    dataset.build(host, sie, ocmw, other_ocmw)
    with count_queries() as small:
        assert get(client, headers, year="2024", organisation_id=host.id).status_code == 200
    dataset.more_placements(host, ocmw, 120)
    with count_queries() as large:
        assert get(client, headers, year="2024", organisation_id=host.id).status_code == 200
    assert len(large) == len(small) <= 7


def test_a_member_of_another_host_gets_404(client, data, host, auth_headers):
    from tests import factories

    other_host = factories.organisation("Les Petits Riens", "host", commune="ixelles-elsene")
    stranger = factories.member(other_host, "hr@petitsriens.test", role="admin")
    assert get(client, auth_headers(stranger), year="2024", organisation_id=host.id).status_code == 404
    # and their own report is theirs: nothing hosted
    assert get(client, auth_headers(stranger), year="2024", organisation_id=other_host.id).json["supported"] == 0
