"""/embed/events: the upcoming study days (of one organiser, in one language) for partners'
sites to frame. The one page whose frame-ancestors is not 'none', and the one that never sets a
cookie: a framed page is a third party on the partner's site, so it must not track anyone or
carry a session (it shows the same to everyone, and has no form to hijack)."""
import re
from functools import wraps

from flask import current_app, g

from portal.core.errors import NotFound
from portal.core.security import CONTENT_SECURITY_POLICY
from portal.core.types import utcnow
from portal.events import permissions as event_permissions
from portal.events import queries
from portal.extensions import db, login_manager
from portal.organisations.permissions import approved_organisations

LIMIT = 50  # a partner's page shows the next days, not an archive
ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$")


def parse_origins(raw):
    """EMBED_ORIGINS → the list of origins; a value that is not an origin stops the start-up
    (it is written into a header: a ';' would add directives to the policy)."""
    origins = (raw or "").split()
    for origin in origins:
        if not ORIGIN.match(origin):
            raise ValueError(f"EMBED_ORIGINS: {origin!r} is not an origin such as https://www.febisp.be")
    return origins


def content_security_policy(origins):
    """The site's policy with frame-ancestors opened to `origins` ('none' when there are none)."""
    ancestors = " ".join(origins) or "'none'"
    return CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", f"frame-ancestors {ancestors}")


def cookieless(view):
    """The response sets no cookie: the session is neither remembered (?lang= included) nor saved."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        g.stateless = True
        response = current_app.make_response(view(*args, **kwargs))
        response.headers["Content-Security-Policy"] = current_app.extensions["tandem_embed_csp"]
        return response
    return wrapper


def upcoming_events(organiser_id):
    """Published and cancelled days that have not ended, soonest first, as a visitor sees them;
    of one organiser (or co-organiser) when given. An unknown or unapproved organiser is 404."""
    from portal.events.models import Event
    from portal.organisations.models import Organisation

    organiser = None
    if organiser_id is not None:
        organiser = db.session.execute(
            approved_organisations().where(Organisation.id == organiser_id)).scalar_one_or_none()
        if organiser is None:
            raise NotFound()
    visitor = login_manager.anonymous_user()
    statement = event_permissions.events_visible_to(visitor).where(Event.ends_at >= utcnow())
    if organiser_id is not None:
        statement = queries.by_organiser(statement, organiser_id)
    statement = statement.order_by(Event.starts_at, Event.id).limit(LIMIT).options(*queries.list_options())
    return organiser, db.session.execute(statement).unique().scalars().all()


def snippet(organiser_id):
    """The <iframe> code an organiser copies into its site (shown on its page)."""
    from flask import url_for
    from flask_babel import get_locale
    from flask_babel import gettext as _

    from portal.openweb.seo import absolute

    source = absolute(url_for("openweb.embed_events", organiser_id=organiser_id, lang=str(get_locale())))
    title = _("Study days on Tandem")
    return (f'<iframe src="{source}" title="{title}" width="100%" height="480" '
            f'style="border: 0" loading="lazy"></iframe>')


def init_app(app):
    app.jinja_env.globals["embed_snippet"] = snippet
    app.extensions["tandem_embed_csp"] = content_security_policy(parse_origins(app.config.get("EMBED_ORIGINS")))
