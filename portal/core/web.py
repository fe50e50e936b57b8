"""The HTML adapters' glue, written once (DESIGN.md "The use-case contract"): the login guard,
a domain error's fields put onto a form, flashes, and the no-store header of confidential
pages. The JSON API's glue lives in portal/api/.

Pages behind login use Flask-Login's own `login_required`. Its unauthorized handler
(accounts/sessions.py) answers every page the same way: a redirect to /login with `next` (what
people expect of a page; the API answers 401 in its JSON format instead).
"""
from flask import flash, redirect, render_template
from flask_login import login_required
from markupsafe import Markup

from portal.core import translation_forms
from portal.core.errors import Conflict, Invalid

__all__ = ["login_required", "no_store", "flash_error", "flash_form_errors", "apply_errors", "form_values",
           "posted_from_a_page", "rendered_piece"]


def rendered_piece(template, **context):
    """A template rendered as a piece of a page (a kept fragment: cache.fragment). Jinja
    autoescapes it, so it is already safe HTML."""
    return Markup(render_template(template, **context))  # noqa: S704


def no_store(response):
    """Pages with a candidate's personal data must never be kept by a cache or a browser."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def _messages(error):
    return [str(message) for messages in (error.fields or {}).values() for message in messages]


def flash_error(error):
    """A refused action as a message on the page: each field message, else the error's own."""
    for message in _messages(error) or [str(error.message)]:
        flash(message, "error")


def flash_form_errors(form):
    """A form posted from a detail page: its errors come back as flashed messages."""
    for messages in form.errors.values():
        for message in messages:
            flash(str(message), "error")


def _field_named(form, name):
    """The field a dotted name points at: through sub-forms (`organisation.name`), and the
    list itself for an entry of a list (`speakers.0.name` → `speakers`)."""
    parts = name.split(".")
    field = form._fields.get(parts[0])
    for part in parts[1:]:
        inner = getattr(field, "form", None)
        if inner is None or part not in inner._fields:
            break
        field = inner._fields[part]
    return field


def apply_errors(form, error):
    """Put a domain error's field messages beside the form's fields (a dotted name such as
    `speakers.0.name` goes on `speakers`); what names no field of the form is flashed."""
    placed = False
    # The language columns' messages (`translations.fr.title`) go on their columns first.
    for name, messages in translation_forms.apply_errors(form, error).items():
        field = _field_named(form, name)
        if field is None:
            flash(" ".join(str(m) for m in messages), "error")
            continue
        field.errors = list(field.errors or []) + [str(m) for m in messages]
        placed = True
    if not placed and not error.fields:
        flash(str(error.message), "error")


def form_values(form, only=None):
    """The form's data as a service takes it (the CSRF token left out)."""
    return {name: field.data for name, field in form._fields.items()
            if name != "csrf_token" and (only is None or name in only)}


def posted_from_a_page(form, action, success, back, refusals=(Conflict, Invalid)):
    """A form posted from a detail page (a referral's move, note, placement facts): validate,
    call `action(values)`, flash the outcome — `success` (a message, or a function of the form)
    or the refusal — and go back to the page. Other errors (404, 403) are pages of their own."""
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(back)
    try:
        action(form_values(form))
    except refusals as error:
        flash_error(error)
    else:
        flash(success(form) if callable(success) else success, "success")
    return redirect(back)
