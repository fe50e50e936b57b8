"""Organiser pages: create and edit an event, the agenda editor, registrations (CSV, sign-in
sheet, e-mail all) and cancelling. Rights are checked by permissions.get_event_to_organise
(404 for what one may not see, 403 for what one sees but does not organise): in the services
for every change, in queries.event_to_organise for what a page shows."""
import csv
import io

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import actors, translation_forms
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.types import to_brussels, utcnow
from portal.core.web import apply_errors, login_required
from portal.events import permissions, queries, questions, services
from portal.events.blueprint import bp
from portal.events.forms import EVENT_STATUS_CHOICES, AgendaItemPageForm, EventPageForm, MessageForm
from portal.events.models import AgendaItem, Event
from portal.events.people import people_from_lines, people_to_lines

EVENT_DATA = ("title", "description", "venue", "address", "starts_at", "ends_at", "capacity",
              "registration_deadline", "language", "status")


def _organise(event_id):
    return permissions.get_event_to_organise(current_user, event_id)


def _co_organiser_choices(form, own_id):
    form.co_organiser_ids.choices = queries.co_organiser_choices(own_id)


def _event_data(form):
    """The event's fields and, from the language columns, its translations."""
    data = {n: form.data[n] for n in EVENT_DATA}
    data["translations"] = translation_forms.changes(form, form.language.data, Event.TRANSLATED)
    return data


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def new():
    if not permissions.can_create_events(current_user):
        raise Forbidden()
    form = EventPageForm()
    own = actors.organisation_of(current_user)
    _co_organiser_choices(form, own.id if own else None)
    form.status.choices = [c for c in EVENT_STATUS_CHOICES.form_choices() if c[0] != "cancelled"]
    if form.validate_on_submit():
        try:
            event = services.create_event(current_user, _event_data(form), form.co_organiser_ids.data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("The study day is saved. Add its agenda now."), "success")
            return redirect(url_for(".agenda", event_id=event.id))
    status = 422 if form.errors else 200
    return render_template("events/form.html", form=form, event=None), status


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id):
    event = _organise(event_id)
    form = EventPageForm(obj=event)
    _co_organiser_choices(form, event.organiser_id)
    if request.method == "GET":
        form.co_organiser_ids.data = [org.id for org in event.co_organisers]
        translation_forms.fill(form, event)
    if form.validate_on_submit():
        try:
            services.update_event(current_user, event_id, _event_data(form), form.co_organiser_ids.data)
        except (Invalid, Conflict) as error:
            # a refused move of status is told beside the status field
            apply_errors(form, Invalid(fields={"status": [error.message]}) if isinstance(error, Conflict) else error)
        else:
            flash(_("The study day is saved."), "success")
            return redirect(url_for(".detail", event_id=event.id))
    status = 422 if form.errors else 200
    return render_template("events/form.html", form=form, event=event), status


@bp.get("/events/<int:event_id>/cancel")
@login_required
def cancel_confirm(event_id):
    """Cancelling mails every registrant and cannot be undone: a page of its own asks first."""
    event = _organise(event_id)
    if event.status == "cancelled":
        return redirect(url_for(".detail", event_id=event.id))
    back = url_for(".detail", event_id=event.id)
    return render_template(
        "confirm.html", title=_("Cancel the study day?"), subject=event.title, back=back,
        action=url_for(".cancel", event_id=event.id), confirm_label=_("Yes, cancel the study day"),
        back_label=_("No, keep it"), consequences=[
            _("Everyone registered or on the waiting list is told by e-mail, with a calendar cancellation."),
            _("Registration closes; the study day stays listed as cancelled."),
            _("This cannot be undone: to hold it after all, create a new study day."),
        ])


@bp.post("/events/<int:event_id>/cancel")
@login_required
def cancel(event_id):
    services.cancel_event(current_user, event_id)
    flash(_("The study day is cancelled; the registrants are being told."), "success")
    return redirect(url_for(".detail", event_id=event_id))


# --- agenda ----------------------------------------------------------------------------

def _item_people(form):
    errors = {}
    people = {}
    for name in ("speakers", "moderators"):
        try:
            people[name] = people_from_lines(getattr(form, name).data, name)
        except Invalid as error:
            errors.update(error.fields)
    if errors:
        raise Invalid(fields=errors)
    return people["speakers"], people["moderators"]


def _save_item(event_id, form, item_id=None):
    try:
        speakers, moderators = _item_people(form)
        data = {n: getattr(form, n).data for n in services.ITEM_FIELDS}
        data.update(speakers=speakers, moderators=moderators)

        def with_translations(event, _item=None):  # the columns are read in the event's language
            return {**data, "translations": translation_forms.changes(form, event.language, AgendaItem.TRANSLATED)}

        if item_id is None:
            services.add_agenda_item(current_user, event_id, with_translations)
        else:
            services.update_agenda_item(current_user, event_id, item_id, with_translations)
    except Invalid as error:
        apply_errors(form, error)
        return False
    return True


