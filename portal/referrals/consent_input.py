"""The JSON shapes of consent (API.md §6.4) turned into the fields the candidate forms validate.

`consent: {given_on, expires_on?, organisation_ids?}` is the scoped form; the older
`consent: true` with `consent_date` still works (no end, any partner). Error field names are
given back in the caller's spelling (`consent.given_on`, …).
"""
from flask_babel import gettext as _

from portal.core.errors import Invalid
from portal.core.ids import MAX_ID

SCOPE_KEYS = {"given_on": "consent_date", "expires_on": "consent_expires_on",
              "organisation_ids": "consent_organisation_ids"}
# consent_expires_on and consent_organisation_ids are written inside `consent` only
FLAT_ONLY_IN_OBJECT = ("consent_expires_on", "consent_organisation_ids")


def _ids(value):
    if not isinstance(value, list) or not value or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 < i <= MAX_ID for i in value):
        raise Invalid(fields={"consent.organisation_ids": [_("Must be a non-empty list of organisation ids.")]})
    return [str(i) for i in value]


def flatten(payload, with_flag=True):
    """(form payload, {form field → API field}) for a candidate or a consent body."""
    errors = {name: [_("This field cannot be set.")] for name in FLAT_ONLY_IN_OBJECT if name in payload}
    if errors:
        raise Invalid(fields=errors)
    consent = payload.get("consent")
    if not isinstance(consent, dict):
        return payload, {}
    unknown = set(consent) - set(SCOPE_KEYS)
    if unknown or "consent_date" in payload:
        raise Invalid(fields={f"consent.{name}": [_("This field cannot be set.")]
                              for name in (unknown or {"consent_date"})})
    flat = {key: value for key, value in payload.items() if key != "consent"}
    if with_flag:
        flat["consent"] = True
    for key, field in SCOPE_KEYS.items():
        if consent.get(key) is not None:
            flat[field] = _ids(consent[key]) if key == "organisation_ids" else consent[key]
    if "given_on" not in consent:
        raise Invalid(fields={"consent.given_on": [_("This field is required.")]})
    return flat, {field: f"consent.{key}" for key, field in SCOPE_KEYS.items()}


def renamed(error, names):
    """The Invalid error with its fields in the caller's spelling."""
    if names and isinstance(error, Invalid) and error.fields:
        error.fields = {names.get(name, name): messages for name, messages in error.fields.items()}
    return error
