"""The network view of /reports: all organisations together, by type and by commune, with
small-number suppression exactly as API.md says (data set: tests/reports/dataset.py, 2024)."""
from tests.reports import dataset
from tests.reports.test_page import numbers_of

UNDER_FIVE = "<\xa05"


def test_moderator_sees_the_network_by_type_and_commune(client, login, data, moderator):
    login(moderator)
    page = client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    # H (a host, in Brussels): 9 supported, 6 started, 6 ended, 2 hired -> 2 suppressed
    # the SIE (in Anderlecht): 1, 1, 1, 1 -> all suppressed
    assert numbers_of(page, "types") == [["Social integration enterprise", UNDER_FIVE, UNDER_FIVE, UNDER_FIVE,
                                          UNDER_FIVE],
                                         ["Host organisation", "9", "6", "6", UNDER_FIVE]]
    communes = {row[0]: row[1:] for row in numbers_of(page, "communes")}
    assert communes["Bruxelles / Brussel"] == ["9", "6", "6", UNDER_FIVE] and communes["Anderlecht"] == [UNDER_FIVE] * 4
    # every month has fewer than 5 starts: all suppressed; no partner list in the network view
    assert {row[1] for row in numbers_of(page, "months")} == {UNDER_FIVE}
    assert 'id="table-partners"' not in page and 'id="table-funnel"' not in page


def test_network_numbers_of_five_and_more_are_shown(client, login, host, sie, ocmw, other_ocmw, admin):
    dataset.build(host, sie, ocmw, other_ocmw)
    dataset.more_placements(host, ocmw, 70)
    login(admin)
    page = client.get("/reports?year=2024&organisation_id=network&lang=en").get_data(as_text=True)
    summary = [row[1] for row in numbers_of(page, "summary")]
    assert all(cell.isdigit() and int(cell) >= 5 for cell in summary)


def test_the_network_page_and_the_api_agree(client, login, data, admin, auth_headers):
    api = client.get("/api/v1/reports/placements", query_string={"year": 2024}, headers=auth_headers(admin)).json
    login(admin)
    page = client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    shown = [row[1] for row in numbers_of(page, "summary")]
    expected = [UNDER_FIVE if api[k] is None else str(api[k]) for k in ("supported", "started", "ended", "hired")]
    assert shown == expected
