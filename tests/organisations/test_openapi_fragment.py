"""The organisations' part of openapi.json lists exactly the routes that exist, with their methods."""
from portal.organisations.api import OPENAPI_PATHS


def test_every_organisations_api_route_is_described(app):
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/organisations"):
            path = rule.rule.replace("<int:", "{").replace(">", "}")
            routes.setdefault(path, set()).update(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
    described = {path: set(methods) for path, methods in OPENAPI_PATHS.items()}
    assert described == routes
