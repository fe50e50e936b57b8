"""The organisers' check-in page, made for a phone at the door (rules in checkin.py): scan a QR
code (static/js/checkin.js fills the code field and submits the form; without JavaScript the code
can be typed), or find a person by name; a counter of arrivals; undo of a mistaken check-in."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import ids
from portal.core.errors import Conflict, NotFound
from portal.core.web import login_required
from portal.events import checkin, permissions
from portal.events.blueprint import bp


def _back(event, query=""):
    return redirect(url_for(".check_in_page", event_id=event.id, q=query or None) + "#check-in-result")


@bp.get("/events/<int:event_id>/check-in")
@login_required
def check_in_page(event_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    query = request.args.get("q", "")[:200]
    arrived, confirmed = checkin.arrivals(event)
    return render_template("events/check_in.html", event=event, query=query, arrived=arrived, confirmed=confirmed,
                           people=checkin.find(event, query) if query else [])


@bp.post("/events/<int:event_id>/check-in")
@login_required
def check_in(event_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    query = request.form.get("q", "")[:200]
    try:
        registration_id = ids.record_id(request.form.get("registration_id", ""))
        if registration_id:
            registration = checkin.check_in_registration(current_user, event, registration_id)
        else:
            registration = checkin.check_in(current_user, event, request.form.get("code", ""))
    except (NotFound, Conflict) as error:
        flash(str(error.message), "error")
        return _back(event, query)
    flash(_("Welcome, %(name)s: checked in.", name=registration.person.name), "success")
    return _back(event, query)


@bp.post("/events/<int:event_id>/check-in/<int:registration_id>/undo")
@login_required
def undo_check_in(event_id, registration_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    try:
        registration = checkin.undo(current_user, event, registration_id)
    except (NotFound, Conflict) as error:
        flash(str(error.message), "error")
    else:
        flash(_("The check-in of %(name)s is undone.", name=registration.person.name), "success")
    return _back(event, request.form.get("q", "")[:200])


@bp.app_context_processor
def checkin_helpers():
    return {"checkin_qr": checkin.qr_data_uri}
