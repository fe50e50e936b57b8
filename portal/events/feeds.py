"""HTTP side of the calendars: strong ETag and Last-Modified from one cheap validator
query, and 304 answers that never build the calendar."""
import hashlib

from flask import Response, current_app, request

from portal.events.ical import CONTENT_TYPE

# Raise when the builder's output changes, so clients fetch the new bytes.
BUILDER_VERSION = "2"  # 2: texts in the feed's language (translations)


def _not_modified(etag, last_modified):
    """True when the request's validators match. Malformed headers are ignored."""
    try:
        if "If-None-Match" in request.headers:
            # RFC 9110 §13.1.2: If-None-Match wins over If-Modified-Since; weak comparison.
            return request.if_none_match.contains_weak(etag) or request.if_none_match.star_tag
        since = request.if_modified_since
        return since is not None and last_modified is not None and last_modified <= since
    except (TypeError, ValueError):
        return False


def calendar_response(key_parts, last_modified, build, private=False, filename=None):
    """Answer a calendar GET: 304 when the client's copy is current, else the body.

    `key_parts` is what the validator query returned (plus what else shapes the bytes);
    `build` is only called when a body is sent.
    """
    key = "|".join(str(part) for part in (BUILDER_VERSION, current_app.config["PORTAL_BASE_URL"], *key_parts))
    etag = hashlib.sha256(key.encode()).hexdigest()[:32]
    last_modified = last_modified.replace(microsecond=0) if last_modified is not None else None
    if _not_modified(etag, last_modified):
        response = Response(status=304)
    else:
        response = Response(build(), content_type=CONTENT_TYPE)
        if filename:
            response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    if last_modified is not None:
        response.last_modified = last_modified
    response.headers["Cache-Control"] = ("private" if private else "public") + ", max-age=0, must-revalidate"
    return response
