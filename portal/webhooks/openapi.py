"""OpenAPI 3.1 paths and schemas of /api/v1/webhooks (merged by portal/api/openapi.py)."""
from portal.api.guide import N_
from portal.api.spec import DATETIME, ID, PAGE_PARAMETERS, answer, nullable, page_of
from portal.webhooks.payloads import ALLOWED_KEYS, EVENT_TYPES

_ERROR = {"description": "see the error format of API.md §2"}
_BEARER = [{"bearer": []}]
_ID = {"name": "webhook_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_EVENTS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(EVENT_TYPES)}}
_STATUS = {"type": "string", "description": "a status code of the record, as the API writes it"}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _data(event_type):
    """The `data` of one event type: ids (integers) and status codes, nothing else."""
    properties = {key: (_STATUS if key in ("status", "to") else nullable(_STATUS) if key == "from" else ID)
                  for key in sorted(ALLOWED_KEYS[event_type])}
    return answer(properties)


SIGNATURE_HELP = ("Each delivery is a POST with a JSON body (see WebhookPayload) and the headers "
                  "X-Tandem-Event (the type), X-Tandem-Delivery (its id: the same on every retry) and "
                  "X-Tandem-Signature: sha256=<hex>, the HMAC-SHA256 of the raw body with the webhook's secret. "
                  "Verify it over the bytes received, before parsing, in constant time; answer 2xx within "
                  "10 seconds. Any other answer, or none, is retried with growing delays (at most a minute "
                  "apart) for 72 hours. Payloads carry ids and statuses only — never a candidate's personal "
                  "fields: ask the API for the rest. A URL on a loopback or private address is refused (422).")

OPENAPI_SCHEMAS = {
    "Webhook": answer({"id": ID, "url": {"type": "string", "maxLength": 2000}, "events": _EVENTS,
                       "organisation_id": ID, "created_at": DATETIME}),
    "WebhookCreated": answer({"id": ID, "url": {"type": "string", "maxLength": 2000}, "events": _EVENTS,
                              "organisation_id": ID, "created_at": DATETIME,
                              "secret": {"type": "string", "description": "shown this once: keep it"}}),
    "WebhookList": page_of({"$ref": "#/components/schemas/Webhook"}),
    "WebhookPayload": {"oneOf": [answer({
        "id": {"type": "string", "description": "the delivery's id (X-Tandem-Delivery)"},
        "type": {"const": event_type}, "occurred_at": DATETIME, "data": _data(event_type)})
        for event_type in EVENT_TYPES], "description": "the body POSTed to the webhook's URL"},
    "WebhookDelivery": answer({
        "id": ID, "key": {"type": "string"}, "event": {"enum": list(EVENT_TYPES)},
        "status": {"enum": ["pending", "delivered", "failed"]}, "attempts": {"type": "integer", "minimum": 0},
        "last_status_code": nullable({"type": "integer"}), "last_error": {"type": "string"},
        "created_at": DATETIME, "delivered_at": nullable(DATETIME),
        "payload": {"$ref": "#/components/schemas/WebhookPayload"}}),
    "WebhookDeliveryList": page_of({"$ref": "#/components/schemas/WebhookDelivery"}),
}

OPENAPI_PATHS = {
    "/api/v1/webhooks": {
        "get": {"summary": N_("The webhooks of the caller's organisation"), "security": _BEARER,
                "parameters": PAGE_PARAMETERS,
                "responses": {"200": _json({"$ref": "#/components/schemas/WebhookList"}), "401": _ERROR,
                              "403": _ERROR, "422": _ERROR}},
        "post": {
            "summary": N_("Register a webhook: a URL that receives a signed JSON POST for each change"),
            "description": SIGNATURE_HELP, "security": _BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False, "required": ["url", "events"],
                "properties": {"url": {"type": "string", "minLength": 1, "maxLength": 2000,
                                       "description": "https:// on a public address"},
                               "events": _EVENTS}}}}},
            "responses": {"201": _json({"$ref": "#/components/schemas/WebhookCreated"}, "Created"),
                          "400": _ERROR, "401": _ERROR, "403": _ERROR, "409": _ERROR, "422": _ERROR}},
    },
    "/api/v1/webhooks/{webhook_id}": {
        "parameters": [_ID],
        "delete": {"summary": N_("Remove a webhook (its pending deliveries are dropped)"), "security": _BEARER,
                   "responses": {"204": {"description": "removed"}, "401": _ERROR, "403": _ERROR,
                                 "404": _ERROR}},
    },
    "/api/v1/webhooks/{webhook_id}/deliveries": {
        "parameters": [_ID],
        "get": {"summary": N_("The delivery log of a webhook, newest first"), "security": _BEARER,
                "parameters": PAGE_PARAMETERS,
                "responses": {"200": _json({"$ref": "#/components/schemas/WebhookDeliveryList"}), "401": _ERROR,
                              "403": _ERROR, "404": _ERROR, "422": _ERROR}},
    },
}
