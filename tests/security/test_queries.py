"""Bad query strings on every list of the API and the pages: pagination out of range or not a
number, unknown codes, impossible dates, overlong or NUL text (422 naming the parameter on the
API, never a 500 anywhere), and injection strings that are searched for literally and shown
escaped."""
import pytest

from tests.security.conftest import ODD_TEXTS
from tests.security.test_api_bodies import error_problem, run

API_LISTS = [
    ("/api/v1/offers", None), ("/api/v1/organisations", None), ("/api/v1/events?from=2000-01-01", None),
    ("/api/v1/referrals", "ocmw_member"), ("/api/v1/candidates", "ocmw_member"),
    ("/api/v1/events/{event}/registrations", "partner_member"),
]
BAD_NUMBERS = ["0", "-1", "abc", "1.5", "1e3", "99999999999999999999", "²", "١", " 1", "1 OR 1=1", "\x00"]


def _url(path, world, **params):
    from urllib.parse import urlencode

    path = path.format_map(world.ids)
    return path + ("&" if "?" in path else "?") + urlencode(params)


@pytest.mark.parametrize("path, role", API_LISTS, ids=[p for p, _r in API_LISTS])
def test_bad_pagination_is_422_on_the_parameter(client, bearer, world, path, role):
    cases = [("page", v) for v in BAD_NUMBERS] + [("per_page", v) for v in BAD_NUMBERS + ["101", "100000"]]
    run(cases, lambda case: error_problem(
        client.get(_url(path, world, **{case[0]: case[1]}), headers=bearer(role)), 422, case[0]))


@pytest.mark.parametrize("path, role", API_LISTS, ids=[p for p, _r in API_LISTS])
def test_pagination_at_the_edges_answers_the_envelope(client, bearer, world, path, role):
    for params, page, per_page in (({"page": "999999"}, 999999, None), ({"per_page": "100"}, 1, 100),
                                   ({"page": "", "per_page": ""}, 1, None)):
        response = client.get(_url(path, world, **params), headers=bearer(role))
        assert response.status_code == 200, (params, response.get_data(as_text=True))
        body = response.get_json()
        assert set(body) >= {"items", "total", "page", "per_page"} and body["page"] == page
        assert per_page is None or body["per_page"] == per_page
        if page > 1:
            assert body["items"] == []


API_FILTERS = [
    ("/api/v1/offers", None, [("q", "x" * 201), ("q", "a\x00b"), ("sector", "astronaut"), ("commune", "paris"),
                              ("function", "king"), ("language", "xx"), ("contract_type", "slave"),
                              ("status", "archived")]),
    ("/api/v1/organisations", None, [("type", "bank"), ("commune", "paris"), ("q", "x" * 201), ("q", "\x00")]),
    ("/api/v1/events", None, [("from", "2023-02-30"), ("to", "2023-13-01"), ("from", "28/06/2023"),
                              ("organiser_id", "abc"), ("organiser_id", "-1"), ("from", "\x00")]),
    ("/api/v1/events?from=2023-06-28", None, [("to", "2023-06-01")]),
    ("/api/v1/referrals", "ocmw_member", [("box", "all"), ("status", "hired"), ("box", "\x00")]),
    ("/api/v1/reports/placements", "admin", [("year", "abc"), ("year", "20233"), ("year", "1999"),
                                                   ("year", "2023-02"), ("year", "²")]),
]


@pytest.mark.parametrize("path, role, cases", API_FILTERS, ids=[p for p, _r, _c in API_FILTERS])
def test_unknown_codes_impossible_dates_and_overlong_filters_are_422(client, bearer, world, path, role, cases):
    run(cases, lambda case: error_problem(
        client.get(_url(path, world, **{case[0]: case[1]}), headers=bearer(role)), 422, case[0]))


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "²", "0"])
def test_a_report_for_a_malformed_or_absent_organisation_is_404(client, bearer, world, value):
    response = client.get(_url("/api/v1/reports/placements", world, organisation_id=value, year="2023"),
                          headers=bearer("sie_member"))
    assert error_problem(response, 404) is None, response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["99999999999999999999", "2147483648", "²"])
def test_organiser_ids_that_fit_no_record_are_422(client, world, value):
    assert error_problem(client.get(_url("/api/v1/events", world, organiser_id=value)), 422, "organiser_id") is None


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "-1", "abc", "\u0661"])
def test_the_public_feed_ignores_an_organiser_id_that_is_no_id(client, world, value):
    response = client.get(_url("/calendar/events.ics", world, organiser_id=value))
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.data


@pytest.mark.parametrize("token", ["\u00b2-abc", "99999999999999999999-abc", "1-" + "a" * 200, "-", "x"])
def test_personal_feed_tokens_that_name_no_user_are_404(client, world, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


@pytest.mark.parametrize("path, param", [("/api/v1/offers", "q"), ("/api/v1/organisations", "q")])
def test_injection_strings_are_searched_for_literally(client, world, path, param):
    world.offer  # noqa: B018  (something to find, or not)
    for value in ODD_TEXTS.values():
        response = client.get(_url(path, world, **{param: value[:200]}))
        assert response.status_code == 200, (value, response.get_data(as_text=True))
        assert response.get_json()["items"] == []
    assert client.get(_url(path, world, **{param: "%"})).get_json()["items"] == []  # LIKE wildcards taken literally


PAGES = [("/offers", None), ("/organisations", None), ("/events", None), ("/candidates", "ocmw_member"),
         ("/referrals", "ocmw_member"), ("/audit", "ocmw_admin"), ("/reports", "sie_member")]


@pytest.mark.parametrize("path, role", PAGES, ids=[p for p, _r in PAGES])
def test_pages_take_any_page_number_without_failing(client, login, world, path, role):
    if role:
        login(world.user(role))
    for value in [v for v in BAD_NUMBERS if v != "\x00"] + ["999999"]:
        response = client.get(_url(path, world, page=value))
        assert response.status_code == 200, (value, response.status_code)


@pytest.mark.parametrize("path, role", PAGES + [("/events/{event}", None), ("/offers/{offer}", None)],
                         ids=[p for p, _r in PAGES] + ["/events/id", "/offers/id"])
def test_a_nul_in_any_query_parameter_is_422_not_500(client, login, world, path, role):
    if role:
        login(world.user(role))
    for params in ({"q": "a\x00"}, {"page": "\x00"}, {"lang": "\x00"}, {"x\x00": "1"}):
        response = client.get(_url(path, world, **params))
        assert response.status_code == 422, (params, response.status_code)
        assert "not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize("path, param", [("/offers", "q"), ("/organisations", "q"), ("/organisations", "type"),
                                         ("/offers", "sector"), ("/reports", "year")])
def test_query_text_is_shown_escaped_on_the_page(client, login, world, path, param):
    login(world.user("sie_member"))
    response = client.get(_url(path, world, **{param: ODD_TEXTS["html"]}))
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 422)
    assert "<script>alert" not in page and "<img src=x" not in page
