"""OpenAPI 3.1 paths and schemas of the events API, for GET /api/v1/openapi.json (whoever builds it merges
OPENAPI_PATHS and OPENAPI_SCHEMAS of every domain; portal/events/api.py re-exports them)."""
from portal.api.guide import N_
from portal.api.spec import ID, PAGE_PARAMETERS, answer, nullable, page_of, translations_schema
from portal.core.choices import AGENDA_KINDS
from portal.events.models import AgendaItem, Event
from portal.events.openapi_study_day import ANSWERS

_ERROR = {"description": "see the error format of API.md §2"}
_BEARER = [{"bearer": []}]
_DATETIME = {"type": "string", "format": "date-time", "description": "ISO 8601; answered in Brussels time"}
_TEXT = {"type": "string", "maxLength": 200}
_FREE = {"type": "string", "maxLength": 10_000}
_ID = {"name": "event_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_ITEM_ID = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


_PERSON = {"type": "object", "additionalProperties": False, "required": ["name"],
           "properties": {"name": {**_TEXT, "minLength": 1}, "role": _TEXT, "organisation": _TEXT}}
_PEOPLE = {"type": "array", "maxItems": 30, "items": _PERSON}
_EVENT_INPUT = {
    "type": "object", "additionalProperties": False,
    "required": ["title", "venue", "address", "starts_at", "ends_at", "capacity", "registration_deadline",
                 "language", "status"],
    "properties": {
        "title": {**_TEXT, "minLength": 1}, "description": _FREE, "venue": _TEXT, "address": _TEXT,
        "starts_at": _DATETIME, "ends_at": {**_DATETIME, "description": "after starts_at"},
        "capacity": {"type": "integer", "minimum": 1, "maximum": 100_000},
        "registration_deadline": {**_DATETIME, "description": "not after starts_at"},
        "language": {"enum": ["nl", "fr", "en"]},
        "status": {"enum": ["draft", "published", "cancelled"],
                   "description": "new events: draft or published; moves: draft→published→cancelled"},
        "co_organiser_ids": {"type": "array", "items": {"type": "integer"}},
        "translations": translations_schema(Event.TRANSLATED),
    },
}
_ITEM_INPUT = {
    "type": "object", "additionalProperties": False, "required": ["starts_at", "ends_at", "title", "kind"],
    "properties": {"starts_at": _DATETIME, "ends_at": _DATETIME, "title": {**_TEXT, "minLength": 1},
                   "kind": {"enum": list(AGENDA_KINDS.codes)}, "description": _FREE,
                   "speakers": _PEOPLE, "moderators": _PEOPLE,
                   "translations": translations_schema(AgendaItem.TRANSLATED)},
}
_ORG = answer({"id": ID, "name": {"type": "string"}, "type": {"enum": ["ocmw", "sie", "host", "federation",
                                                                         "partner"]}})
_PERSON_OUT = answer({name: {"type": "string"} for name in ("name", "role", "organisation")})
_SUMMARY = {
    "id": ID, "title": {"type": "string"}, "description": {"type": "string"}, "venue": {"type": "string"},
    "address": {"type": "string"}, "starts_at": _DATETIME, "ends_at": _DATETIME, "capacity": {"type": "integer"},
    "registration_deadline": _DATETIME, "language": {"enum": ["nl", "fr", "en"]},
    "status": {"enum": ["draft", "published", "cancelled"]}, "organiser": nullable(_ORG),
    "co_organiser_ids": {"type": "array", "items": ID}, "co_organisers": {"type": "array", "items": _ORG},
    "seats_left": {"type": "integer", "minimum": 0}, "url": {"type": "string", "format": "uri"},
    "ics_url": {"type": "string", "format": "uri"}, "created_at": _DATETIME, "updated_at": _DATETIME,
    "translations": translations_schema(Event.TRANSLATED),
}

OPENAPI_SCHEMAS = {
    "EventSummary": answer(_SUMMARY),
    "Event": answer({
        **_SUMMARY, "agenda": {"type": "array", "items": _ref("AgendaItem"), "description": "ordered by time"},
        "seats": answer({k: {"type": "integer", "minimum": 0}
                         for k in ("capacity", "confirmed", "waitlisted", "left")})}),
    "AgendaItem": answer({
        "id": ID, "starts_at": _DATETIME, "ends_at": _DATETIME, "title": {"type": "string"},
        "kind": {"enum": list(AGENDA_KINDS.codes)}, "description": {"type": "string"},
        "speakers": {"type": "array", "items": _PERSON_OUT}, "moderators": {"type": "array", "items": _PERSON_OUT},
        "translations": translations_schema(AgendaItem.TRANSLATED),
        "materials": {"type": "array", "items": _ref("Material")}}),
    "Registration": answer({
        "id": ID, "status": {"enum": ["confirmed", "waitlisted"]},
        "user": answer({"id": nullable(ID), "name": {"type": "string"}, "email": {"type": "string"}},
                       description="the registrant; id null for a guest"),
        "waitlist_position": nullable({"type": "integer", "minimum": 1}), "registered_at": _DATETIME,
        "organisation": nullable(_ORG), "organisation_name": nullable({"type": "string"}), "answers": ANSWERS,
        "checked_in_at": nullable(_DATETIME),
        "guest": {"type": "boolean"}}),
    "NewRegistration": answer({
        "id": ID, "event_id": ID, "status": {"enum": ["confirmed", "waitlisted"]},
        "waitlist_position": {"type": "integer", "minimum": 1, "description": "waitlisted only"},
        "calendar_feed_url": {"type": "string", "format": "uri"}}, optional=("waitlist_position",)),
}


def _list(item):
    return page_of(item)


OPENAPI_PATHS = {
    "/api/v1/events": {
        "get": {"summary": N_("Published and cancelled events by starts_at"),
                "parameters": [{"name": n, "in": "query", "schema": {"type": "string", "format": "date"}}
                               for n in ("from", "to")]
                + [{"name": "organiser_id", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                   *PAGE_PARAMETERS],
                "responses": {"200": _json(_list(_ref("EventSummary"))), "422": _ERROR}},
        "post": {"summary": N_("Create an event"),
                 "security": _BEARER, "requestBody": {"required": True, "content": {
                     "application/json": {"schema": _EVENT_INPUT}}},
                 "responses": {"201": _json(_ref("Event"), "Created"), "400": _ERROR, "401": _ERROR,
                               "403": _ERROR, "422": _ERROR}}},
    "/api/v1/events/{event_id}": {
        "get": {"summary": N_("One event with its agenda and seats"), "parameters": [_ID],
                "responses": {"200": _json(_ref("Event")), "404": _ERROR}},
        "patch": {"summary": N_("Edit an event"), "security": _BEARER, "parameters": [_ID],
                  "requestBody": {"required": True, "content": {"application/json": {
                      "schema": {**_EVENT_INPUT, "required": []}}}},
                  "responses": {"200": _json(_ref("Event")), "401": _ERROR, "403": _ERROR, "404": _ERROR,
                                "409": _ERROR, "422": _ERROR}}},
    "/api/v1/events/{event_id}/cancel": {"post": {
        "summary": N_("Cancel an event; it stays listed, registrants are mailed"),
        "security": _BEARER, "parameters": [_ID],
        "responses": {"200": _json(_ref("Event")), "401": _ERROR, "403": _ERROR, "404": _ERROR, "409": _ERROR}}},
    "/api/v1/events/{event_id}/agenda": {"post": {
        "summary": N_("Add an agenda item"), "security": _BEARER, "parameters": [_ID],
        "requestBody": {"required": True, "content": {"application/json": {"schema": _ITEM_INPUT}}},
        "responses": {"201": _json(_ref("AgendaItem"), "Created"), "401": _ERROR, "403": _ERROR, "404": _ERROR,
                      "422": _ERROR}}},
    "/api/v1/events/{event_id}/agenda/{item_id}": {
        "patch": {"summary": N_("Edit an agenda item"), "security": _BEARER,
                  "parameters": [_ID, _ITEM_ID],
                  "requestBody": {"required": True, "content": {"application/json": {
                      "schema": {**_ITEM_INPUT, "required": []}}}},
                  "responses": {"200": _json(_ref("AgendaItem")), "401": _ERROR, "403": _ERROR, "404": _ERROR,
                                "422": _ERROR}},
        "delete": {"summary": N_("Delete an agenda item"), "security": _BEARER,
                   "parameters": [_ID, _ITEM_ID],
                   "responses": {"204": {"description": "deleted"}, "401": _ERROR, "403": _ERROR, "404": _ERROR}}},
    "/api/v1/events/{event_id}/registrations": {
        "post": {"summary": N_("Register the caller (a token), a guest (no token: a link is mailed), or, for "
                               "organisers, someone else by name and e-mail"),
                 "security": [{"bearer": []}, {}], "parameters": [_ID],
                 "requestBody": {"required": False, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "properties": {
                         "answers": ANSWERS, "name": {**_TEXT, "minLength": 1}, "email": {"type": "string",
                                                                                          "maxLength": 254},
                         "language": {"enum": ["nl", "fr", "en"]}, "organisation_name": _TEXT},
                     "description": "a member sends answers only; a guest name, email, language, "
                                    "organisation_name? and answers?; an organiser name and email"}}}},
                 "responses": {"201": _json({"anyOf": [_ref("NewRegistration"), _ref("Registration")]}, "Created"),
                               "202": _json(answer({"status": {"const": "pending"}, "message": {"type": "string"}}),
                                            "Accepted: the guest confirms by the mailed link"),
                               "429": _ERROR,
                     "401": _ERROR, "403": _ERROR, "404": _ERROR, "409": _ERROR, "422": _ERROR}},
        "get": {"summary": N_("Registrations, confirmed then the waiting list"), "security": _BEARER,
                "parameters": [_ID, *PAGE_PARAMETERS],
                "responses": {"200": _json(_list(_ref("Registration"))), "401": _ERROR,
                                                   "403": _ERROR, "404": _ERROR}}},
    "/api/v1/events/{event_id}/registrations/me": {"delete": {
        "summary": N_("Cancel the caller's registration; the first on the waiting list is promoted and mailed"),
        "security": _BEARER, "parameters": [_ID],
        "responses": {"204": {"description": "cancelled"}, "401": _ERROR, "404": _ERROR, "422": _ERROR}}},
}

# A study day's life (#17) is described in its own module and served as part of this fragment.
from portal.events import openapi_study_day as _study_day  # noqa: E402

OPENAPI_PATHS.update(_study_day.OPENAPI_PATHS)
OPENAPI_SCHEMAS.update(_study_day.OPENAPI_SCHEMAS)
