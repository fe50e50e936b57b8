"""CSV export: every table of the page as UTF-8 with a BOM, with the same numbers as the API."""
import csv
import io

import pytest

from tests import factories

API = "/api/v1/reports/placements"


def rows_of(response):
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def by_code(rows):
    """{code: [cells after code and label]} of a table with codes."""
    return {row[0]: row[2:] for row in rows[1:]}


def test_csv_headers_and_filename(client, login, data, host, host_member):
    login(host_member)
    response = client.get("/reports/summary.csv?year=2024")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="tandem-report-2024-organisation-{host.id}-summary.csv"')
    assert rows_of(response)[0] == ["code", "Figure", "Count"]


def test_csv_numbers_match_the_api(client, login, data, host, host_member, auth_headers):
    api = client.get(API, query_string={"year": 2024, "organisation_id": host.id},
                     headers=auth_headers(host_member)).json
    login(host_member)
    summary = by_code(rows_of(client.get("/reports/summary.csv?year=2024")))
    assert {code: int(cells[0]) for code, cells in summary.items()} == {
        "supported": api["supported"], "started": api["started"], "ended": api["ended"], "hired": api["hired"]}
    outcomes = by_code(rows_of(client.get("/reports/outcomes.csv?year=2024")))
    assert {code: int(cells[0]) for code, cells in outcomes.items()} == api["ended_by_outcome"]
    # the API's by_function is the "hired" column (the last) of the functions table
    functions = by_code(rows_of(client.get("/reports/functions.csv?year=2024")))
    assert {code: int(cells[-1]) for code, cells in functions.items()} == api["by_function"]
    assert functions["receptionist"] == ["2", "2", "1", "1"]  # #3 and #9


def test_network_csv_leaves_suppressed_cells_empty_as_the_api_nulls(client, login, data, admin, auth_headers):
    api = client.get(API, query_string={"year": 2024}, headers=auth_headers(admin)).json
    login(admin)
    summary = by_code(rows_of(client.get("/reports/summary.csv?year=2024&organisation_id=network")))
    assert summary == {"supported": ["10"], "started": ["7"], "ended": ["7"], "hired": [""]}
    assert api["hired"] is None
    types = by_code(rows_of(client.get("/reports/types.csv?year=2024&organisation_id=network")))
    # H hosted 9 supported, 6 started, 6 ended, 2 hired; the SIE 1, 1, 1, 1
    assert types == {"host": ["9", "6", "6", ""], "sie": ["", "", "", ""]}
    communes = by_code(rows_of(client.get("/reports/communes.csv?year=2024&organisation_id=network")))
    assert communes["bruxelles-brussel"] == ["9", "6", "6", ""]


@pytest.mark.parametrize("name", ["summary", "outcomes", "functions", "months", "trend", "funnel", "partners"])
def test_every_table_of_an_ocmw_page_exports(client, login, data, ocmw_member, name):
    login(ocmw_member)
    response = client.get(f"/reports/{name}.csv?year=2024")
    assert response.status_code == 200 and len(rows_of(response)) > 1


def test_text_with_accents_survives(client, login, data, ocmw_member, sie):
    sie.name = "Équipe « Zenne » vzw"
    from portal.extensions import db

    db.session.commit()
    login(ocmw_member)
    rows = rows_of(client.get("/reports/partners.csv?year=2024"))
    assert "Équipe « Zenne » vzw" in [row[1] for row in rows]


def test_a_table_not_in_the_report_is_404(client, login, data, host_member):
    login(host_member)
    assert client.get("/reports/types.csv?year=2024").status_code == 404  # network only
    assert client.get("/reports/nonsense.csv?year=2024").status_code == 404


@pytest.mark.parametrize("who", ["ocmw_member", "sie_member"])
def test_another_organisations_csv_is_refused(client, login, data, host, request, who):
    login(request.getfixturevalue(who))
    assert client.get(f"/reports/summary.csv?year=2024&organisation_id={host.id}").status_code == 404


def test_network_csv_refused_to_a_member_and_anonymous(client, login, data, host_member):
    assert client.get("/reports/summary.csv?organisation_id=network").status_code == 302
    login(host_member)
    assert client.get("/reports/summary.csv?organisation_id=network").status_code == 403
    login(factories.user("someone@example.test"))
    assert client.get("/reports/summary.csv").status_code == 403
