"""/api/v1 routes of the reports domain."""
from portal.api import bp  # noqa: F401
