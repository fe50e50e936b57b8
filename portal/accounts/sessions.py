"""Flask-Login wiring: cookies carry "user id:session version" (the alternative id)."""
from urllib.parse import urlsplit

from flask import g, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.core.errors import Unauthorized
from portal.core.ids import record_id
from portal.extensions import db
from portal.organisations.models import Membership


def load_user(alternative_id):
    user_id, _, version = (alternative_id or "").partition(":")
    user_id = record_id(user_id)
    if user_id is None or not (version.isascii() and version.isdigit()):
        return None  # not ours, or beyond what an integer column holds
    # The membership and its organisation come along: nearly every page asks who the user acts for.
    user = db.session.execute(
        db.select(User)
        .options(joinedload(User.membership).joinedload(Membership.organisation))
        .where(User.id == user_id)
    ).unique().scalar_one_or_none()
    if user is None or user.session_version != int(version):
        return None  # logged out, password changed or reset since this cookie was made
    return user


def unauthorized():
    """Flask-Login's answer to an anonymous visitor of a page behind `login_required`: the
    API's 401 under /api/, else the login page, which sends them back where they were — the
    page itself for a GET, the page the form was on for a POST (never the POST's URL)."""
    if request.path.startswith("/api/"):
        raise Unauthorized()
    from flask import flash, redirect, url_for

    flash(_l("Please log in to see this page."), "info")
    return redirect(url_for("accounts.login", next=_back_after_login()))


def _back_after_login():
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return None


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer built once per set of keys
    instead of on every request (a tenth of a cached page's cost). A response of a cookieless
    page (g.stateless, e.g. /embed/events) saves no session."""

    _cached = (None, None)

    def save_session(self, app, session, response):
        if g.get("stateless"):
            return None
        return super().save_session(app, session, response)

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        cached_keys, serializer = self._cached
        if cached_keys != keys:
            serializer = super().get_signing_serializer(app)
            self._cached = (keys, serializer)
        return serializer


def init_login(login_manager, app):
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(unauthorized)
    login_manager.session_protection = "basic"
    app.session_interface = CookieSessions()
