"""Small helpers the offers and referrals pages share."""
from functools import wraps

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user

from portal.core.errors import Invalid, Unauthorized


def login_required(view):
    """Pages behind login: the login page when it exists, else a 401 page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            if "accounts.login" in current_app.view_functions:
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            raise Unauthorized()
        return view(*args, **kwargs)

    return wrapped


def no_store(response):
    """Pages with a candidate's personal data must never be kept by a cache or a browser."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def flash_error(error):
    """A refused action as a message on the page (field messages included)."""
    if isinstance(error, Invalid) and error.fields:
        for messages in error.fields.values():
            for message in messages:
                flash(str(message), "error")
    else:
        flash(str(error.message), "error")


def flash_form_errors(form):
    """A form posted from a detail page: its errors come back as flashed messages."""
    for messages in form.errors.values():
        for message in messages:
            flash(str(message), "error")


def form_values(form, only=None):
    return {name: field.data for name, field in form._fields.items()
            if name != "csrf_token" and (only is None or name in only)}


def apply_errors(form, error):
    """Put a service's field errors on the form so the page shows them beside the fields."""
    known = False
    for name, messages in (error.fields or {}).items():
        if name in form._fields:
            form._fields[name].errors = list(form._fields[name].errors or []) + [str(m) for m in messages]
            known = True
    if not known:
        flash(str(error.message), "error")

