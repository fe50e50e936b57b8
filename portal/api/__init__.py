"""The /api/v1 blueprint. Domain modules (`portal/<domain>/api.py`) add their routes to it."""
from flask import Blueprint, g, request
from flask_babel import gettext as _

from portal.accounts.tokens import find_token
from portal.core.errors import Unauthorized

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def authenticate():
    """Bearer token → g.api_user (None when no header was sent; 401 when it is bad)."""
    g.api_user = None
    g.api_token = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _space, raw = header.partition(" ")
    raw = raw.strip()
    token = find_token(raw) if scheme.lower() == "bearer" else None
    if token is None:
        raise Unauthorized(_("Invalid or expired token."))
    g.api_user, g.api_token = token.user, token


def api_user(required=True):
    """The caller, or raise 401 when a token is required and none was sent."""
    if g.get("api_user") is None and required:
        raise Unauthorized(_("This endpoint needs an Authorization: Bearer token."))
    return g.get("api_user")