@bp.route("/events/<int:event_id>/agenda", methods=["GET", "POST"])
@login_required
def agenda(event_id):
    event = _organise(event_id)
    form = AgendaItemPageForm()
    if form.validate_on_submit() and _save_item(event.id, form):
        flash(_("The agenda item is added."), "success")
        return redirect(url_for(".agenda", event_id=event.id))
    event = queries.with_agenda(event.id)
    status = 422 if form.errors else 200
    return render_template("events/agenda.html", event=event, form=form, item=None), status


@bp.route("/events/<int:event_id>/agenda/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(event_id, item_id):
    event = _organise(event_id)
    item = queries.agenda_item(event, item_id)
    form = AgendaItemPageForm(obj=item)
    if request.method == "GET":
        translation_forms.fill(form, item)
        form.speakers.data = people_to_lines(item.speakers)
        form.moderators.data = people_to_lines(item.moderators)
    if form.validate_on_submit() and _save_item(event.id, form, item.id):
        flash(_("The agenda item is saved."), "success")
        return redirect(url_for(".agenda", event_id=event.id))
    status = 422 if form.errors else 200
    return render_template("events/item_form.html", event=event, form=form, item=item), status


@bp.post("/events/<int:event_id>/agenda/<int:item_id>/delete")
@login_required
def delete_item(event_id, item_id):
    services.delete_agenda_item(current_user, event_id, item_id)
    flash(_("The agenda item is deleted."), "success")
    return redirect(url_for(".agenda", event_id=event_id))


# --- registrations -----------------------------------------------------------------------

@bp.get("/events/<int:event_id>/registrations")
@login_required
def registrations(event_id):
    event = _organise(event_id)
    rows = queries.registrations_of_event(event)
    asked = questions.questions_of(event.id)
    from portal.events.guests import GuestForm

    return render_template("events/registrations.html", event=event, questions=asked, now=utcnow(),
                           someone=GuestForm(language=event.language),
                           summary=questions.summary(asked, rows), answer_text=questions.answer_text,
                           confirmed=[r for r in rows if r.status == "confirmed"],
                           waiting=[r for r in rows if r.status == "waitlisted"])


@bp.get("/events/<int:event_id>/registrations.csv")
@login_required
def registrations_csv(event_id):
    event = _organise(event_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    asked = questions.questions_of(event.id)
    writer.writerow([_("Name"), _("E-mail"), _("Organisation"), _("Status"), _("Waiting list position"),
                     _("Registered at"), _("Checked in at"), _("Guest")] + [_safe_cell(q.label) for q in asked])
    for row in queries.registrations_of_event(event):
        organisation = row.organisation.name if row.organisation else (row.organisation_name or "")
        writer.writerow([_safe_cell(row.person.name), row.person.email, _safe_cell(organisation),
                         row.status, row.waitlist_position or "", _moment(row.registered_at),
                         _moment(row.checked_in_at), _("yes") if row.is_guest else _("no")]
                        + [_safe_cell(questions.answer_text(q, (row.answers or {}).get(q.key))) for q in asked])
    # UTF-8 with a BOM, so Excel shows the accents right.
    body = "\ufeff" + out.getvalue()
    return Response(body.encode("utf-8"), content_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="registrations-event-{event.id}.csv"',
        "Cache-Control": "no-store",
    })


def _moment(moment):
    return to_brussels(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _safe_cell(text):
    # A cell starting with = + - @ is a formula to a spreadsheet: quote it.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@bp.get("/events/<int:event_id>/sign-in-sheet")
@login_required
def sign_in_sheet(event_id):
    event = _organise(event_id)
    rows = [r for r in queries.registrations_of_event(event) if r.status == "confirmed"]
    rows.sort(key=lambda r: r.person.name.lower())
    return render_template("events/sign_in_sheet.html", event=event, rows=rows)


@bp.route("/events/<int:event_id>/message", methods=["GET", "POST"])
@login_required
def message(event_id):
    event = _organise(event_id)
    form = MessageForm()
    if form.validate_on_submit():
        count = services.message_registrants(current_user, event.id, form.subject.data, form.body.data)
        flash(_("Your message is sent to %(count)d registrants.", count=count), "success")
        return redirect(url_for(".registrations", event_id=event.id))
    status = 422 if form.errors else 200
    return render_template("events/message.html", event=event, form=form), status
