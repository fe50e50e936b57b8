"""GET /api/v1/openapi.json: the OpenAPI 3.1 document of API.md §2, assembled once per process.

Each domain describes its own routes (OPENAPI_PATHS, OPENAPI_SCHEMAS beside its api.py); this module
merges them and adds what every operation shares, so no fragment has to repeat it: the error format
as one component that every 4xx response references, the bearer scheme, the 401 any request with a
bad token gets, 400/422 wherever a body is read, 404 wherever a path names a record, the tags that
group the /api/docs page, and who may call each operation (`x-who`, the "who" column of API.md).
"""
import copy
import importlib
import json
from functools import cache

from flask import Response

from portal.api import bp
from portal.api.guide import N_, TAGS, WHO, tag_of

FRAGMENTS = ("portal.accounts.api", "portal.organisations.api", "portal.offers.openapi",
             "portal.referrals.openapi", "portal.events.openapi", "portal.reports.api", "portal.webhooks.openapi")
METHODS = ("get", "post", "put", "patch", "delete")
ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_DESCRIPTIONS = {
    "400": "malformed JSON", "401": "no token, or a bad or expired one", "403": "known, but not allowed",
    "404": "absent, or not yours to see", "409": "not possible in the current state",
    "413": "body over 1 MB", "422": "validation failed: `fields` names each bad field",
    "429": "rate limited: see Retry-After",
}
ERROR_SCHEMA = {
    "type": "object", "required": ["error"], "additionalProperties": False,
    "description": "the one error format of API.md §2",
    "properties": {"error": {
        "type": "object", "required": ["code", "message"], "additionalProperties": False,
        "properties": {
            "code": {"type": "string", "description": "machine-readable, e.g. validation_error, not_found"},
            "message": {"type": "string", "description": "in the caller's language (Accept-Language)"},
            "fields": {"type": "object", "description": "field name (a.b for nested) → messages",
                       "additionalProperties": {"type": "array", "items": {"type": "string"}}}}}},
}
OWN_PATH = "/api/v1/openapi.json"
OWN_OPERATION = {
    "summary": N_("This document: OpenAPI 3.1 description of every /api/v1 endpoint"),
    "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
        "type": "object", "required": ["openapi", "info", "paths", "components"]}}}}},
}


def _error_response(status, given):
    description = (given or {}).get("description") or ERROR_DESCRIPTIONS.get(status, "error")
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def _complete(path, method, operation):
    """Add what every operation of this API shares to one fragment's operation (in place)."""
    takes_body = "requestBody" in operation
    names_record = "{" in path
    reads_query = any(p["in"] == "query" for p in operation.get("parameters", []))
    needs_token = bool(operation.get("security"))
    operation["operationId"] = f"{method}_{path.removeprefix('/api/v1/').replace('/', '_').strip('_')}" \
        .replace("{", "").replace("}", "").replace(".", "_")
    operation["tags"] = [tag_of(path)]
    operation["x-who"] = WHO[f"{method.upper()} {path}"]
    # A token is optional where it is not required: it lets members see their own drafts.
    operation["security"] = [{"bearer": []}] if needs_token else [{}, {"bearer": []}]
    responses = operation["responses"]
    shared = (["401"] + (["400", "413", "422"] if takes_body else []) + (["422"] if reads_query else [])
              + (["404"] if names_record else []))
    for status in shared:
        responses.setdefault(status, None)
    for status in list(responses):
        if status.startswith(("4", "5")):
            responses[status] = _error_response(status, responses[status])
    operation["responses"] = dict(sorted(responses.items()))


def _path_parameters(path, item):
    """Path parameters declared once per path (they may sit on the path or on each operation)."""
    declared = list(item.pop("parameters", []))
    for method in METHODS:
        if method in item:
            for parameter in item[method].get("parameters", []):
                if parameter["in"] == "path" and parameter not in declared:
                    declared.append(parameter)
            item[method]["parameters"] = [p for p in item[method].get("parameters", []) if p["in"] != "path"]
            if not item[method]["parameters"]:
                del item[method]["parameters"]
    if declared:
        item["parameters"] = declared


@cache
def document():
    """The whole document, built on first use (at start-up: create_app calls it) and then kept."""
    paths, schemas = {OWN_PATH: {"get": copy.deepcopy(OWN_OPERATION)}}, {"Error": ERROR_SCHEMA}
    for name in FRAGMENTS:
        module = importlib.import_module(name)
        for path, item in copy.deepcopy(module.OPENAPI_PATHS).items():
            if path in paths:
                raise ValueError(f"{path} is described twice")
            paths[path] = item
        for schema, body in copy.deepcopy(module.OPENAPI_SCHEMAS).items():
            if schema in schemas:
                raise ValueError(f"schema {schema} is defined twice")
            schemas[schema] = body
    for path, item in paths.items():
        _path_parameters(path, item)
        for method in METHODS:
            if method in item:
                _complete(path, method, item[method])
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tandem API", "version": "1",
            "summary": "The JSON API of Tandem, the partner portal of the Brussels article 60§7 network",
            "description": "JSON in, JSON out, UTF-8. Datetimes are ISO 8601 in Brussels local time with "
                           "their offset; dates YYYY-MM-DD; ids integers. Lists answer "
                           "{items, total, page, per_page} (per_page at most 100). Every error answers "
                           "{\"error\": {\"code\", \"message\", \"fields\"}}. A record you may not see is 404, "
                           "whatever you send. Human-readable version: /api/docs.",
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": name, "description": description} for name, description, _prefixes in TAGS],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer",
                "description": "a token from POST /api/v1/tokens; revoke it with DELETE /api/v1/tokens/current"}},
        },
    }


@cache
def document_bytes():
    return json.dumps(document(), ensure_ascii=False, sort_keys=False).encode()


@bp.get("/openapi.json")
def openapi_json():
    return Response(document_bytes(), mimetype="application/json")
