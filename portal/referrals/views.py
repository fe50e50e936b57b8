"""HTML pages of candidates, referrals and placements. Thin: parse, call a service, render."""
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core import ids, navigation
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.personal_cache import personal_response
from portal.core.types import utcnow
from portal.core.web import (
    apply_errors,
    flash_error,
    flash_form_errors,
    form_values,
    login_required,
    no_store,
    posted_from_a_page,
)
from portal.offers import permissions as offer_permissions
from portal.referrals import permissions, queries, services, workflow
from portal.referrals.forms import (
    CandidateEditForm,
    CandidateForm,
    ConsentForm,
    InterviewForm,
    NoteForm,
    PlacementForm,
    ReferralForm,
    TransitionForm,
)
from portal.referrals.services.consent import receiving_organisations
from portal.referrals.timeline import conversation

bp = Blueprint("referrals", __name__)
navigation.add_section(40, "referrals.candidates", _l("Candidates"), permissions.can_manage_candidates)
navigation.add_section(50, "referrals.index", _l("Referrals"), permissions.can_see_referrals)
navigation.add_section(80, "referrals.audit_log", _l("Audit log"), permissions.can_read_audit_log)
PER_PAGE = 25


def _page_number():
    return ids.page_number(request.args.get("page"))


def _personal(template, status=200, **context):
    return no_store(make_response(render_template(template, **context), status))


# --- candidates ------------------------------------------------------------------------

@bp.get("/candidates")
@personal_response("referrals", "offers", "organisations")  # its audit entry is written again on each hit
@login_required
def candidates():
    page, _pages = queries.candidates_page(current_user, (_page_number(), PER_PAGE))
    return _personal("referrals/candidates.html", page=page)


