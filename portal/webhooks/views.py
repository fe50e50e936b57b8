"""/organisations/{id}/webhooks: the organisation's settings page for its software — register a
webhook (its secret shown once), remove one, and read the delivery log."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

import portal.webhooks.delivery  # noqa: F401  (the outbox's deliverer of kind "webhook"; it loads the triggers)
from portal.core.errors import Conflict, Invalid
from portal.webhooks import services
from portal.webhooks.forms import WebhookForm

bp = Blueprint("webhooks", __name__)


def _page(organisation_id, form, secret=None, status=200):
    webhooks, log = services.settings(current_user, organisation_id)
    response = render_template("webhooks/settings.html", organisation=current_user.membership.organisation,
                               webhooks=webhooks, log=log, form=form, secret=secret)
    # the secret, once: never kept by a cache or the browser's history
    return response, status, {"Cache-Control": "no-store"}


@bp.route("/organisations/<int:organisation_id>/webhooks", methods=["GET", "POST"])
@login_required
def settings(organisation_id):
    services.settings(current_user, organisation_id)  # 404 before reading any form
    form = WebhookForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            webhook, secret = services.register_webhook(current_user, form.url.data, form.events.data)
        except (Invalid, Conflict) as error:
            for name, messages in (error.fields or {"url": [error.message]}).items():
                form[name].errors = [*form[name].errors, *map(str, messages)]
            return _page(organisation_id, form, status=422)
        flash(_("The webhook was registered. Copy its secret now: it is not shown again."), "success")
        return _page(organisation_id, WebhookForm(formdata=None), secret=(webhook, secret))
    return _page(organisation_id, form, status=422 if form.errors else 200)


@bp.post("/organisations/<int:organisation_id>/webhooks/<int:webhook_id>/delete")
@login_required
def delete(organisation_id, webhook_id):
    services.settings(current_user, organisation_id)
    services.delete_webhook(current_user, webhook_id)
    flash(_("The webhook was removed."), "success")
    return redirect(url_for("webhooks.settings", organisation_id=organisation_id))
