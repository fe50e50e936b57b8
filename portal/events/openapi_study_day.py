"""OpenAPI 3.1 fragment of a study day's life (API.md §6.3), merged by portal/api/openapi.py."""
from portal.api.guide import N_
from portal.api.spec import ID, answer
from portal.events.models_study_day import QUESTION_KINDS

_ERROR = {"description": "see the error format of API.md §2"}
_BEARER = [{"bearer": []}]
_ID = {"name": "event_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_ITEM_ID = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_QUESTION_ID = {"name": "question_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_LANGUAGES = ("nl", "fr", "en")
_LABEL = {"type": "string", "minLength": 1, "maxLength": 200}
_TRANSLATIONS = {
    "type": "object", "additionalProperties": False,
    "description": "the label in the other languages than the event's own",
    "properties": {lang: {"anyOf": [{"type": "object", "additionalProperties": False,
                                      "properties": {"label": {"type": "string", "maxLength": 200}}},
                                     {"type": "null"}]} for lang in _LANGUAGES},
}
_OPTIONS = {"type": "array", "maxItems": 50, "items": {"type": "string", "minLength": 1, "maxLength": 200},
            "description": "for choice and multiple only; each different"}
_QUESTION_INPUT = {
    "type": "object", "additionalProperties": False, "required": ["label", "kind"],
    "properties": {"label": _LABEL, "translations": _TRANSLATIONS, "kind": {"enum": list(QUESTION_KINDS)},
                   "options": _OPTIONS, "required": {"type": "boolean"}},
}
ANSWERS = {"type": "object", "description": "question id → a string (text, choice), a list of options "
                                            "(multiple) or true/false (checkbox)",
           "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "boolean"},
                                              {"type": "array", "items": {"type": "string"}}]}}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_QUESTION_REF = {"$ref": "#/components/schemas/RegistrationQuestion"}

OPENAPI_SCHEMAS = {
    "Material": answer({
        "id": ID, "title": {"type": "string"}, "kind": {"enum": ["file", "link"]},
        "url": {"type": "string", "format": "uri", "description": "the download (files) or the link"},
        "content_type": {"type": "string"}, "size": {"type": "integer", "minimum": 0}},
        optional=("content_type", "size")),
    "RegistrationQuestion": answer({
        "id": ID, "position": {"type": "integer"}, "label": {"type": "string"},
        "translations": {"type": "object", "additionalProperties": {
            "type": "object", "properties": {"label": {"type": "string"}}}},
        "kind": {"enum": list(QUESTION_KINDS)}, "options": {"type": "array", "items": {"type": "string"}},
        "required": {"type": "boolean"}}),
}

OPENAPI_PATHS = {
    "/api/v1/events/{event_id}/questions": {
        "get": {"summary": N_("The questions asked at registration, in order"), "parameters": [_ID],
                "responses": {"200": _json(answer({
                    "items": {"type": "array", "items": _QUESTION_REF}, "total": {"type": "integer", "minimum": 0},
                    "page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1}})),
                    "404": _ERROR}},
        "post": {"summary": N_("Add a registration question"), "security": _BEARER, "parameters": [_ID],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": _QUESTION_INPUT}}},
                 "responses": {"201": _json(_QUESTION_REF, "Created"), "400": _ERROR, "401": _ERROR,
                               "403": _ERROR, "404": _ERROR, "422": _ERROR}}},
    "/api/v1/events/{event_id}/questions/{question_id}": {
        "patch": {"summary": N_("Edit a registration question"), "security": _BEARER,
                  "parameters": [_ID, _QUESTION_ID],
                  "requestBody": {"required": True, "content": {"application/json": {
                      "schema": {**_QUESTION_INPUT, "required": []}}}},
                  "responses": {"200": _json(_QUESTION_REF), "400": _ERROR, "401": _ERROR, "403": _ERROR,
                                "404": _ERROR, "422": _ERROR}},
        "delete": {"summary": N_("Delete a registration question and its answers"), "security": _BEARER,
                   "parameters": [_ID, _QUESTION_ID],
                   "responses": {"204": {"description": "deleted"}, "401": _ERROR, "403": _ERROR, "404": _ERROR}}},
    "/api/v1/events/{event_id}/check-ins": {"post": {
        "summary": N_("Check a registrant in by the code of their QR code"), "security": _BEARER,
        "parameters": [_ID],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": False, "required": ["code"],
            "properties": {"code": {"type": "string", "maxLength": 40}}}}}},
        "responses": {"200": _json({"$ref": "#/components/schemas/Registration"}), "400": _ERROR, "401": _ERROR,
                      "403": _ERROR, "404": _ERROR, "409": _ERROR, "422": _ERROR}}},
    "/api/v1/events/{event_id}/check-ins/{registration_id}": {"delete": {
        "summary": N_("Undo a mistaken check-in"), "security": _BEARER,
        "parameters": [_ID, {"name": "registration_id", "in": "path", "required": True,
                             "schema": {"type": "integer"}}],
        "responses": {"200": _json({"$ref": "#/components/schemas/Registration"}), "401": _ERROR, "403": _ERROR,
                      "404": _ERROR, "409": _ERROR}}},
    "/api/v1/events/{event_id}/agenda/{item_id}/materials": {"post": {
        "summary": N_("Attach a file (multipart: file, title) or a link (JSON: title, url) to an agenda item"),
        "security": _BEARER, "parameters": [_ID, _ITEM_ID],
        "requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": {"type": "object", "additionalProperties": False,
                                               "required": ["title", "file"], "properties": {
                                                   "title": _LABEL, "file": {"type": "string", "format": "binary"}}}},
            "application/json": {"schema": {"type": "object", "additionalProperties": False,
                                            "required": ["title", "url"], "properties": {
                                                "title": _LABEL, "url": {"type": "string", "format": "uri",
                                                                         "maxLength": 2000}}}}}},
        "responses": {"201": _json({"$ref": "#/components/schemas/Material"}, "Created"), "400": _ERROR,
                      "401": _ERROR, "403": _ERROR, "404": _ERROR, "413": _ERROR, "422": _ERROR}}},
    "/api/v1/events/{event_id}/agenda/{item_id}/materials/{material_id}": {"delete": {
        "summary": N_("Remove a material"), "security": _BEARER,
        "parameters": [_ID, _ITEM_ID, {"name": "material_id", "in": "path", "required": True,
                                       "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "deleted"}, "401": _ERROR, "403": _ERROR, "404": _ERROR}}},
}
