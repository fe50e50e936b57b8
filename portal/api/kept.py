"""Answers to a bearer token kept per token, exactly (the API's side of core/personal_cache.py).

A marked API view's answer to a token is kept by core/kept_answers.py under the request —
whose Authorization header is the token — and the data-version counters of what it shows plus
`users` (which covers api_tokens: creating, revoking or any change to the person or their
membership raises it). While those counters stand, the token row is unchanged, so the kept
answer also vouches for the token — a hit does not look it up — and it expires at the token's own
expiry. A read of candidates' data writes its audit entry again on every hit.
"""
from functools import wraps

from flask import g, request

from portal.core import cache


def kept_for_token(*domains):
    """Mark an API view whose answers to a token may be kept under `domains` (+ users)."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            token = g.get("api_token")
            if token is None or request.method != "GET" or not cache.enabled():
                return view(*args, **kwargs)
            return cache.keep_answer(view, args, kwargs, (*domains, "users"), until=token.expires_at)
        return wrapper
    return decorator
