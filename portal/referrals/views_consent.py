"""Consent pages of a candidate: renewing it (a new date, end and scope)."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.errors import Conflict, Invalid
from portal.core.web import flash_error, flash_form_errors, form_values, login_required
from portal.referrals import permissions, services
from portal.referrals.views import bp, consent_form


@bp.post("/candidates/<int:candidate_id>/consent")
@login_required
def candidate_consent(candidate_id):
    candidate = permissions.get_candidate_for(current_user, candidate_id)
    form = consent_form(candidate, submitted=True)
    if not form.validate_on_submit():
        flash_form_errors(form)
    else:
        try:
            services.renew_consent(current_user, candidate_id, form_values(form))
        except (Conflict, Invalid) as error:
            flash_error(error)
        else:
            flash(_("The renewed consent was recorded."), "success")
    return redirect(url_for("referrals.candidate_detail", candidate_id=candidate_id))
