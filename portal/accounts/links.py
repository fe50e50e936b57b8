"""Signed, expiring, single-use links mailed to people: e-mail verification and password reset.

Both are itsdangerous URLSafeTimedSerializer tokens under SECRET_KEY, each with its own
salt so one can never be used as the other. Nothing is stored: each token is bound to the
state it changes, so it dies once used —
- a verification token names the address it verifies; once the account is verified,
  the same link is recognised as used;
- a reset token carries a fingerprint (HMAC) of the current password hash; setting a new
  password changes the hash and kills every reset link issued before.
"""
import hashlib
import hmac

from flask import current_app

from portal.accounts.models import User
from portal.core.signed_links import LinkProblem, load, sign
from portal.extensions import db


def absolute_url(endpoint, **values):
    """An absolute URL on PORTAL_BASE_URL (mail and calendars), with or without a request."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PORTAL_BASE_URL"] + path


VERIFY_SALT = "tandem.accounts.verify-email"
RESET_SALT = "tandem.accounts.reset-password"
def _user(payload):
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise LinkProblem("invalid")
    user = db.session.get(User, payload["u"]) if 0 < payload["u"] < 2**31 else None
    if user is None:
        raise LinkProblem("invalid")
    return user


# --- e-mail verification ----------------------------------------------------------------

def verification_token(user):
    return sign(VERIFY_SALT, {"u": user.id, "e": user.email})


def user_to_verify(token):
    """The user a verification token is for; LinkProblem when expired, tampered or used."""
    payload = load(VERIFY_SALT, token, current_app.config["VERIFY_LINK_MAX_AGE"])
    user = _user(payload)
    if payload.get("e") != user.email:
        raise LinkProblem("invalid")
    if user.is_verified:
        raise LinkProblem("used")
    return user


# --- password reset ---------------------------------------------------------------------

def _password_fingerprint(user):
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (user.password_hash or "").encode(), hashlib.sha256).hexdigest()[:32]


def reset_token(user):
    return sign(RESET_SALT, {"u": user.id, "p": _password_fingerprint(user)})


def user_to_reset(token):
    """The user a reset token is for; LinkProblem when expired, tampered or already used."""
    payload = load(RESET_SALT, token, current_app.config["RESET_LINK_MAX_AGE"])
    user = _user(payload)
    fingerprint = payload.get("p")
    if not isinstance(fingerprint, str) or not hmac.compare_digest(fingerprint, _password_fingerprint(user)):
        raise LinkProblem("used")
    return user
