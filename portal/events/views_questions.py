"""Organiser pages of registration questions: list, add, edit, delete (rules in questions.py)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.errors import Invalid
from portal.core.web import login_required
from portal.events import permissions, questions
from portal.events.blueprint import bp
from portal.events.forms_study_day import QUESTION_KIND_CHOICES, QuestionPageForm


def _put_errors(form, error):
    """The service names fields as the API does (`translations.fr.label`); show each on its input."""
    for name, messages in (error.fields or {}).items():
        parts = name.split(".")
        target = f"label_{parts[1]}" if parts[0] == "translations" and len(parts) > 1 else parts[0]
        field = getattr(form, target, None) or form.label
        field.errors = list(field.errors or []) + [str(m) for m in messages]
    if not error.fields:
        flash(str(error.message), "error")


def _save(event, form, question=None):
    try:
        if question is None:
            questions.add_question(current_user, event, form.payload(event.language))
        else:
            questions.update_question(current_user, event, question, form.payload(event.language))
    except Invalid as error:
        _put_errors(form, error)
        return False
    return True


@bp.route("/events/<int:event_id>/questions", methods=["GET", "POST"])
@login_required
def questions_page(event_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    form = QuestionPageForm()
    if form.validate_on_submit() and _save(event, form):
        flash(_("The question is added to the registration form."), "success")
        return redirect(url_for(".questions_page", event_id=event.id))
    event = permissions.get_event_to_organise(current_user, event_id)
    return render_template("events/questions.html", event=event, form=form, kinds=QUESTION_KIND_CHOICES,
                           questions=questions.questions_of(event.id)), 422 if form.errors else 200


@bp.route("/events/<int:event_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit_question(event_id, question_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    question = questions.get_question(event, question_id)
    form = QuestionPageForm()
    if request.method == "GET":
        form.fill(question)
    if form.validate_on_submit() and _save(event, form, question):
        flash(_("The question is saved."), "success")
        return redirect(url_for(".questions_page", event_id=event.id))
    return render_template("events/question_form.html", event=event, form=form,
                           question=question), 422 if form.errors else 200


@bp.post("/events/<int:event_id>/questions/<int:question_id>/delete")
@login_required
def delete_question(event_id, question_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    questions.delete_question(current_user, event, questions.get_question(event, question_id))
    flash(_("The question and its answers are deleted."), "success")
    return redirect(url_for(".questions_page", event_id=event.id))


def answers_from_form(event_questions, form):
    """The answers a registration form posted (inputs named `answer-<id>`), in the API's shape,
    for questions.checked_answers to judge."""
    answers = {}
    for question in event_questions:
        name = f"answer-{question.id}"
        if question.kind == "multiple":
            answers[question.key] = form.getlist(name) or None
        elif question.kind == "checkbox":
            answers[question.key] = form.get(name) == "y"
        else:
            answers[question.key] = form.get(name) or None
    return answers


@bp.app_context_processor
def question_helpers():
    def question_label(question):
        """{text, lang}: the label in the page's language, else the event's; `lang` is set when
        the text is in another language than the page (API.md §6.2)."""
        from flask_babel import get_locale

        page = str(get_locale())
        text = questions.label_in(question, page)
        shown = page if text != question.label or page == question.event.language else question.event.language
        return {"text": text, "lang": shown if shown != page else None}

    return {"question_label": question_label}
