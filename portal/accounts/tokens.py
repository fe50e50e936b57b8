"""API bearer tokens: random, shown once, stored as a SHA-256 hash, expiring, revocable."""
import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy.orm import joinedload

from portal.accounts.models import ApiToken, User
from portal.core.types import utcnow
from portal.extensions import db
from portal.organisations.models import Membership


def digest(raw):
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def new_token(user):
    """Create a token for `user` (added to the session); returns (raw token, ApiToken)."""
    raw = secrets.token_urlsafe(32)
    lifetime = timedelta(days=current_app.config["API_TOKEN_LIFETIME_DAYS"])
    token = ApiToken(user=user, token_hash=digest(raw), expires_at=utcnow() + lifetime)
    db.session.add(token)
    return raw, token


def find_token(raw):
    """The live token for a raw bearer value, or None.

    The lookup is by hash, so timing reveals nothing about stored tokens; the final
    comparison is constant-time all the same.
    """
    if not raw or len(raw) > 200:
        return None
    wanted = digest(raw)
    token = db.session.execute(
        # the person, their membership and its organisation in the same query: every endpoint asks
        db.select(ApiToken).options(joinedload(ApiToken.user).joinedload(User.membership)
                                    .joinedload(Membership.organisation))
        .where(ApiToken.token_hash == wanted)
    ).scalar_one_or_none()
    if token is None or not hmac.compare_digest(token.token_hash, wanted):
        return None
    if token.revoked_at is not None or token.expires_at <= utcnow():
        return None
    return token
