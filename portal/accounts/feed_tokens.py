"""Personal calendar-feed tokens, derived (as Indico does) by HMAC from a per-user secret.

The token can be shown again at any time without being stored; replacing the user's
`feed_secret` kills every URL made from the old one. Tokens are "<user id>-<hmac>" and are
compared in constant time.
"""
import hashlib
import hmac
import secrets

from flask import current_app

from portal.accounts.models import User
from portal.core.ids import record_id
from portal.extensions import db


def ensure_feed_secret(user):
    """Give the user a feed secret if it has none (call inside a transaction)."""
    if not user.feed_secret:
        user.feed_secret = secrets.token_hex(32)
    return user.feed_secret


def feed_token(user):
    """The user's current feed token (the user must have a feed secret)."""
    key = f"{current_app.config['SECRET_KEY']}:{user.feed_secret}".encode()
    mac = hmac.new(key, f"calendar-feed:{user.id}".encode(), hashlib.sha256).hexdigest()[:40]
    return f"{user.id}-{mac}"


def user_for_feed_token(token):
    """The user whose current feed token this is, or None."""
    user_id, _, _mac = (token or "").partition("-")
    user_id = record_id(user_id)
    if user_id is None or len(token) > 80:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.feed_secret:
        return None
    return user if hmac.compare_digest(feed_token(user), token) else None


def personal_feed_url(user, scheme=None):
    """Absolute URL of the personal feed on PORTAL_BASE_URL; scheme="webcal" for subscribing."""
    base = current_app.config["PORTAL_BASE_URL"]
    url = f"{base}/calendar/{feed_token(user)}.ics"
    if scheme == "webcal":
        return "webcal://" + url.split("://", 1)[1]
    return url
