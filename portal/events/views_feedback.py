"""Feedback pages (rules in feedback.py): the attendee's form by the mailed link, the organisers'
mailing and results."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.errors import Conflict, Invalid
from portal.core.web import login_required
from portal.events import feedback, permissions
from portal.events.blueprint import bp


@bp.route("/events/feedback/<token>", methods=["GET", "POST"])
def feedback_form(token):
    registration = feedback.registration_for(token[:500])
    event = registration.event
    items = feedback.rated_items(event)
    given = feedback.existing(registration)
    values = {"rating": str(given.rating) if given else "", "comment": given.comment if given else "",
              "items": {k: str(v) for k, v in (given.item_ratings or {}).items()} if given else {}}
    errors = {}
    if request.method == "POST":
        values = {"rating": request.form.get("rating", ""), "comment": request.form.get("comment", ""),
                  "items": {str(i.id): request.form.get(f"item-{i.id}", "") for i in items}}
        try:
            feedback.give(registration, values["rating"], values["comment"],
                          {k: v for k, v in values["items"].items() if v})
        except Invalid as error:
            errors = error.fields
        else:
            return render_template("events/guest_outcome.html", event=event, title=_("Thank you"),
                                   message=_("Your feedback is saved. You can change it with the same link."))
    return render_template("events/feedback_form.html", event=event, items=items, values=values, errors=errors,
                           token=token), 422 if errors else 200


@bp.post("/events/<int:event_id>/feedback/ask")
@login_required
def ask_feedback(event_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    try:
        count = feedback.ask_attendees(current_user, event)
    except Conflict as error:
        flash(str(error.message), "error")
    else:
        flash(_("The feedback form is sent to %(count)d attendees.", count=count), "success")
    return redirect(url_for(".feedback_results", event_id=event.id))


@bp.get("/events/<int:event_id>/feedback")
@login_required
def feedback_results(event_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    return render_template("events/feedback_results.html", event=event, results=feedback.results(event))
