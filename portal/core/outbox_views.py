"""The platform administrators' page of the outbox: failed and waiting mail, "send again"."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core import actors, navigation, outbox_admin
from portal.core.errors import Conflict
from portal.core.web import flash_error, login_required

bp = Blueprint("outbox", __name__)
navigation.add_section(90, "outbox.index", _l("Mail outbox"), actors.is_platform_admin)


@bp.get("/admin/outbox")
@login_required
def index():
    return render_template("outbox/index.html", **outbox_admin.undelivered(current_user))


@bp.post("/admin/outbox/<int:message_id>/send-again")
@login_required
def send_again(message_id):
    try:
        row = outbox_admin.send_again(current_user, message_id)
    except Conflict as error:
        flash_error(error)
    else:
        flash(_("The mail to %(recipient)s is queued again: the worker sends it within a minute.",
                recipient=row.recipient), "success")
    return redirect(url_for("outbox.index"))
