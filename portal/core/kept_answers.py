"""Kept answers, served before Flask: a repeated GET costs a hash, one counter read and a copy.

A view marked for keeping (cache.anonymous_response for visitors, personal_cache.personal_response
for signed-in people, api.kept.kept_for_token for bearer tokens) leaves a `Mark` in the WSGI
environ: the domains its answer depends on, their counters as read *before* the view read any
data, until when the answer holds, and the audit entries it wrote. This middleware then keeps
the finished answer — status, headers, body, after every after-request hook and the session's
save — under a digest of everything of the request that can shape it (`request_key`). When
the same request comes again it reads the counters (one round trip), and if the marked domains'
counters are still the kept ones it answers with the kept bytes without entering Flask,
writing the same audit entries again first: an audited read is logged on every call, kept or
not (API.md §5), and without its audit entry there is no answer.

Exact: a write raises its domain's counter in its own transaction (core/data_versions.py), so
the next request misses and is computed. Private: the session cookie, the remember-me cookie
and the bearer token are part of the key, so an answer only ever goes to the very client
state it was computed for — and for people and tokens the `users` counter is among the
domains, so a log-out, a password change or a revoked token ends their kept answers at once.
Only answers that set no cookie are kept: one that changed the session (a flash shown, a CSRF
token created, a language remembered) is computed again.

What a hit skips: Flask's request handling, Flask-Login's session protection (the key holds the
client's address and User-Agent when a cookie is sent, so a copied cookie from elsewhere is
computed again and judged by it) and a bearer token's lookup (the kept answer vouches for it:
`users` covers api_tokens, and the answer expires with the token).
"""
import hashlib
from typing import NamedTuple

from portal.core.data_versions import VERSIONS_READ
from portal.core.types import utcnow

MARK = "tandem.keep"
VERSIONS = VERSIONS_READ  # the counters the middleware read, handed on to the request it passes

# What of a request may shape its answer: where it goes (mount point, path, query, host, port
# and scheme, for absolute links), the language asked, what it accepts, who asks (cookies,
# bearer token) and the validators of a conditional GET (a kept 304 is as exact as a kept 200).
_KEY_FIELDS = ("SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme",
               "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT", "HTTP_AUTHORIZATION", "HTTP_IF_NONE_MATCH",
               "HTTP_IF_MODIFIED_SINCE", "HTTP_COOKIE")
_SESSION_FIELDS = ("REMOTE_ADDR", "HTTP_USER_AGENT")  # what Flask-Login's session protection compares


class Mark(NamedTuple):
    domains: tuple
    counters: tuple
    expires: object  # a UTC datetime, or None
    audits: tuple  # column values of the audit entries the answer wrote


class Answer(NamedTuple):
    status: str
    headers: list
    body: bytes
    domains: tuple
    counters: tuple
    audits: tuple


def request_key(environ):
    """A digest of everything of the request that may shape its answer (no secret is kept in
    the clear as a key)."""
    parts = [environ.get(field, "") for field in _KEY_FIELDS]
    if parts[-1]:
        parts += [environ.get(field, "") for field in _SESSION_FIELDS]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogateescape")).digest()


class KeptAnswers:
    """WSGI middleware around the Flask application (installed by create_app, inside ProxyFix:
    it sees the client's address and scheme as Flask does). `audit_table`: where a hit writes
    its audit entries."""

    def __init__(self, app, wsgi_app, audit_table):
        self.app = app
        self.wsgi_app = wsgi_app
        self.audit_table = audit_table

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or not self.app.config["CACHE_ENABLED"]:
            return self.wsgi_app(environ, start_response)
        key = request_key(environ)
        answers = self.app.extensions["tandem_cache"]["caches"]["answers"]  # core/cache.py's LRU
        kept = answers.get(key)
        if kept is not None and self._still_true(kept, environ):
            start_response(kept.status, list(kept.headers))
            return [kept.body]
        return self._compute(answers, key, environ, start_response)

    def _still_true(self, kept, environ):
        """Read the counters (handed on to Flask on a miss); True when the kept answer stands and
        its audit entries are written."""
        reader = self.app.extensions["tandem_cache"].get("reader")
        if not reader:
            return False
        try:
            current = reader.read()
        except Exception:  # the database is away: Flask answers (and reports) it
            return False
        environ[VERSIONS] = current
        if tuple(current.get(domain) for domain in kept.domains) != kept.counters:
            return False
        if kept.audits:
            try:
                reader.insert(self.audit_table, [{**values, "at": utcnow()} for values in kept.audits])
            except Exception:  # no audit entry, no answer: computed (and logged) the usual way
                return False
        return True

    def _compute(self, answers, key, environ, start_response):
        started = []

        def capture(status, headers, exc_info=None):
            started[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        mark = environ.get(MARK)
        if mark is None or not started or not _keepable(*started):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if len(data) <= self.app.config["CACHE_MAX_BODY"]:
            status, headers = started
            answers.put(key, Answer(status, list(headers), data, mark.domains, mark.counters, mark.audits),
                        mark.expires)
        return [data]


def _keepable(status, headers):
    return status[:3] in ("200", "304") and not any(name.lower() == "set-cookie" for name, _value in headers)
