"""The rules on candidates, referrals, placements and retention, one module per meaning.

Every function takes the acting user first, checks rights through portal.referrals.permissions,
does its own scoped look-up, and commits once (core/use_case.py) or raises a domain exception.
Reads — and their audit entries — are in portal/referrals/queries.py.
"""
from portal.referrals.services.candidates import (  # noqa: F401
    create_candidate,
    erase_candidate,
    revoke_consent,
    update_candidate,
)
from portal.referrals.services.consent import renew_consent, send_consent_reminders  # noqa: F401
from portal.referrals.services.interviews import reschedule_interview  # noqa: F401
from portal.referrals.services.placements import add_note, update_placement  # noqa: F401
from portal.referrals.services.referrals import create_referral, move_referral  # noqa: F401
from portal.referrals.services.reminders import send_overdue_reminders  # noqa: F401
from portal.referrals.services.retention import purge  # noqa: F401
