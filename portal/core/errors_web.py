"""One mapping of errors to answers: the JSON error format under /api/, pages elsewhere."""
import logging

from flask import jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.core.errors import DomainError
from portal.extensions import db

log = logging.getLogger(__name__)

# Codes of the API's error format for plain HTTP errors.
HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_error", 429: "rate_limited",
    500: "internal_error", 503: "unavailable",
}


def http_message(status):
    messages = {
        400: _("The request could not be understood."),
        401: _("Please log in."),
        403: _("You are not allowed to do this."),
        404: _("This page does not exist or is not yours to see."),
        405: _("This method is not allowed here."),
        413: _("What you sent is too large (1 MB at most)."),
        415: _("Send JSON with Content-Type: application/json."),
        429: _("Too many attempts. Please wait a while and try again."),
        500: _("Something went wrong on our side. Please try again later."),
    }
    return messages.get(status, _("The request could not be completed."))


def wants_json():
    return request.path.startswith("/api/")


def error_response(status, code, message, fields=None):
    if wants_json():
        body = {"error": {"code": code, "message": message}}
        if fields:
            body["error"]["fields"] = {name: [str(m) for m in msgs] for name, msgs in fields.items()}
        response = jsonify(body)
    else:
        response = make_response(render_template("errors/error.html", status=status, message=message))
    response.status_code = status
    return response


def handle_domain_error(error):
    response = error_response(error.status, error.code, str(error.message), error.fields)
    if getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def handle_csrf_error(error):
    return error_response(400, "csrf_failed", _("Your form expired or was sent from elsewhere. Please try again."))


def handle_http_error(error):
    status = error.code or 500
    headers = error.get_headers() if hasattr(error, "get_headers") else []
    response = error_response(status, HTTP_CODES.get(status, "error"), http_message(status))
    for name, value in headers:
        if name.lower() in ("retry-after", "allow", "www-authenticate"):
            response.headers[name] = value
    return response


def handle_unexpected(error):
    db.session.rollback()
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", http_message(500))


def init_app(app):
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
