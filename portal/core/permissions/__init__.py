"""Who may do what: one predicate per rule, and the scoped look-ups views and services use.

Every check of rights lives in this package (one module per domain, all re-exported
here); services call these before they act, and lists are filtered in SQL by the scopes,
never in Python after the fact. A record the user may not see is a NotFound.
"""
from portal.core.permissions.events import *  # noqa: F403
from portal.core.permissions.offers import *  # noqa: F403
from portal.core.permissions.organisations import *  # noqa: F403
from portal.core.permissions.referrals import *  # noqa: F403
from portal.core.permissions.reports import *  # noqa: F403
