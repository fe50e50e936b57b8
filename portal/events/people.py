"""Speakers and moderators of an agenda item: lists of {name, role, organisation}.

The shared `validated()` handles flat and nested single objects only, so these lists are
checked here, for the API (JSON lists) and the agenda editor (one person per line,
"name | role | organisation") alike. Errors name the place: "speakers.0.name".
"""
from flask_babel import gettext as _

from portal.core.errors import Invalid

PERSON_KEYS = ("name", "role", "organisation")
MAX_LENGTH = 200
MAX_PEOPLE = 30


def people_from_json(value, field):
    """A validated list of people from a JSON value; raise Invalid naming `field.i.key`."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid(fields={field: [_("Must be a list of {name, role, organisation} objects.")]})
    errors = {}
    if len(value) > MAX_PEOPLE:
        errors[field] = [_("At most %(count)d people.", count=MAX_PEOPLE)]
    people = []
    for index, person in enumerate(value[:MAX_PEOPLE]):
        place = f"{field}.{index}"
        if not isinstance(person, dict):
            errors[place] = [_("Must be an object with name, role and organisation.")]
            continue
        for key in person:
            if key not in PERSON_KEYS:
                errors[f"{place}.{key}"] = [_("This field cannot be set.")]
        clean = {}
        for key in PERSON_KEYS:
            text = person.get(key, "")
            if text is None:
                text = ""
            if not isinstance(text, str) or "\x00" in text:
                errors[f"{place}.{key}"] = [_("Must be text.")]
                continue
            text = text.strip()
            if len(text) > MAX_LENGTH:
                errors[f"{place}.{key}"] = [_("At most %(max)d characters.", max=MAX_LENGTH)]
            clean[key] = text
        if not clean.get("name") and f"{place}.name" not in errors:
            errors[f"{place}.name"] = [_("A name is required.")]
        people.append(clean)
    if errors:
        raise Invalid(fields=errors)
    return people


def people_from_lines(text, field):
    """Parse the editor's textarea: one person per line, "name | role | organisation"."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > len(PERSON_KEYS):
            parts = parts[:2] + [" | ".join(parts[2:])]
        rows.append(dict(zip(PERSON_KEYS, parts + [""] * (len(PERSON_KEYS) - len(parts)), strict=True)))
    return people_from_json(rows, field)


def people_to_lines(people):
    return "\n".join(" | ".join(p.get(key, "") for key in PERSON_KEYS).rstrip(" |") for p in people or [])


def describe(person):
    """'Name (role, organisation)' for calendars and sign-in sheets."""
    extra = ", ".join(part for part in (person.get("role"), person.get("organisation")) if part)
    return f"{person['name']} ({extra})" if extra else person["name"]
