"""OpenAPI 3.1 paths and schemas of candidates and referrals, for GET /api/v1/openapi.json (whoever
builds it merges OPENAPI_PATHS and OPENAPI_SCHEMAS of every domain; portal/referrals/api.py
re-exports them)."""
from portal.api.guide import N_
from portal.api.spec import ID, PAGE_PARAMETERS, answer, nullable, page_of
from portal.core.choices import CLOSE_REASONS, COMMUNES, FIT_REASONS, OUTCOMES, SPOKEN_LANGUAGES
from portal.referrals.workflow import MOVES, STATUSES

_ERROR = {"description": "see the error format of API.md §2"}
_BEARER = [{"bearer": []}]
_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}
_NULLABLE_DATE = nullable(_DATE)
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
    "consent": {"oneOf": [
        {"const": True, "description": "the older form, with consent_date: no end, any partner"},
        {"$ref": "#/components/schemas/ConsentScope"}],
        "description": "true (with consent_date), or the scoped consent; anything else is 422"},
    "consent_date": {**_DATE, "description": "not in the future; with consent: true only"}, "notes": _FREE,
    "hours_per_week": {"type": "integer", "minimum": 1, "maximum": 60},
}
_CONSENT_SCOPE = {
    "type": "object", "additionalProperties": False, "required": ["given_on"],
    "properties": {
        "given_on": {**_DATE, "description": "not in the future"},
        "expires_on": {**_DATE, "description": "after given_on; the receiving side sees the candidate as withheld "
                                               "after it, and referrals are 409"},
        "organisation_ids": {"type": "array", "minItems": 1, "items": {"type": "integer"},
                             "description": "approved hosts or social integration enterprises only (422 otherwise); "
                                            "left out: any partner"}},
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
_STATUS = {"enum": list(STATUSES.codes)}
_PERSON = answer({"id": nullable(ID), "name": nullable({"type": "string"}), "side": {"enum": ["sending", "receiving"]}})
_NOTE = answer({"id": ID, "on": _DATE, "text": {"type": "string"}, "by": _PERSON, "created_at": _DATETIME})
_SUMMARY = {
    "id": ID, "status": _STATUS,
    "offer": answer({"id": ID, "title": {"type": "string"}, "function": {"type": "string"}}),
    "candidate": {"oneOf": [_ref("Candidate"), _ref("CandidateForReceiver")],
                  "description": "the full record for the sending OCMW, the limited view for the receiver"},
    "sender": answer({"id": ID, "name": {"type": "string"}}),
    "receiver": answer({"id": ID, "name": {"type": "string"}}),
    "message": {"type": "string"}, "overdue": {"type": "boolean"}, "created_at": _DATETIME, "updated_at": _DATETIME,
    "close_reason": nullable({"enum": list(CLOSE_REASONS.codes)}),
    "interview": nullable(answer({"at": _DATETIME, "place": {"type": "string"}, "sequence": {"type": "integer"}})),
}

OPENAPI_SCHEMAS = {
    "Candidate": answer({
        "id": ID, "reference": {"type": "string"}, "first_name": {"type": "string"},
        "last_initial": {"type": "string"}, "birth_year": nullable({"type": "integer"}), "languages": _LANGUAGES,
        "skills": {"type": "string"}, "commune": {"type": "string"}, "available_from": _NULLABLE_DATE,
        "hours_per_week": nullable({"type": "integer"}),
        "consent": {"const": True}, "consent_date": _DATE, "consent_revoked_at": nullable(_DATETIME),
        "consent_scope": answer({"given_on": _DATE, "expires_on": _NULLABLE_DATE,
                                 "organisation_ids": nullable({"type": "array", "items": {"type": "integer"}})}),
        "consent_expired": {"type": "boolean"},
        "erased": {"type": "boolean", "description": "personal fields wiped (empty) by erasure or retention"},
        "notes": {"type": "string"}, "created_at": _DATETIME, "updated_at": _DATETIME},
        description="the owning OCMW's full view"),
    "CandidateForReceiver": answer({
        "id": ID, "withheld": {"type": "boolean"}, "first_name": nullable({"type": "string"}),
        "last_initial": nullable({"type": "string"}), "languages": _LANGUAGES, "skills": {"type": "string"},
        "available_from": _NULLABLE_DATE, "commune": nullable({"type": "string"})},
        description="what the receiving side sees; nothing identifying once consent is revoked or the "
                    "candidate erased (withheld: true)"),
    "Placement": answer({
        "started_on": _NULLABLE_DATE, "ended_on": _NULLABLE_DATE, "outcome": nullable({"enum": list(OUTCOMES.codes)}),
        "end_reason": nullable({"enum": list(CLOSE_REASONS.codes)}),
        "function": {"type": "string"}, "agreement_signed_on": _NULLABLE_DATE, "planned_end": _NULLABLE_DATE,
        "hours_per_week": nullable({"type": "integer"}), "job_coach": {"type": "string"},
        "supervisor": {"type": "string"}}),
    "ReferralSummary": answer(_SUMMARY),
    "Referral": answer({
        **_SUMMARY,
        "history": {"type": "array", "description": "oldest first", "items": answer({
            "from": nullable(_STATUS), "to": _STATUS, "at": _DATETIME, "by": _PERSON, "comment": {"type": "string"},
            "reason": nullable({"enum": list(CLOSE_REASONS.codes)})})},
        "placement": nullable(_ref("Placement")), "notes": {"type": "array", "items": _NOTE}}),
    "Note": _NOTE,
    "ConsentScope": _CONSENT_SCOPE,
}


def _list_of(name):
    return page_of(_ref(name))


OPENAPI_PATHS = {
    "/api/v1/candidates": {
        "get": {"summary": N_("The caller's OCMW's candidates (audit-logged)"), "security": _BEARER,
                "parameters": PAGE_PARAMETERS,
                "responses": {"200": _json(_list_of("Candidate")), "401": _ERROR, "404": _ERROR, "422": _ERROR}},
        "post": {"summary": N_("Record a candidate, with consent"), "security": _BEARER,
                 "requestBody": _body(_CANDIDATE_INPUT, ["first_name", "last_initial", "commune", "consent"]),
                 "responses": {"201": _json(_ref("Candidate"), "Created"), "401": _ERROR, "403": _ERROR,
                               "422": _ERROR}}},
    "/api/v1/candidates/{candidate_id}": {
        "parameters": [_CANDIDATE_ID],
        "get": {"summary": N_("One candidate (audit-logged)"), "security": _BEARER,
                "responses": {"200": _json(_ref("Candidate")), "401": _ERROR, "404": _ERROR}},
        "delete": {"summary": N_("Erase the personal fields (placement facts stay)"), "security": _BEARER,
                   "responses": {"204": {"description": "erased"}, "401": _ERROR, "404": _ERROR}}},
    "/api/v1/candidates/{candidate_id}/suggested-offers": {
        "parameters": [_CANDIDATE_ID],
        "get": {"summary": N_("Published offers ranked by fit for the candidate, with the reasons (owning OCMW only; "
                              "audit-logged)"), "security": _BEARER,
                "responses": {"200": _json(page_of(answer({
                    "offer": {"$ref": "#/components/schemas/Offer"}, "score": {"type": "integer"},
                    "reasons": {"type": "array", "items": {"enum": list(FIT_REASONS.codes)}}}))),
                    "401": _ERROR, "404": _ERROR}}},
    "/api/v1/candidates/{candidate_id}/consent": {
        "parameters": [_CANDIDATE_ID],
        "post": {"summary": N_("Record renewed consent: a new date, end and scope (kept in the consent history)"),
                 "security": _BEARER,
                 "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("ConsentScope")}}},
                 "responses": {"200": _json(_ref("Candidate")), "401": _ERROR, "404": _ERROR, "409": _ERROR,
                               "422": _ERROR}}},
    "/api/v1/candidates/{candidate_id}/consent/revoke": {
        "parameters": [_CANDIDATE_ID],
        "post": {"summary": N_("Record that consent was revoked: recipients no longer see identifying fields; "
                               "new referrals are refused (409)"), "security": _BEARER,
                 "responses": {"200": _json(_ref("Candidate")), "401": _ERROR, "404": _ERROR}}},
    "/api/v1/referrals": {
        "get": {"summary": N_("Referrals the caller's organisation sent (ocmw) or received"), "security": _BEARER,
                "parameters": [
                    {"name": "box", "in": "query", "schema": {"enum": ["sent", "received"]}},
                    {"name": "status", "in": "query", "schema": {"enum": list(STATUSES.codes)}}, *PAGE_PARAMETERS],
                "responses": {"200": _json(_list_of("ReferralSummary")), "401": _ERROR, "422": _ERROR}},
        "post": {"summary": N_("Refer one of the caller's OCMW's candidates to a published offer"), "security": _BEARER,
                 "requestBody": _body({"candidate_id": {"type": "integer"}, "offer_id": {"type": "integer"},
                                       "message": _FREE}, ["candidate_id", "offer_id"]),
                 "responses": {"201": _json(_ref("Referral"), "Created"), "401": _ERROR, "403": _ERROR,
                               "404": _ERROR, "409": _ERROR, "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}": {
        "parameters": [_REFERRAL_ID],
        "get": {"summary": N_("One referral, for its two parties"), "security": _BEARER,
                "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "404": _ERROR}}},
    "/api/v1/referrals/{referral_id}/transitions": {
        "parameters": [_REFERRAL_ID],
        "post": {"summary": N_("Move the referral to its next status"), "description": "Workflow: " + _WORKFLOW,
                 "security": _BEARER,
                 "requestBody": _body({"to": {"enum": list(STATUSES.codes)}, "comment": _FREE,
                                       "date": {**_DATE, "description": "started: first working day; ended: last"},
                                       "outcome": {"enum": list(OUTCOMES.codes), "description": "ended only"},
                                       "reason": {"enum": list(CLOSE_REASONS.codes),
                                                  "description": "required for declined, withdrawn, and ended "
                                                                 "with outcome broken_off"},
                                       "at": {**_DATETIME, "description": "interview only: when, in the future"},
                                       "place": {**_TEXT, "description": "interview only: where (required with at)"}},
                                      ["to"]),
                 "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "403": _ERROR, "404": _ERROR,
                               "409": _ERROR, "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}/interview": {
        "parameters": [_REFERRAL_ID],
        "patch": {"summary": N_("Schedule or change the interview: both parties' people concerned get an updated "
                               "invitation (same UID, higher SEQUENCE)"), "security": _BEARER,
                  "requestBody": _body({"at": {**_DATETIME, "description": "in the future"},
                                        "place": {**_TEXT, "description": "required once at is set"}}),
                  "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "403": _ERROR, "404": _ERROR,
                                "409": _ERROR, "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}/placement": {
        "parameters": [_REFERRAL_ID],
        "patch": {"summary": N_("Record the placement facts"), "security": _BEARER,
                  "requestBody": _body(_PLACEMENT_INPUT),
                  "responses": {"200": _json(_ref("Referral")), "401": _ERROR, "404": _ERROR, "409": _ERROR,
                                "422": _ERROR}}},
    "/api/v1/referrals/{referral_id}/notes": {
        "parameters": [_REFERRAL_ID],
        "post": {"summary": N_("Add a dated follow-up note both parties see"), "security": _BEARER,
                 "requestBody": _body({"on": _DATE, "text": {**_FREE, "minLength": 1}}, ["on", "text"]),
                 "responses": {"201": _json(_ref("Note"), "Created"), "401": _ERROR, "404": _ERROR, "422": _ERROR}}},
}
