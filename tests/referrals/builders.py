"""Builders of offers, candidates and referrals for tests, going through the services."""
from datetime import date

from portal.core.types import utcnow  # noqa: F401  (for the tests that need the clock)
from portal.offers import services as offer_services
from portal.referrals import services


def offer_data(**overrides):
    data = {
        "title": "Kitchen help in a social restaurant",
        "description": "You help our cooks.\n\nMonday to Friday.",
        "sector": "horeca", "function": "kitchen_help", "commune": "anderlecht", "positions": 2,
        "languages": ["nl", "fr"], "hours_per_week": 38, "start_date": date(2026, 12, 1),
        "contract_type": "art60", "status": "published", "application_deadline": None,
    }
    data.update(overrides)
    return data


def offer(owner, **overrides):
    return offer_services.create_offer(owner, offer_data(**overrides))


def candidate_data(**overrides):
    data = {
        "reference": "DOS-2026-001", "first_name": "Amina", "last_initial": "B", "birth_year": 1990,
        "languages": ["fr", "ar"], "skills": "Worked in a bakery.", "commune": "anderlecht",
        "available_from": date(2026, 12, 1), "notes": "Confidential note", "consent": True,
        "consent_date": date(2026, 11, 1),
    }
    data.update(overrides)
    return data


def candidate(ocmw_user, **overrides):
    return services.create_candidate(ocmw_user, candidate_data(**overrides))


def referral(ocmw_user, candidate_, offer_, message="A motivated candidate."):
    return services.create_referral(ocmw_user, {"candidate_id": candidate_.id, "offer_id": offer_.id,
                                                "message": message})


def move(user, referral_, to, **data):
    return services.move_referral(user, referral_.id, {"to": to, **data})


def placed(ocmw_user, host_user, started=date(2026, 1, 5)):
    """A referral accepted and started: a running placement."""
    offer_ = offer(host_user)
    candidate_ = candidate(ocmw_user)
    referral_ = referral(ocmw_user, candidate_, offer_)
    move(host_user, referral_, "accepted")
    move(host_user, referral_, "started", date=started)
    return referral_
