"""The signature of a delivery: HMAC-SHA256 of the raw body with the webhook's secret, sent as
`X-Tandem-Signature: sha256=<hex>`. A receiver recomputes it over the bytes it received (before
parsing the JSON) and compares in constant time — `verify` below is exactly that, and what
/api/docs shows."""
import hashlib
import hmac
import secrets

HEADER = "X-Tandem-Signature"


def new_secret():
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret, body):
    """`sha256=<hex>` for `body` (bytes)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret, body, header):
    """True when `header` is the signature of `body`: what a receiver does."""
    return hmac.compare_digest(signature(secret, body), header or "")
