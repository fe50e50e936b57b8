"""Schemathesis against the app's own openapi.json, in-process (WSGI), with a token of every role.

For each operation, Hypothesis generates requests from the document (bodies, query strings, path
ids — half of them pointed at records that exist, so bodies are judged, not only 404s) and sends each
one as every role. No answer may be a 5xx, carry a status the document does not list, a content type
it does not declare, or a body that breaks its schema.
"""
import json
from functools import cache

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from portal.api.openapi import METHODS, document, document_bytes
from tests.api.world import ROLES, build_world

CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]
OPERATIONS = [(path, method) for path, item in document()["paths"].items() for method in METHODS if method in item]
SETTINGS = settings(max_examples=6, derandomize=True, deadline=None, database=None, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck))


@cache
def loaded_schema():
    """The served document, parsed by schemathesis once per process (test_openapi_document checks that
    /api/v1/openapi.json serves exactly these bytes); each test points it at its own app."""
    return schemathesis.openapi.from_dict(json.loads(document_bytes()))


def point_at_records(case, world):
    """Send two of three generated ids to a record that exists (chosen by the id itself: reproducible)."""
    for name, value in (case.path_parameters or {}).items():
        known = world.ids.get(name)
        if known and isinstance(value, int) and value % 3:
            case.path_parameters[name] = known[value % len(known)]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_every_role_gets_answers_the_document_allows(app, path, method):
    world = build_world()
    schema = loaded_schema()
    schema.app = app  # in-process WSGI calls to this test's app
    operation = schema[path][method.upper()]

    @SETTINGS
    @given(case=operation.as_strategy())
    def exchange(case):
        point_at_records(case, world)
        for role in ROLES:
            response = case.call(headers={**world.headers(role), "Accept-Language": "en"})
            case.validate_response(response, checks=CHECKS)

    exchange()