@bp.route("/candidates/new", methods=["GET", "POST"])
@login_required
def candidate_new():
    if not permissions.can_manage_candidates(current_user):
        raise Forbidden()
    form = CandidateForm()
    form.consent_organisation_ids.choices = receiving_organisations()
    if form.validate_on_submit():
        try:
            candidate = services.create_candidate(current_user, form_values(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("The candidate was recorded."), "success")
            return redirect(url_for("referrals.candidate_detail", candidate_id=candidate.id))
    return _personal("referrals/candidate_form.html", 422 if form.errors else 200, form=form, candidate=None)


@bp.get("/candidates/<int:candidate_id>")
@login_required
def candidate_detail(candidate_id):
    page = queries.candidate_page(current_user, candidate_id)
    return _personal("referrals/candidate_detail.html", statuses=workflow.STATUSES,
                     consent_form=consent_form(page["candidate"]), **page)


@bp.route("/candidates/<int:candidate_id>/edit", methods=["GET", "POST"])
@login_required
def candidate_edit(candidate_id):
    candidate = queries.candidate_to_edit(current_user, candidate_id)
    if candidate.is_erased:
        flash(_("This candidate's personal data has been erased."), "error")
        return redirect(url_for("referrals.candidate_detail", candidate_id=candidate_id))
    form = CandidateEditForm(obj=candidate)
    if form.validate_on_submit():
        services.update_candidate(current_user, candidate_id, form_values(form))
        flash(_("The candidate was saved."), "success")
        return redirect(url_for("referrals.candidate_detail", candidate_id=candidate_id))
    return _personal("referrals/candidate_form.html", 422 if form.errors else 200, form=form, candidate=candidate)


@bp.post("/candidates/<int:candidate_id>/revoke")
@login_required
def candidate_revoke(candidate_id):
    services.revoke_consent(current_user, candidate_id)
    flash(_("Consent was revoked: hosts no longer see who this is, and no new referral is possible."), "success")
    return redirect(url_for("referrals.candidate_detail", candidate_id=candidate_id))


@bp.get("/candidates/<int:candidate_id>/erase")
@login_required
def candidate_erase_confirm(candidate_id):
    """Erasing cannot be undone: a page of its own asks first (without JavaScript too)."""
    candidate = queries.candidate_to_edit(current_user, candidate_id)
    back = url_for("referrals.candidate_detail", candidate_id=candidate_id)
    if candidate.is_erased:
        return redirect(back)
    return _personal(
        "confirm.html", title=_("Erase this candidate's personal data?"),
        subject=_("Candidate #%(id)s", id=candidate.id), back=back,
        action=url_for("referrals.candidate_erase", candidate_id=candidate_id),
        confirm_label=_("Yes, erase for good"), back_label=_("No, keep the data"), consequences=[
            _("The name, file reference, year of birth, notes and skills are wiped."),
            _("Hosts no longer see who this was; no new referral is possible."),
            _("The referrals and placement figures stay, without the person's identity."),
            _("This cannot be undone."),
        ])


@bp.post("/candidates/<int:candidate_id>/erase")
@login_required
def candidate_erase(candidate_id):
    services.erase_candidate(current_user, candidate_id)
    flash(_("The candidate's personal data was erased; placement figures stay."), "success")
    return redirect(url_for("referrals.candidate_detail", candidate_id=candidate_id))


# --- referrals -------------------------------------------------------------------------

@bp.get("/referrals")
@personal_response("referrals", "offers", "organisations")  # a sender's list: its audit entry again on each hit
@login_required
def index():
    if not permissions.can_see_referrals(current_user):
        raise Forbidden()
    return _personal("referrals/index.html", board=queries.dashboard(current_user), statuses=workflow.STATUSES,
                     badges=workflow.BADGES, can_audit=permissions.can_read_audit_log(current_user),
                     can_publish=offer_permissions.can_publish_offers(current_user),
                     can_refer=permissions.can_refer(current_user))


@bp.post("/referrals")
@login_required
def create():
    if not permissions.can_refer(current_user):
        raise Forbidden()
    form = ReferralForm()
    offer_id = request.form.get("offer_id", "")
    offer_id = ids.record_id(offer_id)
    back = url_for("offers.detail", offer_id=offer_id) if offer_id is not None else url_for("offers.index")
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(back)
    try:
        referral = services.create_referral(current_user, form_values(form))
    except (Conflict, Invalid) as error:
        flash_error(error)
        return redirect(back)
    flash(_("The referral was sent."), "success")
    return redirect(url_for("referrals.detail", referral_id=referral.id))


@bp.get("/referrals/<int:referral_id>")
@login_required
def detail(referral_id):
    referral, side = queries.referral_page(current_user, referral_id)
    placement = referral.placement
    return _personal(
        "referrals/detail.html", referral=referral, side=side, moves=workflow.next_moves(referral.status, side),
        statuses=workflow.STATUSES, badges=workflow.BADGES, overdue=workflow.is_overdue(referral, utcnow()),
        conversation=conversation(referral), move_form=TransitionForm(formdata=None), note_form=NoteForm(formdata=None),
        placement_form=PlacementForm(formdata=None, obj=placement) if placement else None,
        interview_form=InterviewForm(formdata=None, at=referral.interview_at, place=referral.interview_place)
        if referral.status == "interview" and side == workflow.RECEIVING else None,
        needs_date=workflow.NEEDS_DATE, needs_outcome=workflow.NEEDS_OUTCOME, needs_reason=workflow.NEEDS_REASON,
    )


@bp.post("/referrals/<int:referral_id>/transitions")
@login_required
def move(referral_id):
    return posted_from_a_page(
        TransitionForm(), lambda values: services.move_referral(current_user, referral_id, values),
        lambda form: _("The referral is now “%(status)s”.", status=workflow.STATUSES.label(form.to.data)),
        url_for("referrals.detail", referral_id=referral_id), refusals=(Conflict, Forbidden, Invalid))


@bp.post("/referrals/<int:referral_id>/interview")
@login_required
def interview(referral_id):
    permissions.get_referral_for(current_user, referral_id)
    form = InterviewForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
    else:
        try:
            services.reschedule_interview(current_user, referral_id, form_values(form))
        except (Conflict, Forbidden, Invalid) as error:
            flash_error(error)
        else:
            flash(_("The interview was saved; the invitations are on their way."), "success")
    return redirect(url_for("referrals.detail", referral_id=referral_id))


@bp.post("/referrals/<int:referral_id>/placement")
@login_required
def placement(referral_id):
    return posted_from_a_page(
        PlacementForm(), lambda values: services.update_placement(current_user, referral_id, values),
        _("The placement facts were saved."), url_for("referrals.detail", referral_id=referral_id))


@bp.post("/referrals/<int:referral_id>/notes")
@login_required
def note(referral_id):
    return posted_from_a_page(
        NoteForm(), lambda values: services.add_note(current_user, referral_id, values),
        _("The note was added; the other side is told by mail."), url_for("referrals.detail", referral_id=referral_id))


# --- audit log -------------------------------------------------------------------------

@bp.get("/audit")
@login_required
def audit_log():
    """An organisation's admins read who did what to their organisation's records."""
    page, names, organisation = queries.audit_page(current_user, _page_number())
    return render_template("referrals/audit.html", page=page, names=names, organisation=organisation)




def consent_form(candidate, submitted=False):
    """The renewal form: as posted, or filled with the consent in force."""
    form = ConsentForm() if submitted else ConsentForm(
        formdata=None, consent_expires_on=candidate.consent_expires_on,
        consent_organisation_ids=candidate.consent_organisation_ids or [])
    form.consent_organisation_ids.choices = receiving_organisations()
    return form


from portal.referrals import views_consent  # noqa: E402,F401  (adds the consent pages to bp)
