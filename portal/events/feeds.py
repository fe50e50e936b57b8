"""HTTP side of the calendars: strong ETag and Last-Modified from one cheap validator
query, and 304 answers that never build the calendar."""
import hashlib

from flask import Response, current_app, request

from portal.core import cache
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


# A built calendar is kept under its validator and these counters: what it shows (events with
# their agenda and registrations, organisers' names, the feed owner's name and language).
BODY_DOMAINS = ("events", "organisations", "users")


def calendar_response(key_parts, last_modified, build, private=False, filename=None):
    """Answer a calendar GET: 304 when the client's copy is current, else the body.

    `key_parts` is what the validator query returned (plus what else shapes the bytes);
    `build` is only called when a body is sent, and its bytes are kept under that key and the
    data-version counters: the strong ETag already promises that they are a function of the
    key, and the counters make the promise exact (any write makes a new key). So a full
    download by a new subscriber, or a client that sends no validator, costs no build.
    """
    key = "|".join(str(part) for part in (BUILDER_VERSION, current_app.config["PORTAL_BASE_URL"], *key_parts))
    etag = hashlib.sha256(key.encode()).hexdigest()[:32]
    last_modified = last_modified.replace(microsecond=0) if last_modified is not None else None
    if _not_modified(etag, last_modified):
        response = Response(status=304)
    else:
        body = cache.memoize("calendars", BODY_DOMAINS, key, lambda: (build(), None))
        response = Response(body, content_type=CONTENT_TYPE)
        if filename:
            response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    if last_modified is not None:
        response.last_modified = last_modified
    response.headers["Cache-Control"] = ("private" if private else "public") + ", max-age=0, must-revalidate"
    return response
