"""Signed links mailed to guests, who have no account (itsdangerous, under SECRET_KEY, one salt
each so one link can never serve as another):
- the confirmation link names a GuestRequest; it is single-use by state (`used_at`, claimed once);
- the cancellation link names a registration; once it is cancelled the link says so.
Nothing secret is stored: the signature is the secret.
"""
from flask import current_app

from portal.core.signed_links import LinkProblem, load, sign
from portal.events import links

CONFIRM_SALT = "tandem.events.guest-confirm"
CANCEL_SALT = "tandem.events.guest-cancel"


def confirm_url(guest_request):
    token = sign(CONFIRM_SALT, {"g": guest_request.id, "e": guest_request.event_id})
    return links.guest_confirm_url(token)


def cancel_url(registration):
    """The cancellation link of a guest's registration; None for a member (who cancels signed in)."""
    if not registration.is_guest:
        return None
    token = sign(CANCEL_SALT, {"r": registration.id, "e": registration.event_id})
    return links.guest_cancel_url(token)


def _ids(payload, key):
    if not isinstance(payload, dict) or not all(isinstance(payload.get(k), int) and 0 < payload[k] < 2**31
                                                for k in (key, "e")):
        raise LinkProblem("invalid")
    return payload[key], payload["e"]


def confirm_payload(token):
    """(guest request id, event id); LinkProblem when expired or tampered."""
    return _ids(load(CONFIRM_SALT, token, current_app.config["GUEST_LINK_MAX_AGE"]), "g")


def cancel_payload(token):
    """(registration id, event id); LinkProblem when tampered (no expiry: it works until the day)."""
    return _ids(load(CANCEL_SALT, token), "r")
