"""/api/v1/webhooks: thin — parse, call one service, serialise (the paths are described in
openapi.py)."""
import json

from flask import jsonify

from portal.api import api_user, bp
from portal.api.inputs import json_body, validated
from portal.api.pagination import paginated
from portal.api.serialise import iso_datetime
from portal.webhooks import services
from portal.webhooks.forms import WebhookForm
from portal.webhooks.permissions import organisation_managed_by


def webhook_json(webhook):
    return {"id": webhook.id, "url": webhook.url, "events": list(webhook.events),
            "organisation_id": webhook.organisation_id, "created_at": iso_datetime(webhook.created_at)}


def delivery_json(delivery):
    return {"id": delivery.id, "key": delivery.key, "event": delivery.event_type, "status": delivery.status,
            "attempts": delivery.attempts, "last_status_code": delivery.last_status_code,
            "last_error": delivery.last_error, "created_at": iso_datetime(delivery.created_at),
            "delivered_at": iso_datetime(delivery.delivered_at), "payload": json.loads(delivery.body)}


@bp.post("/webhooks")
def create_webhook():
    user = api_user()
    organisation_managed_by(user)  # access before the body
    form = validated(WebhookForm, json_body())
    webhook, secret = services.register_webhook(user, form.url.data, form.events.data)
    return jsonify({**webhook_json(webhook), "secret": secret}), 201


@bp.get("/webhooks")
def list_webhooks():
    return jsonify(paginated(services.webhooks_statement(api_user()), webhook_json))


@bp.delete("/webhooks/<int:webhook_id>")
def delete_webhook(webhook_id):
    services.delete_webhook(api_user(), webhook_id)
    return "", 204


@bp.get("/webhooks/<int:webhook_id>/deliveries")
def list_deliveries(webhook_id):
    return jsonify(paginated(services.deliveries_statement(api_user(), webhook_id), delivery_json))
