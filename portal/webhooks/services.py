"""Registering and removing webhooks (the rules: permissions.py and addresses.py)."""
from flask_babel import gettext as _

from portal.core import audit
from portal.core.errors import Conflict, NotFound
from portal.extensions import db
from portal.webhooks import addresses, signing
from portal.webhooks.models import Webhook, WebhookDelivery
from portal.webhooks.permissions import (
    get_webhook_for,
    may_manage_webhooks_of,
    organisation_managed_by,
    webhooks_of,
)

MAX_PER_ORGANISATION = 10  # a guard against a runaway script, not a product limit
LOG_LENGTH = 50


def register_webhook(actor, url, events):
    """An admin registers a URL of their organisation for some event types. The URL must reach
    public addresses only (unless WEBHOOK_ALLOW_PRIVATE). Returns (webhook, secret): the secret is
    shown this once."""
    organisation = organisation_managed_by(actor)
    addresses.validate_for_registration(url)
    count = db.session.execute(db.select(db.func.count()).select_from(
        webhooks_of(organisation.id).subquery())).scalar_one()
    if count >= MAX_PER_ORGANISATION:
        raise Conflict(_("An organisation has at most %(count)d webhooks.", count=MAX_PER_ORGANISATION))
    secret = signing.new_secret()
    webhook = Webhook(organisation_id=organisation.id, url=url, events=sorted(set(events)), secret=secret,
                      created_by_id=actor.id)
    db.session.add(webhook)
    audit.record(actor, "webhook.register", webhook, organisation_id=organisation.id, url=url)
    db.session.commit()
    return webhook, secret


def delete_webhook(actor, webhook_id):
    """An admin removes one of their organisation's webhooks; its pending deliveries go with it."""
    webhook = get_webhook_for(actor, webhook_id)
    audit.record(actor, "webhook.delete", webhook, organisation_id=webhook.organisation_id, url=webhook.url)
    db.session.delete(webhook)
    db.session.commit()


def webhooks_statement(actor):
    return webhooks_of(organisation_managed_by(actor).id)


def deliveries_statement(actor, webhook_id):
    """The delivery log of one webhook, newest first."""
    webhook = get_webhook_for(actor, webhook_id)
    return (db.select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook.id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()))


def settings(actor, organisation_id):
    """The organisation's webhooks and the last deliveries of each: [(webhook, [delivery])]."""
    if not may_manage_webhooks_of(actor, organisation_id):
        raise NotFound()
    webhooks = db.session.execute(webhooks_of(organisation_id)).scalars().all()
    log = db.session.execute(
        db.select(WebhookDelivery).where(WebhookDelivery.webhook_id.in_([w.id for w in webhooks]))
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()).limit(LOG_LENGTH)).scalars().all()
    return webhooks, log
