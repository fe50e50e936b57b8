"""Answers to a bearer token kept per token, exactly (the API's side of core/personal_cache.py).

A GET answered 200 to a token is kept under the token's hash, the URL, Accept-Language and
the data-version counters of what it shows plus `users` (which covers api_tokens: creating,
revoking or any change to the person or their membership raises it). While those counters
stand, the token row is unchanged, so the kept answer also vouches for the token — a hit
looks up nothing — and it expires at the token's own expiry. A request that wrote an audit
entry (a read of candidates' data) is never kept.
"""
from functools import wraps

from flask import current_app, g, request

from portal.core import cache
from portal.core.data_versions import key_versions

_KEPT = {}  # endpoint → the domains its answers depend on


def kept_for_token(*domains):
    """Mark an API view whose answers to a token may be kept under `domains` (+ users)."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            key = _key(g.get("api_token_digest"))
            if key is None:
                return view(*args, **kwargs)
            response = cache.render_to_keep(view, args, kwargs)
            if response.status_code == 200 and cache.may_keep() and not response.direct_passthrough:
                body = response.get_data()
                expires = min(m for m in (g.pop("cache_expires", None), g.api_token.expires_at) if m is not None)
                if len(body) <= current_app.config["CACHE_MAX_BODY"]:
                    headers = [(k, v) for k, v in response.headers.items() if k != "Content-Length"]
                    cache.cache("token_answers").put(key, (body, headers), expires)
            return response
        _KEPT[f"api.{view.__name__}"] = domains
        return wrapper
    return decorator


def _key(digest):
    domains = _KEPT.get(request.endpoint)
    if digest is None or domains is None or request.method != "GET" or not cache.enabled():
        return None
    counters = key_versions((*domains, "users"))
    if counters is None:
        return None
    return (request.endpoint, request.full_path, digest, request.headers.get("Accept-Language", ""), counters)


def kept_answer(digest):
    """The kept answer to this token for this request, or None (then: authenticate as usual)."""
    key = _key(digest)
    found = cache.cache("token_answers").get(key) if key is not None else None
    if found is None:
        return None
    body, headers = found
    return current_app.response_class(body, status=200, headers=headers)
