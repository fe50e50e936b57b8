"""Registration questions (API.md §6.3): what organisers ask, and the one check of the answers.

The answers are checked here and only here — by `checked_answers`, which `services.register`
calls before it takes a seat — so a bad answer stores nothing and costs nobody a seat, whether it
came from the event page or the API.
"""
from flask_babel import gettext as _
from sqlalchemy import func

from portal.core import audit
from portal.core.errors import Invalid, NotFound
from portal.core.use_case import use_case
from portal.events.models_study_day import QUESTION_KINDS, RegistrationQuestion
from portal.extensions import db

LANGUAGES = ("nl", "fr", "en")
LABEL_MAX = 200
OPTION_MAX = 200
MAX_OPTIONS = 50
MAX_QUESTIONS = 50
ANSWER_MAX = 10_000
WITH_OPTIONS = ("choice", "multiple")
FIELDS = ("label", "translations", "kind", "options", "required")


# --- reading in the reader's language -------------------------------------------------------

def translated(record, field, language, own_language):
    """`field` of `record` in `language`, else the plain field (written in `own_language`).

    A small local reader with the shape of #16's convention (`translations` = {"fr": {"label": …}});
    it can give way to the core helper once that lands.
    """
    if language != own_language:
        text = ((record.translations or {}).get(language) or {}).get(field)
        if text:
            return text
    return getattr(record, field)


def label_in(question, language):
    return translated(question, "label", language, question.event.language)


# --- the questions ---------------------------------------------------------------------------

def questions_of(event_id):
    """The event's questions in the order they are asked (one query, event loaded with them)."""
    from sqlalchemy.orm import joinedload

    return db.session.execute(
        db.select(RegistrationQuestion).where(RegistrationQuestion.event_id == event_id)
        .order_by(RegistrationQuestion.position, RegistrationQuestion.id)
        .options(joinedload(RegistrationQuestion.event))
    ).scalars().all()


def get_question(event, question_id):
    question = db.session.get(RegistrationQuestion, question_id) if 0 < question_id < 2**31 else None
    if question is None or question.event_id != event.id:
        raise NotFound()
    return question


def _text(value, field, errors, required=True, maximum=LABEL_MAX):
    if not isinstance(value, str) or "\x00" in value:
        errors[field] = [_("Must be text.")]
        return None
    value = value.strip()
    if required and not value:
        errors[field] = [_("This field is required.")]
    elif len(value) > maximum:
        errors[field] = [_("At most %(max)d characters.", max=maximum)]
    return value


def _translations(value, own_language, errors):
    if not isinstance(value, dict):
        errors["translations"] = [_("Must be an object such as {\"fr\": {\"label\": \"…\"}}.")]
        return {}
    cleaned = {}
    for language, fields in value.items():
        path = f"translations.{language}"
        if language not in LANGUAGES:
            errors[path] = [_("Use nl, fr or en.")]
        elif language == own_language:
            errors[path] = [_("This is the study day's own language: write it in the label itself.")]
        elif fields is None:
            continue  # as on PATCH elsewhere: null removes the version
        elif not isinstance(fields, dict) or set(fields) - {"label"}:
            errors[path] = [_("Must be an object with a label.")]
        else:
            label = _text(fields.get("label", ""), f"{path}.label", errors, required=False)
            if label:
                cleaned[language] = {"label": label}
    return cleaned


def _options(value, errors):
    if not isinstance(value, list) or not all(isinstance(v, str) and "\x00" not in v for v in value):
        errors["options"] = [_("Must be a list of texts.")]
        return []
    options = [v.strip() for v in value if v.strip()]
    if not options:
        errors["options"] = [_("Give at least one option.")]
    elif len(options) > MAX_OPTIONS:
        errors["options"] = [_("At most %(max)d options.", max=MAX_OPTIONS)]
    elif any(len(o) > OPTION_MAX for o in options):
        errors["options"] = [_("At most %(max)d characters.", max=OPTION_MAX)]
    elif len(set(options)) != len(options):
        errors["options"] = [_("Each option must be different.")]
    return options


def checked_question(event, payload, current=None):
    """The question's fields from a payload (JSON or a page's form), merged over `current` on
    an edit; Invalid naming each bad field. Unknown keys are refused (mass assignment)."""
    errors = {name: [_("This field cannot be set.")] for name in payload if name not in FIELDS}
    merged = {"label": "", "translations": {}, "kind": None, "options": [], "required": False}
    if current is not None:
        merged.update({name: getattr(current, name) for name in FIELDS})
    merged.update({k: v for k, v in payload.items() if k in FIELDS})
    data = {"label": _text(merged["label"], "label", errors)}
    data["translations"] = _translations(merged["translations"] or {}, event.language, errors)
    if merged["kind"] not in QUESTION_KINDS:
        errors["kind"] = [_("Use one of: %(kinds)s.", kinds=", ".join(QUESTION_KINDS))]
    data["kind"] = merged["kind"]
    if not isinstance(merged["required"], bool):
        errors["required"] = [_("Must be true or false.")]
    data["required"] = merged["required"]
    if data["kind"] in WITH_OPTIONS:
        data["options"] = _options(merged["options"], errors)
    elif merged["options"] and "options" in payload:
        errors["options"] = [_("Only choice and multiple questions have options.")]
    else:
        data["options"] = []
    if errors:
        raise Invalid(fields=errors)
    return data


