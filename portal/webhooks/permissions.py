"""Who manages an organisation's webhooks: its admins, and no one else — not its other members,
not a platform administrator (the deliveries go to the organisation's own software, on its
responsibility). A webhook of another organisation is a 404."""
from flask_babel import gettext as _

from portal.core import actors
from portal.core.errors import Forbidden, NotFound
from portal.extensions import db
from portal.webhooks.models import Webhook


def organisation_managed_by(user):
    """The approved organisation whose webhooks `user` manages, or Forbidden."""
    membership = actors.approved_membership(user)
    if membership is None or membership.role != "admin":
        raise Forbidden(_("Only an organisation's administrators manage its webhooks."))
    return membership.organisation


def may_manage_webhooks_of(user, organisation_id):
    membership = actors.approved_membership(user)
    return membership is not None and membership.role == "admin" and membership.organisation_id == organisation_id


def webhooks_of(organisation_id):
    return db.select(Webhook).where(Webhook.organisation_id == organisation_id).order_by(Webhook.id)


def get_webhook_for(user, webhook_id):
    """One of the user's organisation's webhooks, or Forbidden (not an admin) / NotFound."""
    organisation = organisation_managed_by(user)
    webhook = db.session.execute(webhooks_of(organisation.id).where(Webhook.id == webhook_id)).scalar_one_or_none()
    if webhook is None:
        raise NotFound()
    return webhook
