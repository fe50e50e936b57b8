"""A year without placements says so, and points members to their referrals. (The network
view hides counts under 5, zero included, so it cannot tell an empty year: it never says so.)"""
import pytest


@pytest.mark.parametrize("role, hint", [("host_member", "becomes a placement"),
                                        ("ocmw_member", "starts a placement")])
def test_an_empty_year_says_so_and_points_to_the_referrals(client, login, request, role, hint):
    login(request.getfixturevalue(role))
    page = client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    assert "No placement to report for 2024." in page and hint in page
    assert 'href="/referrals"' in page.split("No placement to report")[1].split("</div>")[0]


def test_a_year_with_placements_shows_no_empty_state(client, login, data, host_member, admin):
    login(host_member)
    assert "No placement to report" not in client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    login(admin)  # the network, where small counts are hidden (None), is not empty either
    assert "No placement to report" not in client.get("/reports?year=2024&lang=en").get_data(as_text=True)
