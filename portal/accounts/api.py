"""/api/v1 routes of the accounts domain."""
from portal.api import bp  # noqa: F401