@use_case
def add_question(actor, event, payload):
    """Add a question at the end of the form; at most MAX_QUESTIONS per event."""
    data = checked_question(event, payload)
    count, last = db.session.execute(
        db.select(func.count(), func.max(RegistrationQuestion.position))
        .where(RegistrationQuestion.event_id == event.id)
    ).one()
    if count >= MAX_QUESTIONS:
        raise Invalid(_("A study day asks at most %(max)d questions.", max=MAX_QUESTIONS))
    question = RegistrationQuestion(event_id=event.id, position=(last or 0) + 1, **data)
    db.session.add(question)
    db.session.flush()
    audit.record(actor, "event.question.add", question, event_id=event.id)
    return question


@use_case
def update_question(actor, event, question, payload):
    """Change a question. Answers already given stay as they were stored."""
    data = checked_question(event, payload, current=question)
    for name, value in data.items():
        setattr(question, name, value)
    audit.record(actor, "event.question.edit", question, event_id=event.id)
    return question


@use_case
def delete_question(actor, event, question):
    """Remove a question and the answers given to it (so every list and export agrees)."""
    from portal.events.models import Registration

    audit.record(actor, "event.question.delete", question, event_id=event.id)
    answered = db.session.execute(db.select(Registration).where(Registration.event_id == event.id)).scalars()
    for registration in answered:
        if question.key in (registration.answers or {}):
            registration.answers = {k: v for k, v in registration.answers.items() if k != question.key}
    db.session.delete(question)


# --- the answers -----------------------------------------------------------------------------

def _answer(question, value):
    """(cleaned value or None when not answered, error message or None)."""
    if question.kind == "text":
        if not isinstance(value, str) or "\x00" in value:
            return None, _("Must be text.")
        value = value.strip()
        if len(value) > ANSWER_MAX:
            return None, _("At most %(max)d characters.", max=ANSWER_MAX)
        return value or None, None
    if question.kind == "choice":
        if not isinstance(value, str):
            return None, _("Must be one of the options.")
        if value == "":
            return None, None
        return (value, None) if value in question.options else (None, _("Must be one of the options."))
    if question.kind == "multiple":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, _("Must be a list of options.")
        if any(v not in question.options for v in value):
            return None, _("Must be a list of options.")
        chosen = [o for o in question.options if o in value]  # the options' order, each once
        return chosen or None, None
    if not isinstance(value, bool):  # checkbox
        return None, _("Must be true or false.")
    return value, None


def checked_answers(event, answers, questions=None, enforce_required=True):
    """The answers to store, keyed by question id: Invalid (422) naming `answers.<id>` for an
    unknown question, a value of the wrong kind, or a required question left unanswered (for a
    required checkbox: left unticked)."""
    questions = questions_of(event.id) if questions is None else questions
    answers = {} if answers is None else answers
    if not isinstance(answers, dict):
        raise Invalid(fields={"answers": [_("Must be an object of question id → answer.")]})
    by_key = {q.key: q for q in questions}
    errors = {f"answers.{key}": [_("There is no such question for this study day.")]
              for key in answers if key not in by_key}
    cleaned = {}
    for key, question in by_key.items():
        value, problem = _answer(question, answers[key]) if answers.get(key) is not None else (None, None)
        if problem:
            errors[f"answers.{key}"] = [problem]
        elif enforce_required and question.required and value in (None, False):
            errors[f"answers.{key}"] = [_("This question needs an answer.")]
        elif value is not None:
            cleaned[key] = value
    if errors:
        raise Invalid(_("Some answers need your attention."), fields=errors)
    return cleaned


def answer_text(question, value):
    """An answer as a person reads it (lists, CSV cells)."""
    if value is None:
        return ""
    if question.kind == "checkbox":
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def summary(questions, registrations):
    """Per question, over the registrations given (confirmed and waiting): how many answered,
    and for choice/multiple/checkbox how many picked each option — computed from the rows the
    page already holds, so it costs no query."""
    result = []
    for question in questions:
        values = [r.answers.get(question.key) for r in registrations if (r.answers or {}).get(question.key)
                  is not None]
        counts = []
        if question.kind in WITH_OPTIONS:
            for option in question.options:
                counts.append((option, sum(1 for v in values if v == option or (isinstance(v, list)
                                                                                  and option in v))))
        elif question.kind == "checkbox":
            counts = [(_("yes"), sum(1 for v in values if v is True)), (_("no"), sum(1 for v in values
                                                                                    if v is False))]
        result.append({"question": question, "answered": len(values), "counts": counts})
    return result
