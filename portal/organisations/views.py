"""HTML pages of the organisations domain: directory, profile, edit, approvals, members.

Thin: each handler validates a form, calls one service and renders or redirects. Services
raise NotFound/Forbidden (pages of errors_web) and Conflict/Invalid (flashed here).
"""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core import ids, permissions, translation_forms
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.extensions import db
from portal.organisations import enterprise_number, services
from portal.organisations.forms import MemberRoleForm, OrganisationProfilePageForm, RejectOrganisationForm
from portal.organisations.models import Organisation

bp = Blueprint("organisations", __name__)
PER_PAGE = 20


@bp.app_template_filter("enterprise_number")
def format_enterprise_number(number):
    return enterprise_number.formatted(number or "")


@bp.get("/organisations")
def directory():
    filters, errors = services.clean_directory_filters(
        request.args.get("type"), request.args.get("commune"), request.args.get("q"))
    results = db.paginate(services.directory_statement(**filters), page=ids.page_number(request.args.get("page")),
                          per_page=PER_PAGE, error_out=False)
    args = dict(filters)
    return render_template("organisations/directory.html", results=results, filters=filters,
                           errors=errors, args=args, q=request.args.get("q", ""))


@bp.get("/organisations/<int:organisation_id>")
def detail(organisation_id):
    organisation = permissions.get_organisation_for(current_user, organisation_id)
    return render_template(
        "organisations/detail.html", organisation=organisation,
        is_member=permissions.is_member_of(current_user, organisation.id),
        can_edit=permissions.can_edit_organisation(current_user, organisation),
        can_manage=permissions.can_manage_members(current_user, organisation),
    )


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organisation_id):
    organisation = permissions.get_organisation_to_edit(current_user, organisation_id)
    form = OrganisationProfilePageForm(obj=organisation)
    status = 200
    if request.method == "GET":
        translation_forms.fill(form, organisation)
    if request.method == "POST":
        if form.validate():
            names = services.PROFILE_FIELDS if organisation.type == "sie" else (
                name for name in services.PROFILE_FIELDS if name not in form.SIE_FIELDS)
            try:
                language = form.language.data or organisation.language
                translations = translation_forms.changes(form, language, Organisation.TRANSLATED)
                services.update_profile(current_user, organisation.id, {name: form[name].data for name in names},
                                        translations)
            except Invalid as error:
                db.session.rollback()
                for name, messages in translation_forms.apply_errors(form, error).items():
                    form[name].errors = list(form[name].errors) + list(messages)
            else:
                flash(_("The profile is saved."), "success")
                return redirect(url_for("organisations.detail", organisation_id=organisation.id))
        status = 422
    return render_template("organisations/edit.html", organisation=organisation, form=form), status


# --- approval of new organisations ------------------------------------------------------

def _moderation_page(reject_forms=None, status=200):
    if not permissions.can_moderate_organisations(current_user):
        raise Forbidden()
    pending = services.pending_organisations(current_user)
    forms = {organisation.id: RejectOrganisationForm(prefix=f"org{organisation.id}", formdata=None)
             for organisation in pending}
    forms.update(reject_forms or {})
    return render_template("organisations/moderation.html", pending=pending, reject_forms=forms), status


@bp.get("/organisations/pending")
@login_required
def moderation():
    return _moderation_page()


@bp.post("/organisations/<int:organisation_id>/approve")
@login_required
def approve(organisation_id):
    try:
        organisation = services.approve_organisation(current_user, organisation_id)
    except Conflict as error:
        flash(str(error.message), "error")
    else:
        flash(_("%(name)s is approved.", name=organisation.name), "success")
    return redirect(url_for("organisations.moderation"))


@bp.post("/organisations/<int:organisation_id>/reject")
@login_required
def reject(organisation_id):
    permissions.get_organisation_to_moderate(current_user, organisation_id)
    form = RejectOrganisationForm(prefix=f"org{organisation_id}")
    if not form.validate():
        return _moderation_page({organisation_id: form}, status=422)
    try:
        organisation = services.reject_organisation(current_user, organisation_id, form.reason.data)
    except Conflict as error:
        flash(str(error.message), "error")
    else:
        flash(_("%(name)s is rejected; its administrators are informed.", name=organisation.name), "success")
    return redirect(url_for("organisations.moderation"))


# --- members -------------------------------------------------------------------------

@bp.get("/organisations/<int:organisation_id>/members")
@login_required
def members(organisation_id):
    organisation, members, requests = services.members_of(current_user, organisation_id)
    return render_template("organisations/members.html", organisation=organisation,
                           members=members, requests=requests)


def _member_action(organisation_id, action, success):
    try:
        action()
    except (Conflict, Invalid) as error:
        db.session.rollback()
        flash(str(error.message) if not error.fields
              else " ".join(str(m) for messages in error.fields.values() for m in messages), "error")
    else:
        flash(success, "success")
    return redirect(url_for("organisations.members", organisation_id=organisation_id))


@bp.post("/organisations/<int:organisation_id>/members/<int:user_id>/approve")
@login_required
def approve_member(organisation_id, user_id):
    return _member_action(organisation_id, lambda: services.approve_membership(current_user, organisation_id, user_id),
                          _("The request is approved; the person is informed."))


@bp.post("/organisations/<int:organisation_id>/members/<int:user_id>/decline")
@login_required
def decline_member(organisation_id, user_id):
    return _member_action(organisation_id, lambda: services.decline_membership(current_user, organisation_id, user_id),
                          _("The request is declined; the person is informed."))


@bp.post("/organisations/<int:organisation_id>/members/<int:user_id>/role")
@login_required
def change_role(organisation_id, user_id):
    permissions.get_organisation_to_manage(current_user, organisation_id)
    form = MemberRoleForm()
    role = form.role.data if form.validate() else ""
    return _member_action(
        organisation_id, lambda: services.change_member_role(current_user, organisation_id, user_id, role),
        _("The role is changed."))


@bp.post("/organisations/<int:organisation_id>/members/<int:user_id>/remove")
@login_required
def remove_member(organisation_id, user_id):
    return _member_action(organisation_id, lambda: services.remove_member(current_user, organisation_id, user_id),
                          _("The member is removed."))
