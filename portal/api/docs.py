"""/api/docs: the API reference as a page, rendered on the server from openapi.json itself.

No script and no CDN (the site's CSP); it reads without JavaScript and in the caller's language.
"""
from flask import Blueprint, render_template
from flask_babel import gettext

from portal.api.guide import TAGS
from portal.api.openapi import METHODS, document

bp = Blueprint("api_docs", __name__)


def resolve(schema, components):
    """The schema a $ref points to (one level: enough to list a body's fields)."""
    while isinstance(schema, dict) and "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema or {}


def type_of(schema, components):
    """A short human-readable type: integer, date, one of (a, b), list of …, Offer."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "const" in schema:
        return repr(schema["const"]).lower()
    if "enum" in schema:
        return gettext("one of: %(codes)s", codes=", ".join(str(code) for code in schema["enum"]))
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return " | ".join(type_of(option, components) for option in schema[key])
    if "allOf" in schema:
        return " + ".join(type_of(option, components) for option in schema["allOf"])
    kind = schema.get("type", "")
    if isinstance(kind, list):
        return " | ".join(kind)
    if kind == "array":
        return gettext("list of %(kind)s", kind=type_of(schema.get("items", {}), components))
    return schema.get("format") or kind or gettext("any")


def fields_of(schema, components):
    """[(name, type, required, description)] of an object schema's properties."""
    schema = resolve(schema, components)
    required = set(schema.get("required", []))
    return [(name, type_of(body, components), name in required, body.get("description", ""))
            for name, body in schema.get("properties", {}).items()]


def operations():
    """[(tag, tag description, [operation view])] in the order of TAGS."""
    spec = document()
    components = spec["components"]["schemas"]
    sections = {name: [] for name, _description, _prefixes in TAGS}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = item.get("parameters", []) + operation.get("parameters", [])
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            responses = []
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                responses.append({"status": status, "description": response.get("description", ""),
                                  "schema": type_of(schema, components) if schema else ""})
            sections[operation["tags"][0]].append({
                "id": operation["operationId"], "method": method.upper(), "path": path,
                "summary": operation.get("summary", ""), "description": operation.get("description", ""),
                "who": operation["x-who"], "token": operation["security"] == [{"bearer": []}],
                "parameters": [(p["name"], p["in"], type_of(p.get("schema", {}), components), p.get("required", False),
                                p.get("description", "")) for p in parameters],
                "fields": fields_of(body, components) if body else [],
                "responses": responses,
            })
    return [(name, description, sections[name]) for name, description, _prefixes in TAGS if sections[name]]


@bp.get("/api/docs")
def api_docs():
    return render_template("api/docs.html", sections=operations())
