"""The list envelope of API.md: {"items", "total", "page", "per_page"}."""
from flask import request
from flask_babel import gettext as _

from portal.core.errors import Invalid
from portal.extensions import db

MAX_PER_PAGE = 100


def page_args(default_per_page=20):
    errors = {}
    values = {}
    for name, default, upper in (("page", 1, 10**6), ("per_page", default_per_page, MAX_PER_PAGE)):
        raw = request.args.get(name, "")
        if raw == "":
            values[name] = default
        elif raw.isascii() and raw.isdigit() and 1 <= int(raw) <= upper:  # "²".isdigit(), int("²") fails
            values[name] = int(raw)
        else:
            errors[name] = [_("Must be a whole number from 1 to %(upper)d.", upper=upper)]
    if errors:
        raise Invalid(fields=errors)
    return values["page"], values["per_page"]


def paginated(statement, serialise, default_per_page=20, paginate=None):
    """Run `statement` for the requested page and wrap the serialised rows. `paginate(page,
    per_page)`, when given, replaces the statement (e.g. one that caches its count)."""
    page, per_page = page_args(default_per_page)
    result = (paginate(page, per_page) if paginate is not None
              else db.paginate(statement, page=page, per_page=per_page, error_out=False))
    return {
        "items": [serialise(row) for row in result.items],
        "total": result.total,
        "page": page,
        "per_page": per_page,
    }
