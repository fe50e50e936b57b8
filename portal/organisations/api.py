"""/api/v1 routes of the organisations domain."""
from portal.api import bp  # noqa: F401
