"""Certificates of attendance (API.md §6.3): a PDF in the registrant's language, only for someone
checked in at a study day that has ended, with a verification code anyone can check at
/certificates/<code> (which shows the name and the day, nothing more).

The code is handed out at check-in (checkin.py) and withdrawn when the check-in is undone, so a
certificate exists exactly as long as the attendance does. The PDF is drawn by WeasyPrint from an
HTML template (templates/events/certificate.html + static/css/certificate.css).
"""
from datetime import timedelta
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from portal.core import audit
from portal.core.errors import Conflict, Forbidden, NotFound
from portal.core.mail import queue_mail
from portal.core.signed_links import LinkProblem, load, sign
from portal.core.translated import InReaderLanguage
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.events import links
from portal.events.models import Event, Registration
from portal.extensions import db

LINK_SALT = "tandem.events.certificate"
STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "certificate.css"


def hours_attended(event):
    """The day's length less its breaks (agenda items of kind `break`), in hours (quarter hours)."""
    length = event.ends_at - event.starts_at
    breaks = sum(((item.ends_at - item.starts_at) for item in event.agenda if item.kind == "break"), timedelta())
    return round(max(length - breaks, timedelta()).total_seconds() / 900) / 4


def download_url(registration):
    """The signed link to a registrant's certificate (guests have no account to sign in with)."""
    token = sign(LINK_SALT, {"r": registration.id, "e": registration.event_id})
    # Written out, not url_for: certificates are also mailed from outside requests.
    return links.certificate_url(registration.event_id, token)


def _with_event(statement):
    return db.session.execute(statement.options(
        joinedload(Registration.event).options(selectinload(Event.agenda), joinedload(Event.organiser),
                                               selectinload(Event.co_organisers)),
        joinedload(Registration.user),
    )).unique().scalar_one_or_none()


def registration_for(actor, event_id, token=None):
    """The registration whose certificate is asked for: from the signed link, else the signed-in
    person's own. NotFound for a bad link, one of another event, or nobody registered; Forbidden
    when not checked in; Conflict before the day has ended."""
    base = db.select(Registration).where(Registration.event_id == event_id, Registration.status == "confirmed")
    if token:
        try:
            payload = load(LINK_SALT, token)
        except LinkProblem:
            raise NotFound() from None
        if not isinstance(payload, dict) or payload.get("e") != event_id or not isinstance(payload.get("r"), int):
            raise NotFound()
        registration = _with_event(base.where(Registration.id == payload["r"]))
    elif actor is not None and actor.is_authenticated:
        registration = _with_event(base.where(Registration.user_id == actor.id))
    else:
        registration = None
    if registration is None:
        raise NotFound(_("There is no certificate for you at this study day."))
    if registration.event.ends_at > utcnow():
        raise Conflict(_("The certificate is available once the study day has ended."))
    if registration.checked_in_at is None or not registration.certificate_code:
        raise Forbidden(_("Only people checked in at the study day receive a certificate."))
    return registration


def verify_url(code):
    return f"{current_app.config['PORTAL_BASE_URL']}/certificates/{code}"


def html(registration):
    """The certificate's HTML, in the registrant's language."""
    event = registration.event
    with force_locale(registration.person.language):
        return render_template("events/certificate.html", registration=registration, event=event,
                               person=registration.person, hours=format_decimal(hours_attended(event)),
                               verify_url=verify_url(registration.certificate_code))


def pdf(registration):
    """The certificate as PDF bytes."""
    from weasyprint import CSS, HTML

    return HTML(string=html(registration), base_url=current_app.config["PORTAL_BASE_URL"]).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))])


def genuine(code):
    """The registration a verification code belongs to, while the certificate stands; else None."""
    code = (code or "").strip().upper()
    if not code or len(code) > 32 or not code.isalnum():
        return None
    registration = _with_event(db.select(Registration).where(Registration.certificate_code == code,
                                                             Registration.checked_in_at.is_not(None)))
    if registration is None or registration.event.ends_at > utcnow():
        return None
    return registration


@use_case
def mail_all(actor, event):
    """Organisers mail every checked-in registrant their certificate (PDF attached), once the
    day has ended; returns how many were mailed."""
    if event.ends_at > utcnow():
        raise Conflict(_("The certificate is available once the study day has ended."))
    attendees = db.session.execute(
        db.select(Registration).where(Registration.event_id == event.id, Registration.status == "confirmed",
                                      Registration.checked_in_at.is_not(None))
        .options(joinedload(Registration.user), joinedload(Registration.event).selectinload(Event.agenda))
    ).unique().scalars().all()
    for registration in attendees:
        person = registration.person
        queue_mail(person.email, person.language, "event_certificate",
                   _l("Your certificate of attendance: %(title)s", title=InReaderLanguage(event, "title")),
                   attachments=[(f"certificate-{event.id}.pdf", "application/pdf", pdf(registration))],
                   event=event, user=person, link=download_url(registration))
    audit.record(actor, "event.certificates.mail", event, organisation_id=event.organiser_id,
                 recipients=len(attendees))
    return len(attendees)
