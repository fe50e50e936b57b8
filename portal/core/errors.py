"""Domain exceptions, raised by services and mapped once to pages and to JSON."""


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message=None, fields=None):
        super().__init__(message or self.default_message())
        self.message = message or self.default_message()
        self.fields = fields or {}

    def default_message(self):
        from flask_babel import gettext as _

        return _("The request could not be understood.")


class NotFound(DomainError):
    """Absent, or not the caller's to see: the two are never told apart."""

    status = 404
    code = "not_found"

    def default_message(self):
        from flask_babel import gettext as _

        return _("This page does not exist or is not yours to see.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"

    def default_message(self):
        from flask_babel import gettext as _

        return _("You are not allowed to do this.")


class Conflict(DomainError):
    status = 409
    code = "conflict"

    def default_message(self):
        from flask_babel import gettext as _

        return _("This is not possible in the current state.")


class Invalid(DomainError):
    """Validation failed; `fields` maps a field name to its messages."""

    status = 422
    code = "validation_error"

    def default_message(self):
        from flask_babel import gettext as _

        return _("Some fields need your attention.")


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"

    def default_message(self):
        from flask_babel import gettext as _

        return _("Please log in.")
