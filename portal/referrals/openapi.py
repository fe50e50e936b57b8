"""OpenAPI 3.1 paths and schemas of candidates and referrals, for GET /api/v1/openapi.json (whoever
builds it merges OPENAPI_PATHS and OPENAPI_SCHEMAS of every domain; portal/referrals/api.py
re-exports them)."""
from portal.core.choices import COMMUNES, OUTCOMES, SPOKEN_LANGUAGES
from portal.referrals.workflow import MOVES, STATUSES

_ERROR = {"description": "see the error format of API.md §2"}
_BEARER = [{"bearer": []}]
_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}
_NULLABLE_DATE = {"oneOf": [_DATE, {"type": "null"}]}
_TEXT = {"type": "string", "maxLength": 200}
_FREE = {"type": "string", "maxLength": 10_000}
_LANGUAGES = {"type": "array", "items": {"enum": list(SPOKEN_LANGUAGES.codes)}}
_CANDIDATE_ID = {"name": "candidate_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_REFERRAL_ID = {"name": "referral_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _body(properties, required=()):
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "additionalProperties": False, "required": list(required), "properties": properties}}}}


_CANDIDATE_INPUT = {
    "reference": {"type": "string", "maxLength": 64}, "first_name": {**_TEXT, "minLength": 1},
    "last_initial": {"type": "string", "minLength": 1, "maxLength": 3},
    "birth_year": {"type": "integer", "minimum": 1900}, "languages": _LANGUAGES, "skills": _FREE,
    "commune": {"enum": list(COMMUNES.codes)}, "available_from": _DATE,
    "consent": {"const": True, "description": "must be true (422 otherwise)"},
    "consent_date": {**_DATE, "description": "not in the future"}, "notes": _FREE,
}


def _workflow_text():
    rows = []
    for status, moves in MOVES.items():
        targets = [f"{to} ({'/'.join(sorted(sides))})" for to, sides in moves.items()]
        if targets:
            rows.append(f"{status} → {', '.join(targets)}")
    return "; ".join(rows)


_WORKFLOW = _workflow_text()
_PLACEMENT_INPUT = {
    "agreement_signed_on": {**_DATE, "description": "not after the first working day"},
    "planned_end": _DATE, "hours_per_week": {"type": "integer", "minimum": 1, "maximum": 60},
    "job_coach": _TEXT, "supervisor": _TEXT,
}
_PERSON = {"type": "object", "properties": {"id": {"type": ["integer", "null"]}, "name": {"type": ["string", "null"]},
                                            "side": {"enum": ["sending", "receiving"]}}}
_NOTE = {"type": "object", "properties": {"id": {"type": "integer"}, "on": _DATE, "text": _FREE, "by": _PERSON,
                                          "created_at": _DATETIME}}

OPENAPI_SCHEMAS = {
    "Candidate": {"type": "object", "description": "the owning OCMW's full view", "properties": {
        "id": {"type": "integer"}, **_CANDIDATE_INPUT, "consent_revoked_at": {"oneOf": [_DATETIME, {"type": "null"}]},
        "erased": {"type": "boolean"}, "created_at": _DATETIME, "updated_at": _DATETIME}},
    "CandidateForReceiver": {"type": "object", "description": "what the receiving side sees; all null once "
                             "consent is revoked or the candidate erased (withheld: true)", "properties": {
        "id": {"type": "integer"}, "withheld": {"type": "boolean"}, "first_name": {"type": ["string", "null"]},
        "last_initial": {"type": ["string", "null"]}, "languages": _LANGUAGES, "skills": _FREE,
        "available_from": _NULLABLE_DATE, "commune": {"type": ["string", "null"]}}},
    "Placement": {"type": "object", "properties": {
        "started_on": _NULLABLE_DATE, "ended_on": _NULLABLE_DATE,
        "outcome": {"oneOf": [{"enum": list(OUTCOMES.codes)}, {"type": "null"}]}, "function": {"type": "string"},
        **_PLACEMENT_INPUT}},
    "Referral": {"type": "object", "properties": {
        "id": {"type": "integer"}, "status": {"enum": list(STATUSES.codes)},
        "offer": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                                                   "function": {"type": "string"}}},
        "candidate": {"oneOf": [_ref("Candidate"), _ref("CandidateForReceiver")]},
        "sender": {"type": "object"}, "receiver": {"type": "object"}, "message": _FREE,
        "overdue": {"type": "boolean"}, "created_at": _DATETIME, "updated_at": _DATETIME,
        "history": {"type": "array", "description": "oldest first", "items": {"type": "object", "properties": {
            "from": {"type": ["string", "null"]}, "to": {"type": "string"}, "at": _DATETIME, "by": _PERSON,
            "comment": _FREE}}},
        "placement": {"oneOf": [_ref("Placement"), {"type": "null"}]},
        "notes": {"type": "array", "items": _NOTE}}},
}


