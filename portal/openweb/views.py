"""/robots.txt, /sitemap.xml and /embed/events."""
from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _

from portal.core import cache, ids
from portal.core.errors import Invalid
from portal.openweb import embed, home, seo, sitemap

bp = Blueprint("openweb", __name__)

# Pages behind a log-in (they redirect a crawler to /login) and machine endpoints: not worth a
# crawler's visit. Everything else may be crawled; the public pages are listed in the sitemap.
PRIVATE_PREFIXES = ("/api/v1/", "/candidates", "/referrals", "/profile", "/audit", "/reports", "/calendar/",
                    "/verify/", "/reset", "/logout")


@bp.get("/")
@cache.anonymous_response(*home.DOMAINS)
def home_page():
    return home.front_page()


@bp.get("/robots.txt")
def robots_txt():
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES), "Allow: /", "",
             f"Sitemap: {seo.absolute('/sitemap.xml')}", ""]
    response = Response("\n".join(lines), mimetype="text/plain")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.get("/sitemap.xml")
def sitemap_xml():
    return _sitemap(0)


@bp.get("/sitemap-<int:number>.xml")
def sitemap_part(number):
    """A part of the sitemap index (only when there are more than sitemap.MAX_URLS pages)."""
    return _sitemap(number) if number >= 1 else abort(404)


def _sitemap(number):
    found = sitemap.cached_documents(seo.absolute, current_app.config["PORTAL_BASE_URL"])
    if number >= len(found):
        abort(404)
    return Response(found[number], mimetype="application/xml")


@bp.get("/embed/events")
@embed.cookieless
@cache.anonymous_response("events", "organisations")
def embed_events():
    raw = request.args.get("organiser_id", "")
    organiser_id = ids.record_id(raw) if raw else None
    if raw and organiser_id is None:
        message = _("Not a valid organisation id.")
        raise Invalid(message, fields={"organiser_id": [message]})
    organiser, events = embed.upcoming_events(organiser_id)
    cache.expires_at(min((event.ends_at for event in events), default=None))  # the first then leaves the list
    return render_template("openweb/embed_events.html", organiser=organiser, events=events)
