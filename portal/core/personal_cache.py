"""Exact keeping of a signed-in person's pages: each session's own copy, never another's.

A marked view's answer to a signed-in session is kept by core/kept_answers.py under the
request — whose session cookie names the person and their session version — and the
data-version counters of what the page shows plus `users` (people, memberships, tokens:
core/data_versions.py). Nothing is shared between two sessions: a log-out or password change
raises the session version and `users`, any change to a person or a membership raises
`users`, any change to the page's data raises its domains. The page's CSRF token is the
session's own, as the cookie is part of the key.

Because `users` is among the counters, a kept page also vouches for the cookie: it was
computed while that "id:version" was valid and no row of `users` has changed since, so it
still is — a hit answers without loading the user.
"""
from functools import wraps

from flask import session

from portal.core import cache


def _signed_in_session():
    """True for a signed-in session's GET that may be kept (cache.browser_get)."""
    return cache.browser_get() and isinstance(session.get("_user_id"), str)


def personal_response(*domains):
    """Keep a signed-in person's answers of this view under their session and the counters of
    `domains` + users (cache.keep_answer: not when the view touched the session or answered
    anything but 200/304); time-dependent views say when their answer expires
    (cache.expires_at), as for visitors."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not cache.enabled() or not _signed_in_session():
                return view(*args, **kwargs)
            return cache.keep_answer(view, args, kwargs, (*domains, "users"))
        return wrapper
    return decorator
