"""Exact caching of a signed-in person's pages: each person's own copy, never another's.

A page is kept under the person's session identity (Flask-Login's "user id:session version",
as the session cookie carries it), the URL, what chooses the language, and the data-version
counters of what the page shows plus `users` (people, memberships, tokens:
core/data_versions.py). Nothing is shared between two people, or between two versions of one
person: a log-out or password change raises the session version, any change to a person or
a membership raises `users`, any change to the page's data raises its domains.

Because the `users` counter is part of the key, a kept page also vouches for the cookie: the
entry was computed while that "id:version" was valid and no row of `users` has changed
since, so it still is — a hit answers without loading the user. (Flask-Login's "basic"
session protection, skipped by a hit, only marks a session non-fresh; no view asks for a
fresh log-in.)

The CSRF token is the one piece of a page that belongs to the session rather than to the
person: it is kept as a placeholder and each answer gets its own session's token.
"""
from functools import wraps

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from portal.core import cache
from portal.core.data_versions import key_versions

PLACEHOLDER = b"\x00csrf\x00"  # NUL never appears in a rendered page (and is refused in requests)


def _session_identity():
    """The "user id:session version" of a signed-in session, else None (visitors, bearer
    tokens, a session still to be restored from a remember-me cookie, a pending flash)."""
    if request.method != "GET" or "Authorization" in request.headers or "_flashes" in session:
        return None
    identity = session.get("_user_id")
    return identity if isinstance(identity, str) else None


def personal_response(*domains):
    """Keep a signed-in person's 200 answers of this view under their identity and the
    counters of `domains` + users. Not kept when the view touched the session, set a cookie,
    or answered anything but 200; time-dependent views say when their answer expires
    (cache.expires_at), as for visitors."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            identity = _session_identity() if cache.enabled() else None
            if identity is None:
                return view(*args, **kwargs)
            counters = key_versions((*domains, "users"))
            if counters is None:
                return view(*args, **kwargs)
            key = (request.endpoint, request.host_url, request.full_path, identity, session.get("lang"),
                   request.headers.get("Accept-Language", ""), counters)
            lru = cache.cache("personal")
            found = lru.get(key)
            if found is not None:
                body, headers = found
                if PLACEHOLDER in body:
                    body = body.replace(PLACEHOLDER, generate_csrf().encode())
                return current_app.response_class(body, status=200, headers=headers)
            return _compute_and_keep(lru, key, view, args, kwargs)
        return wrapper
    return decorator


def _compute_and_keep(lru, key, view, args, kwargs):
    before = dict(session)
    response = cache.render_to_keep(view, args, kwargs)
    # no-store pages may be kept too (they are this person's alone): what must not be is an
    # audited read of candidates, which marks the request (core/audit.py)
    if (response.status_code == 200 and not response.direct_passthrough and dict(session) == before
            and cache.may_keep()
            and not session.modified and "Set-Cookie" not in response.headers
            and session.get("_user_id") == key[3]):
        body = response.get_data()
        field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        token = g.get(field)
        if token:
            body = body.replace(token.encode(), PLACEHOLDER)
        if len(body) <= current_app.config["CACHE_MAX_BODY"]:
            headers = [(name, value) for name, value in response.headers.items() if name != "Content-Length"]
            lru.put(key, (body, headers), g.pop("cache_expires", None))
    return response
