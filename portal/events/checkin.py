"""Check-in at the door (API.md §6.3): a secret code per confirmed registration, its QR code, and
the organisers' check-in and undo.

The code is `<registration id>.<HMAC-SHA256(SECRET_KEY, id:nonce), 20 hex>`: nothing that opens
the door is stored (the database holds only a random nonce per registration), it is compared in
constant time, and it cannot be guessed from the id. A code is accepted once: the check-in is a
conditional UPDATE (`… WHERE checked_in_at IS NULL`), so a reused (or simultaneously scanned) code
is a 409. A code of another event, a forged one, or one of a registration that holds no seat is 404.
"""
import hashlib
import hmac
import io
import secrets

import segno
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, update
from sqlalchemy.orm import joinedload

from portal.core import audit
from portal.core.errors import Conflict, NotFound
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.events.models import Registration
from portal.extensions import db

MAC_LENGTH = 20
MAX_CODE_LENGTH = 40
# Arriving earns the certificate's verification code; undoing the check-in withdraws it.
# Conditional UPDATEs (SQLAlchemy statements, not SQL text): the rowcount says whether it held.
CHECK_IN = (update(Registration).where(Registration.checked_in_at.is_(None), Registration.status == "confirmed")
            .execution_options(synchronize_session=False))
UNDO = (update(Registration).where(Registration.checked_in_at.is_not(None))
        .execution_options(synchronize_session=False))


def _mac(registration_id, nonce):
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"checkin:{registration_id}:{nonce}".encode(), hashlib.sha256).hexdigest()[:MAC_LENGTH]


def code_of(registration):
    """The registration's check-in code, or None when it holds no seat."""
    if registration.status != "confirmed" or not registration.checkin_nonce:
        return None
    return f"{registration.id}.{_mac(registration.id, registration.checkin_nonce)}"


def qr_png(code, scale=8):
    """The code as a PNG QR code (for the confirmation mail)."""
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_data_uri(code):
    """The code as an SVG data URI, for the registrant's page (CSP allows img-src data:)."""
    return segno.make(code, error="m").svg_data_uri(scale=6, border=4)


def mail_attachment(registration):
    """(filename, content type, data) of the QR code, or None without a code."""
    code = code_of(registration)
    return ("check-in.png", "image/png", qr_png(code)) if code else None


def _registration_for_code(event, code):
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH or code.count(".") != 1:
        raise NotFound(_("This code is not a registration for this study day."))
    raw_id, mac = code.strip().split(".")
    registration_id = int(raw_id) if raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 10 else 0
    registration = db.session.get(Registration, registration_id) if registration_id else None
    expected = _mac(registration_id, registration.checkin_nonce) if registration and registration.checkin_nonce \
        else "0" * MAC_LENGTH
    if (not hmac.compare_digest(expected, mac.lower()) or registration is None or registration.event_id != event.id
            or registration.status != "confirmed"):
        raise NotFound(_("This code is not a registration for this study day."))
    return registration


@use_case
def check_in(actor, event, code):
    """Mark the code's registrant as arrived, once (409 when already checked in)."""
    registration = _registration_for_code(event, code)
    return _mark(actor, event, registration)


@use_case
def check_in_registration(actor, event, registration_id):
    """The fallback without a code: an organiser finds the person by name and checks them in."""
    registration = db.session.get(Registration, registration_id) if 0 < registration_id < 2**31 else None
    if registration is None or registration.event_id != event.id or registration.status != "confirmed":
        raise NotFound()
    return _mark(actor, event, registration)


def _mark(actor, event, registration):
    certificate = secrets.token_hex(8).upper()  # 64 random bits, read aloud or typed from paper
    now = utcnow()
    statement = CHECK_IN.where(Registration.id == registration.id).values(
        checked_in_at=now, updated_at=now, certificate_code=certificate)
    if db.session.execute(statement).rowcount != 1:
        raise Conflict(_("%(name)s is already checked in.", name=registration.person.name))
    audit.record(actor, "event.check_in", registration, event_id=event.id)
    db.session.refresh(registration)
    return registration


@use_case
def undo(actor, event, registration_id):
    """Undo a mistaken check-in (409 when the person was not checked in)."""
    registration = db.session.get(Registration, registration_id) if 0 < registration_id < 2**31 else None
    if registration is None or registration.event_id != event.id:
        raise NotFound()
    statement = UNDO.where(Registration.id == registration.id).values(
        checked_in_at=None, certificate_code=None, updated_at=utcnow())
    if db.session.execute(statement).rowcount != 1:
        raise Conflict(_("%(name)s was not checked in.", name=registration.person.name))
    audit.record(actor, "event.check_in.undo", registration, event_id=event.id)
    db.session.refresh(registration)
    return registration


def arrivals(event):
    """(checked in, confirmed): one query."""
    return tuple(db.session.execute(
        db.select(func.count(Registration.checked_in_at), func.count())
        .where(Registration.event_id == event.id, Registration.status == "confirmed")
    ).one())


def find(event, name, limit=30):
    """Confirmed registrants whose name contains `name` (any case), members and guests alike."""
    from portal.accounts.models import User
    from portal.organisations.models import Membership

    statement = (db.select(Registration).outerjoin(Registration.user)
                 .where(Registration.event_id == event.id, Registration.status == "confirmed")
                 .options(joinedload(Registration.user).joinedload(User.membership)
                          .joinedload(Membership.organisation)))
    escaped = name.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    if name.strip():
        name_of = func.lower(func.coalesce(User.name, Registration.guest_name))
        statement = statement.where(name_of.like(pattern, escape="\\"))
    return db.session.execute(
        statement.order_by(func.lower(func.coalesce(User.name, Registration.guest_name))).limit(limit)
    ).scalars().all()
