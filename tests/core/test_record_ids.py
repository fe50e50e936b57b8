"""Ids past the database's range are refused before any query (found by schemathesis: each was a 500,
SQLite's OverflowError), as a 404 in a URL and a 422 in a body or query string."""
import pytest

from portal.core.ids import page_number, record_id

HUGE = 10**20


@pytest.mark.parametrize("path", [f"/api/v1/offers/{HUGE}", f"/api/v1/events/{HUGE}", f"/api/v1/candidates/{HUGE}",
                                  f"/offers/{HUGE}", f"/events/{HUGE}"])
def test_a_huge_id_in_a_url_is_a_plain_404(client, path):
    assert client.get(path).status_code == 404


def test_another_method_on_a_huge_id_is_404_not_405(client, sie_member, auth_headers):
    response = client.patch(f"/api/v1/events/{HUGE}", json={"title": "x"}, headers=auth_headers(sie_member))
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_the_largest_id_still_routes(client):
    assert client.get("/api/v1/offers/2147483647").json["error"]["code"] == "not_found"


def test_a_huge_integer_in_a_json_body_is_422(client, ocmw_member, auth_headers):
    response = client.post("/api/v1/referrals", json={"candidate_id": HUGE, "offer_id": 1},
                           headers=auth_headers(ocmw_member))
    assert response.status_code == 422
    assert "candidate_id" in response.json["error"]["fields"]


def test_a_huge_organisation_id_in_sign_up_is_422(client):
    response = client.post("/api/v1/signup", json={"email": "a@example.test", "password": "a long passphrase 42",
                                                   "name": "A", "language": "en", "organisation_id": HUGE})
    assert response.status_code == 422
    assert "organisation_id" in response.json["error"]["fields"]


@pytest.mark.parametrize("raw, expected", [
    ("7", 7), ("0", 0), (str(2**31 - 1), 2**31 - 1), (str(2**31), None), ("9" * 30, None),
    ("²", None), ("٣", None), ("-1", None), ("1.0", None), (" 1", None), ("", None), (None, None),
])
def test_an_id_written_in_a_url_or_form_is_ascii_digits_within_the_column(raw, expected):
    assert record_id(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("3", 3), ("1", 1), ("0", 1), ("-2", 1), ("²", 1), ("abc", 1), ("", 1), (None, 1),
    ("999999", 999999), ("1000000", 1), ("9" * 40, 1),
])
def test_a_page_number_falls_back_to_the_first_page(raw, expected):
    assert page_number(raw) == expected
