"""Signed links mailed to people: verification, reset, guest confirmation and cancellation,
certificates, feedback, unsubscribe.

Each is an itsdangerous token under SECRET_KEY with a salt of its own, so one kind of link can
never serve as another. Nothing is stored: the signature is the secret, and each caller binds
its payload to the state the link changes, so that a used link dies.
"""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

MAX_TOKEN_LENGTH = 500


class LinkProblem(Exception):
    """Why a link cannot be used: "expired", "invalid" or "used"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def sign(salt, payload):
    """A URL-safe token carrying `payload` (JSON), signed for links of kind `salt`."""
    return _serializer(salt).dumps(payload)


def load(salt, token, max_age=None):
    """The payload of a token signed for `salt`, at most `max_age` seconds old (None: no
    limit); LinkProblem("expired") or LinkProblem("invalid") otherwise."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkProblem("invalid")
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired:
        raise LinkProblem("expired") from None
    except BadSignature:
        raise LinkProblem("invalid") from None
