"""Samusocial's 2021 annual-report figures (seed 000_…: 106 / 53 / 26) through the reports API,
after the demo loader (`flask --app wsgi demo`)."""
from portal.demo import offers as demo_offers


def test_demo_gives_samusocial_2021_through_the_api(runner, client, admin, auth_headers):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    from portal.demo import organisations

    samusocial = organisations.get("samusocial")
    body = client.get("/api/v1/reports/placements", query_string={"year": 2021, "organisation_id": samusocial.id},
                      headers=auth_headers(admin)).json
    # 106 persons supported, 53 contracts ended in 2021, of those 26 hired as employees
    assert (body["supported"], body["ended"], body["hired"]) == (106, 53, 26)
    # the jobs they were hired into: receptionist, driver, maintenance, kitchen help, night watch, polyvalent, IT
    assert {code: n for code, n in body["by_function"].items() if n} == demo_offers.HIRED_2021
    assert sum(body["ended_by_outcome"].values()) == 53
