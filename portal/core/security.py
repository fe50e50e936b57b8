"""Security headers on every response, the request-size limit and the refusal of NUL in
query strings and forms, set once here."""
from flask import abort, current_app, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.core.errors import Invalid

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)


def set_security_headers(response):
    """Each header unless the view set its own. One pass over the few headers present:
    Werkzeug's setdefault raises and catches a KeyError per missing header, a measurable
    share of a cached page's cost."""
    present = {name.lower(): value for name, value in response.headers.items()}
    policy = present.get("content-security-policy")
    framable = policy is not None and "frame-ancestors 'none'" not in policy
    for name, value in SECURITY_HEADERS:
        if name.lower() not in present and not (framable and name == "X-Frame-Options"):
            # X-Frame-Options DENY would override a page's own frame-ancestors in old browsers
            response.headers.add(name, value)
    return response


# Endpoints that take file uploads (registered by their domain): bodies up to MAX_UPLOAD_MB there.
UPLOAD_ENDPOINTS = set()


def allow_uploads(*endpoints):
    UPLOAD_ENDPOINTS.update(endpoints)


def refuse_large_bodies():
    """413 before routing, whatever the endpoint (Werkzeug only checks when the body is read)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.endpoint in UPLOAD_ENDPOINTS:
        limit = current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024
        request.max_content_length = limit  # what Werkzeug enforces while parsing this request's form
    if limit and request.content_length and request.content_length > limit:
        abort(413)


def refuse_nul_characters():
    """422 naming the field for a NUL character in a query parameter or a form field, on
    every page and endpoint: PostgreSQL cannot store or compare text holding it (it would be a
    500 there and pass on SQLite), and no person types it. JSON bodies: portal.api.inputs."""
    environ = request.environ
    if ("%00" not in environ.get("QUERY_STRING", "") and not request.content_length
            and "HTTP_TRANSFER_ENCODING" not in environ):
        return  # no body and no encoded NUL (the common GET): nothing to parse
    fields = {}
    for source in (request.args, request.form if request.mimetype != "application/json" else MultiDict()):
        for name, values in source.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                fields[name.replace("\x00", "")] = [_("Contains a character that is not allowed.")]
    if fields:
        raise Invalid(_("Contains a character that is not allowed."), fields=fields)


def init_app(app):
    app.before_request(refuse_large_bodies)
    app.before_request(refuse_nul_characters)
    app.after_request(set_security_headers)
