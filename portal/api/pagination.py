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
        elif raw.isdigit() and 1 <= int(raw) <= upper:
            values[name] = int(raw)
        else:
            errors[name] = [_("Must be a whole number from 1 to %(upper)d.", upper=upper)]
    if errors:
        raise Invalid(fields=errors)
    return values["page"], values["per_page"]


def paginated(statement, serialise, default_per_page=20):
    """Run `statement` for the requested page and wrap the serialised rows."""
    page, per_page = page_args(default_per_page)
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    return {
        "items": [serialise(row) for row in result.items],
        "total": result.total,
        "page": page,
        "per_page": per_page,
    }
