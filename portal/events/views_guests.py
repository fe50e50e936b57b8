"""Guest pages: a visitor registers without an account, confirms by the mailed link, and cancels
by the link every guest mail carries (rules in guests.py). The form has a page of its own, so the
event page (cached for visitors) carries no per-visitor CSRF token."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.throttle import RateLimited
from portal.core.errors import Conflict, Invalid
from portal.core.signed_links import LinkProblem
from portal.core.web import login_required
from portal.events import checkin, guests, permissions, questions
from portal.events.blueprint import bp
from portal.events.views_questions import answers_from_form

LINK_MESSAGES = {
    "invalid": lambda: _("This link is not valid. Please use the link from the most recent e-mail."),
    "expired": lambda: _("This link has expired. Please register again from the study day's page."),
    "used": lambda: _("This link has already been used."),
}


def _problem(reason, event=None, status=400):
    return render_template("events/guest_outcome.html", title=_("This link cannot be used"),
                           message=LINK_MESSAGES[reason](), event=event), status


@bp.route("/events/<int:event_id>/guest", methods=["GET", "POST"])
def guest_register(event_id):
    event = permissions.get_event_for(current_user, event_id)
    asked = questions.questions_of(event.id)
    form = guests.GuestForm()
    answers, errors = {}, {}
    if request.method == "POST":
        answers = answers_from_form(asked, request.form)
    if form.validate_on_submit():
        try:
            guests.request_registration(event.id, form.data, answers)
        except Invalid as error:
            errors = error.fields
            if not error.fields:
                flash(str(error.message), "error")
        except RateLimited as error:
            flash(str(error.message), "error")
            return redirect(url_for(".guest_register", event_id=event_id)), 303
        else:
            return render_template("events/guest_outcome.html", event=event, title=_("Check your mailbox"),
                                   message=_("We have sent a link to %(email)s. Your registration counts once "
                                             "you open it.", email=form.email.data.strip().lower()))
    status = 422 if (form.errors or errors) else 200
    return render_template("events/guest_form.html", event=event, form=form, questions=asked,
                           answer_errors=errors, answer_values=answers,
                           registration_open=event.registration_open()), status


@bp.get("/events/guest/confirm/<token>")
def guest_confirm(token):
    """Opening the mailed link takes the place (like the sign-up verification link, a GET)."""
    try:
        registration = guests.confirm(token)
    except LinkProblem as problem:
        return _problem(problem.reason)
    except (Invalid, Conflict) as error:
        return render_template("events/guest_outcome.html", title=_("Your registration"),
                               message=str(error.message), event=None), error.status
    message = (_("You have a seat. A confirmation with a calendar invitation is on its way.")
               if registration.status == "confirmed" else
               _("The study day is full: you are number %(position)d on the waiting list.",
                 position=registration.waitlist_position))
    return render_template("events/guest_outcome.html", title=_("Your registration"), message=message,
                           event=registration.event, checkin_code=checkin.code_of(registration))


@bp.route("/events/guest/cancel/<token>", methods=["GET", "POST"])
def guest_cancel(token):
    """GET asks (mail scanners open links), POST cancels."""
    try:
        registration = guests.registration_to_cancel(token) if request.method == "GET" else guests.cancel(token)
    except LinkProblem as problem:
        return _problem(problem.reason)
    except Invalid as error:
        return render_template("events/guest_outcome.html", title=_("Your registration"),
                               message=str(error.message), event=None), 422
    event = registration.event
    if request.method == "POST":
        return render_template("events/guest_outcome.html", title=_("Your registration is cancelled"),
                               message=_("Thank you for letting us know: your place goes to the next person."),
                               event=event)
    return render_template(
        "confirm.html", title=_("Cancel your registration?"), subject=event.title,
        action=url_for(".guest_cancel", token=token), back=url_for(".detail", event_id=event.id),
        confirm_label=_("Yes, cancel my registration"), back_label=_("No, keep my place"),
        consequences=[_("Your seat goes to the first person on the waiting list.")])


@bp.post("/events/<int:event_id>/registrations/add")
@login_required
def register_someone(event_id):
    """The organisers' form on the registrations page: a speaker or guest, by name and e-mail."""
    event = permissions.get_event_to_organise(current_user, event_id)
    form = guests.GuestForm()
    if not form.validate_on_submit():
        for field, messages in form.errors.items():
            flash(f"{getattr(form, field).label.text}: {' '.join(str(m) for m in messages)}", "error")
        return redirect(url_for(".registrations", event_id=event.id))
    try:
        registration = guests.register_someone(current_user, event.id, form.data, None)
    except (Invalid, Conflict) as error:
        flash(str(error.message), "error")
    else:
        flash(_("%(name)s is registered and mailed.", name=registration.person.name), "success")
    return redirect(url_for(".registrations", event_id=event.id))
