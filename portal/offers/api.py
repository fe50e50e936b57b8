"""/api/v1 routes of the offers domain."""
from portal.api import bp  # noqa: F401
