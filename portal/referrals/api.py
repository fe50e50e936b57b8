"""/api/v1 routes of the referrals domain."""
from portal.api import bp  # noqa: F401