def _list_of(name):
    return {"type": "object", "properties": {"items": {"type": "array", "items": _ref(name)},
                                             "total": {"type": "integer"}, "page": {"type": "integer"},
                                             "per_page": {"type": "integer"}}}


OPENAPI_PATHS = {
    "/api/v1/candidates": {
        "get": {"summary": "The caller's OCMW's candidates (audit-logged)", "security": _BEARER,
                "responses": {"200": _json(_list_of("Candidate")), "401": _ERROR}},
        "post": {"summary": "Record a candidate, with consent (members of an approved ocmw)", "security": _BEARER,
                 "requestBody": _body(_CANDIDATE_INPUT, ["first_name", "last_initial", "commune", "consent",
                                                         "consent_date"]),
                 "responses": {"201": _json(_ref("Candidate"), "Created"), "401": _ERROR, "403": _ERROR,
                               "422": _ERROR}}},
    "/api/v1/candidates/{candidate_id}": {
        "parameters": [_CANDIDATE_ID],
        "get": {"summary": "One candidate (the owning OCMW only; audit-logged)", "security": _BEARER,
                "responses": {"200": _json(_ref("Candidate")), "401": _ERROR, "404": _ERROR}},
        "delete": {"summary": "Erase the personal fields (placement facts stay)", "security": _BEARER,
                   "responses": {"204": {"description": "erased"}, "401": _ERROR, "404": _ERROR}}},
    "/api/v1/candidates/{candidate_id}/consent/revoke": {
        "parameters": [_CANDIDATE_ID],
        "post": {"summary": "Record that consent was revoked: recipients no longer see identifying fields; "
                            "new referrals are refused (409)", "security": _BEARER,
                 "responses": {"200": _json(_ref("Candidate")), "401": _ERROR, "404": _ERROR}}},
    "/api/v1/referrals": {
        "get": {"summary": "Referrals the caller's organisation sent (ocmw) or received", "security": _BEARER,
                "parameters": [
                    {"name": "box", "in": "query", "schema": {"enum": ["sent", "received"]}},
                    {"name": "status", "in": "query", "schema": {"enum": list(STATUSES.codes)}}],
                "responses": {"200": _json(_list_of("Referral")), "401": _ERROR, "422": _ERROR}},
        "post": {"summary": "Refer one of the caller's OCMW's candidates to a published offer", "security": _BEARER,
                 "requestBody": _body({"candidate_id": {"type": "integer"}, "offer_id": {"type": "integer"},
                                       "message": _FREE}, ["candidate_id", "offer_id"]),
                 "responses": {"201": _json(_ref("Referral"), "Created"), "401": _ERROR, "403": _ERROR,
                               "404": _ERROR, "409": _ERROR, "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}": {
        "parameters": [_REFERRAL_ID],
        "get": {"summary": "One referral, for its two parties", "security": _BEARER,
                "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "404": _ERROR}}},
    "/api/v1/referrals/{referral_id}/transitions": {
        "parameters": [_REFERRAL_ID],
        "post": {"summary": "Move the referral. Workflow: " + _WORKFLOW, "security": _BEARER,
                 "requestBody": _body({"to": {"enum": list(STATUSES.codes)}, "comment": _FREE,
                                       "date": {**_DATE, "description": "started: first working day; ended: last"},
                                       "outcome": {"enum": list(OUTCOMES.codes), "description": "ended only"}},
                                      ["to"]),
                 "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "403": _ERROR, "404": _ERROR,
                               "409": _ERROR, "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}/placement": {
        "parameters": [_REFERRAL_ID],
        "patch": {"summary": "Placement facts, by either party once accepted", "security": _BEARER,
                  "requestBody": _body(_PLACEMENT_INPUT),
                  "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "404": _ERROR, "409": _ERROR,
                                "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}/notes": {
        "parameters": [_REFERRAL_ID],
        "post": {"summary": "A dated follow-up note both parties see", "security": _BEARER,
                 "requestBody": _body({"on": _DATE, "text": {**_FREE, "minLength": 1}}, ["on", "text"]),
                 "responses": {"201": _json(_NOTE, "Created"), "401": _ERROR, "404": _ERROR, "422": _ERROR}}},
}
