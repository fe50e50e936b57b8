"""Record ids: integers that fit the database's id columns (32-bit on PostgreSQL).

A larger number can name no record, so it is refused before any query: as a URL id (more than ten digits)
it matches no route (404), in a JSON body or query string it is a validation error (422). Without this bound
SQLite raises OverflowError for numbers past 2**63 — a 500 for a typo.
"""
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


MAX_PAGE = 10**6  # a page number past this can only be a typo or a probe


def is_record_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID


def record_id(raw):
    """An id written in a query string, form or path segment, or None when it can name no
    record: ASCII digits only ("²".isdigit() is true, int("²") fails) and within MAX_ID."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= 10 and int(raw) <= MAX_ID:
        return int(raw)
    return None


def page_number(raw):
    """?page= on an HTML list: a whole number from 1 below MAX_PAGE, else the first page."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= 7 and 0 < int(raw) < MAX_PAGE:
        return int(raw)
    return 1


class RecordIdConverter(IntegerConverter):
    """`<int:…>` in every route: at most ten digits, so an absurd id matches no route (a plain 404).

    The bound is in the pattern, not in `max`: Werkzeug answers 405 instead of 404 when a converter
    refuses a value that another method's rule of the same path would have taken.
    """

    regex = r"\d{1,10}"


def init_app(app):
    app.url_map.converters["int"] = RecordIdConverter
