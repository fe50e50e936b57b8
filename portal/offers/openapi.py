"""OpenAPI 3.1 paths and schemas of the offers API, for GET /api/v1/openapi.json (whoever builds it
merges OPENAPI_PATHS and OPENAPI_SCHEMAS of every domain; portal/offers/api.py re-exports them)."""
from portal.api.guide import N_
from portal.api.spec import DATETIME, ID, answer, page_of, translations_schema
from portal.core.choices import COMMUNES, CONTRACT_TYPES, FUNCTIONS, SECTORS, SPOKEN_LANGUAGES
from portal.offers.models import Offer

_ERROR = {"description": "see the error format of API.md §2"}
_BEARER = [{"bearer": []}]
_DATE = {"type": "string", "format": "date"}
_ID = {"name": "offer_id", "in": "path", "required": True, "schema": {"type": "integer"}}
STATUSES = ["draft", "published", "filled", "closed"]


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name, schema):
    return {"name": name, "in": "query", "required": False, "schema": schema}


_WRITABLE = {
    "title": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": {"type": "string", "maxLength": 10_000,
                    "description": "plain text; blank lines separate paragraphs"},
    "language": {"enum": ["nl", "fr", "en"], "description": "the language of title and description (default nl)"},
    "translations": translations_schema(Offer.TRANSLATED),
    "sector": {"enum": list(SECTORS.codes)},
    "function": {"enum": list(FUNCTIONS.codes)},
    "commune": {"enum": list(COMMUNES.codes)},
    "positions": {"type": "integer", "minimum": 1, "maximum": 999},
    "languages": {"type": "array", "items": {"enum": list(SPOKEN_LANGUAGES.codes)}},
    "hours_per_week": {"type": "integer", "minimum": 1, "maximum": 60},
    "start_date": _DATE,
    "contract_type": {"enum": list(CONTRACT_TYPES.codes)},
    "status": {"enum": STATUSES, "description": "new: draft or published; draft→published|closed, "
                                                "published→filled|closed, filled→published|closed (else 409)"},
    "application_deadline": {"oneOf": [_DATE, {"type": "null"}]},
}
_REQUIRED = ["title", "sector", "function", "commune", "positions", "hours_per_week", "start_date",
             "contract_type"]

OPENAPI_SCHEMAS = {
    "Offer": answer({
        "id": ID, **_WRITABLE, "description": {"type": "string"},
        "organisation": answer({"id": ID, "name": {"type": "string"}, "type": {"enum": ["sie", "host"]}}),
        "created_at": DATETIME, "updated_at": DATETIME}),
    "OfferList": page_of({"$ref": "#/components/schemas/Offer"}),
    "SavedSearch": answer({"id": ID, "name": {"type": "string"},
                           "filters": {"$ref": "#/components/schemas/OfferFilters"}, "created_at": DATETIME}),
    "OfferFilters": {
        "type": "object", "additionalProperties": False,
        "description": "the query parameters of GET /api/v1/offers (status: published only)",
        "properties": {"q": {"type": "string", "maxLength": 200}, "commune": {"enum": list(COMMUNES.codes)},
                       "sector": {"enum": list(SECTORS.codes)}, "function": {"enum": list(FUNCTIONS.codes)},
                       "language": {"enum": list(SPOKEN_LANGUAGES.codes)},
                       "contract_type": {"enum": list(CONTRACT_TYPES.codes)}, "status": {"enum": ["published"]}}},
}
_SEARCH_ID = {"name": "search_id", "in": "path", "required": True, "schema": {"type": "integer"}}

OPENAPI_PATHS = {
    "/api/v1/offers": {
        "get": {
            "summary": N_("Published offers, newest first (the owner's members also see their drafts and closed ones)"),
            "parameters": [
                _query("q", {"type": "string", "maxLength": 200}),
                _query("commune", {"enum": list(COMMUNES.codes)}), _query("sector", {"enum": list(SECTORS.codes)}),
                _query("function", {"enum": list(FUNCTIONS.codes)}),
                _query("language", {"enum": list(SPOKEN_LANGUAGES.codes)}),
                _query("contract_type", {"enum": list(CONTRACT_TYPES.codes)}), _query("status", {"enum": STATUSES}),
                _query("page", {"type": "integer", "minimum": 1}),
                _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
            ],
            "responses": {"200": _json({"$ref": "#/components/schemas/OfferList"}), "422": _ERROR}},
        "post": {
            "summary": N_("Publish an offer"), "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False, "required": _REQUIRED, "properties": _WRITABLE}}}},
            "responses": {"201": _json({"$ref": "#/components/schemas/Offer"}, "Created"), "400": _ERROR,
                          "401": _ERROR, "403": _ERROR, "422": _ERROR}},
    },
    "/api/v1/offers/{offer_id}": {
        "parameters": [_ID],
        "get": {"summary": N_("One offer (drafts and closed ones: the owner's members only)"),
                "responses": {"200": _json({"$ref": "#/components/schemas/Offer"}), "404": _ERROR}},
        "patch": {
            "summary": N_("Change an offer; its status moves as described"), "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False, "properties": _WRITABLE}}}},
            "responses": {"200": _json({"$ref": "#/components/schemas/Offer"}), "401": _ERROR, "403": _ERROR,
                          "404": _ERROR, "409": _ERROR, "422": _ERROR}},
    },
    "/api/v1/saved-searches": {
        "get": {"summary": N_("The caller's saved offer searches"), "security": _BEARER,
                "responses": {"200": _json(page_of({"$ref": "#/components/schemas/SavedSearch"})), "401": _ERROR}},
        "post": {
            "summary": N_("Save an offer search: a daily mail brings the new offers it finds"), "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False, "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200},
                               "filters": {"$ref": "#/components/schemas/OfferFilters"}}}}}},
            "responses": {"201": _json({"$ref": "#/components/schemas/SavedSearch"}, "Created"), "401": _ERROR,
                          "409": _ERROR, "422": _ERROR}},
    },
    "/api/v1/saved-searches/{search_id}": {
        "parameters": [_SEARCH_ID],
        "delete": {"summary": N_("Delete a saved search (its alerts stop)"), "security": _BEARER,
                   "responses": {"204": {"description": "deleted"}, "401": _ERROR, "404": _ERROR}},
    },
}
