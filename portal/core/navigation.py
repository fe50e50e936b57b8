"""The main navigation: which sections a visitor sees, in one list."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.core import permissions

# (endpoint, label, who sees it)
SECTIONS = (
    ("events.index", _l("Study days"), lambda user: True),
    ("offers.index", _l("Placement offers"), lambda user: True),
    ("organisations.directory", _l("Partners"), lambda user: True),
    ("referrals.candidates", _l("Candidates"), lambda user: permissions.acts_for_type(user, "ocmw")),
    ("referrals.index", _l("Referrals"), lambda user: permissions.acts_for_type(user, "ocmw", "sie", "host")),
    ("reports.index", _l("Reports"), lambda user: permissions.organisation_of(user) is not None
     or permissions.can_moderate_organisations(user)),
    ("organisations.moderation", _l("Approvals"), permissions.can_moderate_organisations),
    ("referrals.audit_log", _l("Audit log"), lambda user: permissions.can_read_audit_log(user)),
    ("outbox.index", _l("Mail outbox"), permissions.is_platform_admin),
)


def sections_for(user):
    """The sections `user` may open, skipping any whose page does not exist in this build."""
    views = current_app.view_functions
    return [(endpoint, label) for endpoint, label, allowed in SECTIONS if endpoint in views and allowed(user)]


def has_endpoint(endpoint):
    return endpoint in current_app.view_functions
