"""Certificate pages (rules in certificates.py): the PDF, its public check, and the organisers'
"mail every attendee their certificate"."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.errors import Conflict
from portal.core.web import login_required
from portal.events import certificates, permissions
from portal.events.blueprint import bp


@bp.get("/events/<int:event_id>/certificate.pdf")
def certificate(event_id):
    """Signed in: one's own certificate; with ?token=: the mailed link's (guests)."""
    token = request.args.get("token", "")[:500]
    if not token and not current_user.is_authenticated:
        abort(401)
    registration = certificates.registration_for(current_user, event_id, token or None)
    return Response(certificates.pdf(registration), content_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="certificate-{event_id}.pdf"',
        "Cache-Control": "no-store",
    })


@bp.get("/certificates/<code>")
def verify_certificate(code):
    registration = certificates.genuine(code)
    return render_template("events/certificate_check.html", registration=registration), 200 if registration else 404


@bp.post("/events/<int:event_id>/certificates/mail")
@login_required
def mail_certificates(event_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    try:
        count = certificates.mail_all(current_user, event)
    except Conflict as error:
        flash(str(error.message), "error")
    else:
        flash(_("Certificates are sent to %(count)d attendees.", count=count), "success")
    return redirect(url_for(".registrations", event_id=event.id))
