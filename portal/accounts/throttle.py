"""Limits on failed log-ins and failed token requests (API.md §1, LOGIN_FAILURE_LIMIT).

Failures are counted per account (the normalised e-mail address, whether or not an
account exists, so the limit reveals nothing) and, five times more generously, per client
address. The counters live in Flask-Limiter's storage (memory in tests, Redis in
production, shared by every worker): `test()` before the credentials are checked, `hit()`
only on a failure. A success costs nothing, and neither does an attempt already refused
with 429 (it never reaches the password check). When Redis cannot be reached,
`limiter.count` counts in this process's memory until it is back (API.md §6.1): log-in
keeps working, still limited per process, with one warning in the log.

The client address is `request.remote_addr`: the factory applies ProxyFix only when
PROXY_COUNT > 0, so X-Forwarded-For is honoured exactly as far as it is trusted.
"""
import hashlib
import math
import time

import limits
from flask import current_app, request
from flask_babel import gettext as _

from portal.core.errors import DomainError
from portal.extensions import limiter

ADDRESS_FACTOR = 5


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"

    def __init__(self, retry_after=None, message=None):
        super().__init__(message)
        self.retry_after = retry_after

    def default_message(self):
        return _("Too many failed attempts. Please wait a while and try again.")


def _limits():
    per_account = limits.parse(current_app.config["LOGIN_FAILURE_LIMIT"])
    per_address = type(per_account)(per_account.amount * ADDRESS_FACTOR, per_account.multiples)
    return per_account, per_address


def _keys(email):
    # Hash the address: the shared store (Redis) need not hold who tried to log in.
    account = hashlib.sha256((email or "").strip().lower().encode("utf-8", "surrogatepass")).hexdigest()[:32]
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or "tandem"
    return (
        (prefix, "login-failures", "account", account),
        (prefix, "login-failures", "address", request.remote_addr or "unknown"),
    )


def _checks(email):
    per_account, per_address = _limits()
    account_key, address_key = _keys(email)
    return ((per_account, account_key), (per_address, address_key))


def check(email):
    """Raise RateLimited when this account or this client address has failed too often."""
    for item, key in _checks(email):
        if not limiter.count("test", item, *key):
            stats = limiter.count("get_window_stats", item, *key)
            raise RateLimited(retry_after=max(1, math.ceil(stats.reset_time - time.time())))


def failed(email):
    """Count one failed attempt against the account and the client address."""
    for item, key in _checks(email):
        limiter.count("hit", item, *key)
