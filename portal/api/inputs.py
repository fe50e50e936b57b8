"""JSON bodies validated by the same WTForms classes the pages use.

The body is type-checked field by field against the form (a string where text is
expected, an integer for numbers, true/false for checkboxes, a list for multiple
choices, an object for a nested form), then handed to the form as form data. Keys the
form does not declare are refused: ownership, status and rights are never taken from a
request.
"""
from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from wtforms import BooleanField, DecimalField, FieldList, FloatField, FormField, IntegerField, SelectMultipleField

from portal.core.errors import DomainError, Invalid
from portal.core.ids import MAX_ID


class MalformedJSON(DomainError):
    status = 400
    code = "malformed_json"

    def default_message(self):
        return _("The body is not valid JSON.")


def json_body():
    """The request's JSON object, or 400 (not JSON) / 422 (not an object)."""
    if not request.get_data():
        return {}
    try:
        # not silent=True: that answers None for the valid JSON `null` too, which is no object (422)
        data = request.get_json(force=True)
    except BadRequest:
        raise MalformedJSON() from None
    if not isinstance(data, dict):
        raise Invalid(_("The body must be a JSON object."))
    return data


def _expect(field, value):
    """The form-data strings for one JSON value, or raise ValueError when its type is wrong."""
    if isinstance(field, BooleanField):
        if not isinstance(value, bool):
            raise ValueError(_("Must be true or false."))
        return ["y"] if value else []
    if isinstance(field, IntegerField):
        # No integer column holds more than 32 bits: a larger number is refused, never sent to the database.
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_ID:
            raise ValueError(_("Must be a whole number."))
        return [str(value)]
    if isinstance(field, (DecimalField, FloatField)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(_("Must be a number."))
        return [str(value)]
    if isinstance(field, SelectMultipleField):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(_("Must be a list of codes."))
        return value
    if not isinstance(value, str):
        raise ValueError(_("Must be text."))
    if "\x00" in value:
        raise ValueError(_("Contains a character that is not allowed."))
    return [value]


def _flatten(form, payload, prefix, formdata, errors):
    fields = {name: field for name, field in form._fields.items() if name != "csrf_token"}
    for key, value in payload.items():
        path = f"{prefix}{key}"
        if key not in fields or isinstance(fields[key], FieldList):
            errors[path.replace("-", ".")] = [_("This field cannot be set.")]
            continue
        if value is None:
            continue
        field = fields[key]
        if isinstance(field, FormField):
            if not isinstance(value, dict):
                errors[path] = [_("Must be an object.")]
                continue
            _flatten(field.form, value, f"{path}-", formdata, errors)
            continue
        try:
            for item in _expect(field, value):
                formdata.add(path, item)
        except ValueError as problem:
            errors[path.replace("-", ".")] = [str(problem)]


def flat_errors(errors, prefix=""):
    """WTForms errors (nested for FormFields) as {"a.b": [messages]}."""
    flat = {}
    for name, messages in errors.items():
        if isinstance(messages, dict):
            flat.update(flat_errors(messages, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = [str(m) for m in messages]
    return flat


def validated(form_class, payload, **form_kwargs):
    """A validated form for a JSON payload, or raise Invalid naming each bad field."""
    probe = form_class(formdata=None, meta={"csrf": False}, **form_kwargs)
    formdata, errors = MultiDict(), {}
    _flatten(probe, payload, "", formdata, errors)
    if errors:
        raise Invalid(fields=errors)
    form = form_class(formdata=formdata, meta={"csrf": False}, **form_kwargs)
    if not form.validate():
        raise Invalid(fields=flat_errors(form.errors))
    return form


def as_written(values):
    """Stored values in the form the API writes them (dates and times as ISO text), so a
    PATCH can be validated merged over the record."""
    return {name: (value.isoformat() if hasattr(value, "isoformat") else value) for name, value in values.items()}


def body_of(form_class, current=None):
    """A parser for a service (core/use_case.py: parsed), run once the service has looked the
    record up: the JSON body validated by `form_class`, as the service takes it. With
    `current(record)` — the record's writable values — the body is a PATCH: validated merged
    over them, and only the fields sent are returned."""
    from portal.core.web import form_values

    def parse(*records):
        payload = json_body()
        if current is None:
            return form_values(validated(form_class, payload))
        merged = {**as_written(current(*records)), **payload}
        return form_values(validated(form_class, merged), only=payload)

    return parse
