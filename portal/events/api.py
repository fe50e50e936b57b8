"""/api/v1 routes of the events domain."""
from portal.api import bp  # noqa: F401
