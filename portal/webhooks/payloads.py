"""What a delivery says: ids and statuses only. Never a candidate's name, reference, year of
birth, notes or skills, nor any free text — the receiver asks the API for the rest with its own
token, where the usual rules of who sees what apply. Each builder takes plain values, not
records, so nothing else can slip in; tests check every event type against ALLOWED_KEYS."""
import json
import uuid

from portal.core.types import to_brussels, utcnow

EVENT_TYPES = ("referral.moved", "registration.changed", "offer.published", "event.changed")
# Every key a payload's `data` may carry (tests hold each type to it).
ALLOWED_KEYS = {
    "referral.moved": {"referral_id", "offer_id", "candidate_id", "ocmw_id", "host_id", "from", "to"},
    "registration.changed": {"registration_id", "event_id", "status"},
    "offer.published": {"offer_id", "organisation_id", "status"},
    "event.changed": {"event_id", "status", "sequence"},
}


def referral_moved(referral_id, offer_id, candidate_id, ocmw_id, host_id, from_status, to_status):
    return {"referral_id": referral_id, "offer_id": offer_id, "candidate_id": candidate_id, "ocmw_id": ocmw_id,
            "host_id": host_id, "from": from_status, "to": to_status}


def registration_changed(registration_id, event_id, status):
    return {"registration_id": registration_id, "event_id": event_id, "status": status}


def offer_published(offer_id, organisation_id, status):
    return {"offer_id": offer_id, "organisation_id": organisation_id, "status": status}


def event_changed(event_id, status, sequence):
    return {"event_id": event_id, "status": status, "sequence": sequence}


def envelope(event_type, data):
    """(key, body): the delivery's id and the exact bytes to sign and send."""
    key = uuid.uuid4().hex
    document = {"id": key, "type": event_type, "occurred_at": to_brussels(utcnow()).isoformat(timespec="seconds"),
                "data": data}
    return key, json.dumps(document, separators=(",", ":"), sort_keys=True)
