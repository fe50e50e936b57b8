"""GET /api/v1/openapi.json: every /api/v1 route of the app is described, nothing else, and the
document is valid OpenAPI 3.1 whose error answers all use the one error format."""
import re

from openapi_spec_validator import validate

from portal.api import openapi
from portal.api.guide import WHO

IGNORED = {"HEAD", "OPTIONS"}


def app_routes(app):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            routes.update((method.lower(), path) for method in rule.methods - IGNORED)
    return routes


def documented(spec):
    return {(method, path) for path, item in spec["paths"].items() for method in openapi.METHODS if method in item}


def test_every_api_route_is_documented_and_nothing_more(app, client):
    spec = client.get("/api/v1/openapi.json").json
    assert documented(spec) == app_routes(app)
    assert len(app_routes(app)) >= 39


def test_the_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    spec = response.json
    assert spec["openapi"].startswith("3.1")
    validate(spec)  # raises on any error


def test_it_is_public_and_built_once(client, monkeypatch):
    monkeypatch.setattr(openapi, "_complete", lambda *args: (_ for _ in ()).throw(AssertionError("rebuilt")))
    first = client.get("/api/v1/openapi.json")
    second = client.get("/api/v1/openapi.json")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data == openapi.document_bytes()


def test_a_bad_token_is_refused_here_too(client):
    response = client.get("/api/v1/openapi.json", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_every_error_answer_references_the_error_format(client):
    spec = client.get("/api/v1/openapi.json").json
    error = spec["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    assert error["properties"]["error"]["required"] == ["code", "message"]
    for path, item in spec["paths"].items():
        for method in openapi.METHODS:
            if method not in item:
                continue
            operation = item[method]
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    assert answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
            assert "401" in operation["responses"], (method, path)  # any request with a bad token
            if "requestBody" in operation:
                assert {"400", "422"} <= set(operation["responses"]), (method, path)
            if "{" in path:
                assert "404" in operation["responses"], (method, path)


def test_statuses_named_by_the_contract_are_documented(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]

    def statuses(method, path):
        return set(paths[path][method]["responses"])

    assert {"201", "401", "429"} <= statuses("post", "/api/v1/tokens")
    assert {"201", "429"} <= statuses("post", "/api/v1/signup")
    assert "204" in statuses("delete", "/api/v1/tokens/current")
    assert "204" in statuses("delete", "/api/v1/candidates/{candidate_id}")
    assert {"204", "404"} <= statuses("delete", "/api/v1/events/{event_id}/registrations/me")
    assert {"201", "409", "422"} <= statuses("post", "/api/v1/events/{event_id}/registrations")
    assert {"200", "403", "409"} <= statuses("post", "/api/v1/referrals/{referral_id}/transitions")
    assert {"201", "403", "409"} <= statuses("post", "/api/v1/referrals")
    assert {"201", "403"} <= statuses("post", "/api/v1/offers")


def test_bearer_scheme_and_who_may_call_each_operation(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["components"]["securitySchemes"]["bearer"] == {**spec["components"]["securitySchemes"]["bearer"],
                                                              "type": "http", "scheme": "bearer"}
    assert set(WHO) == {f"{method.upper()} {path}" for method, path in documented(spec)}
    me = spec["paths"]["/api/v1/me"]["get"]
    assert me["security"] == [{"bearer": []}]
    offers = spec["paths"]["/api/v1/offers"]["get"]
    assert offers["security"] == [{}, {"bearer": []}]  # public; a token shows the owner's drafts too
    assert offers["tags"] == ["offers"] and offers["x-who"]
