"""The rules on candidates, referrals, placements and retention, one module per meaning.

Every function takes the acting user first, checks rights through portal.core.permissions,
commits once and raises domain exceptions.
"""
from portal.referrals.services.candidates import (  # noqa: F401
    create_candidate,
    erase_candidate,
    log_candidate_list,
    read_candidate,
    revoke_consent,
    update_candidate,
)
from portal.referrals.services.consent import renew_consent, send_consent_reminders  # noqa: F401
from portal.referrals.services.interviews import reschedule_interview  # noqa: F401
from portal.referrals.services.placements import add_note, update_placement  # noqa: F401
from portal.referrals.services.referrals import create_referral, move_referral, read_referral  # noqa: F401
from portal.referrals.services.reminders import send_overdue_reminders  # noqa: F401
from portal.referrals.services.retention import purge  # noqa: F401
