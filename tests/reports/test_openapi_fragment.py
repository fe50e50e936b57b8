"""The reports' part of openapi.json describes the route that exists and the keys it answers."""
from portal.reports.api import OPENAPI_PATHS, OPENAPI_SCHEMAS


def test_every_reports_api_route_is_described(app):
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/reports")}
    assert routes == set(OPENAPI_PATHS)


def test_the_schema_lists_what_the_api_answers(client, host, host_member, auth_headers):
    body = client.get("/api/v1/reports/placements", query_string={"year": 2024, "organisation_id": host.id},
                      headers=auth_headers(host_member)).json
    schema = OPENAPI_SCHEMAS["PlacementReport"]
    assert set(body) == set(schema["properties"]) == set(schema["required"])
    assert set(body["by_function"]) == set(schema["properties"]["by_function"]["properties"])
