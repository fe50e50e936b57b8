"""HTML pages of the organisations domain: directory, profile, edit, approvals, members.

Thin: each handler validates a form, calls one service and renders or redirects. Services
raise NotFound/Forbidden (pages of errors_web) and Conflict/Invalid (flashed here).
"""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core import ids, navigation, translation_forms
from portal.core.errors import Conflict, Invalid
from portal.core.web import apply_errors, flash_error, login_required
from portal.organisations import enterprise_number, permissions, queries, services
from portal.organisations.forms import MemberRoleForm, OrganisationProfilePageForm, RejectOrganisationForm
from portal.organisations.models import Organisation

bp = Blueprint("organisations", __name__)
navigation.add_section(30, "organisations.directory", _l("Partners"))
navigation.add_section(70, "organisations.moderation", _l("Approvals"), permissions.can_moderate_organisations)
PER_PAGE = 20


@bp.app_template_filter("enterprise_number")
def format_enterprise_number(number):
    return enterprise_number.formatted(number or "")


@bp.get("/organisations")
def directory():
    filters, errors = queries.clean_directory_filters(
        request.args.get("type"), request.args.get("commune"), request.args.get("q"))
    results = queries.directory_page(filters, ids.page_number(request.args.get("page")), PER_PAGE)
    args = dict(filters)
    return render_template("organisations/directory.html", results=results, filters=filters,
                           errors=errors, args=args, q=request.args.get("q", ""))


@bp.get("/organisations/<int:organisation_id>")
def detail(organisation_id):
    organisation, flags = queries.organisation_page(current_user, organisation_id)
    return render_template("organisations/detail.html", organisation=organisation, **flags)


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organisation_id):
    if request.method == "GET":
        organisation = queries.organisation_to_edit(current_user, organisation_id)
        form = OrganisationProfilePageForm(obj=organisation)
        translation_forms.fill(form, organisation)
        return render_template("organisations/edit.html", organisation=organisation, form=form)
    form = OrganisationProfilePageForm()
    if form.validate():
        def profile_changes(organisation):
            language = form.language.data or organisation.language
            return {**{name: form[name].data for name in services.profile_fields(organisation)},
                    "translations": translation_forms.changes(form, language, Organisation.TRANSLATED)}

        try:
            services.update_profile(current_user, organisation_id, profile_changes)
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("The profile is saved."), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation_id))
    organisation = queries.organisation_to_edit(current_user, organisation_id)
    return render_template("organisations/edit.html", organisation=organisation, form=form), 422


# --- approval of new organisations ------------------------------------------------------

def _moderation_page(reject_forms=None, status=200):
    pending = queries.pending_organisations(current_user)
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
        flash_error(error)
    else:
        flash(_("%(name)s is approved.", name=organisation.name), "success")
    return redirect(url_for("organisations.moderation"))


@bp.post("/organisations/<int:organisation_id>/reject")
@login_required
def reject(organisation_id):
    form = RejectOrganisationForm(prefix=f"org{organisation_id}")

    def reason(_organisation):  # validated once the service has decided access
        if not form.validate():
            raise Invalid(fields=form.errors)
        return form.reason.data

    try:
        organisation = services.reject_organisation(current_user, organisation_id, reason)
    except Invalid:
        return _moderation_page({organisation_id: form}, status=422)
    except Conflict as error:
        flash_error(error)
    else:
        flash(_("%(name)s is rejected; its administrators are informed.", name=organisation.name), "success")
    return redirect(url_for("organisations.moderation"))


# --- members -------------------------------------------------------------------------

@bp.get("/organisations/<int:organisation_id>/members")
@login_required
def members(organisation_id):
    organisation, members, requests = queries.members_of(current_user, organisation_id)
    return render_template("organisations/members.html", organisation=organisation,
                           members=members, requests=requests)


def _member_action(organisation_id, action, success):
    try:
        action()
    except (Conflict, Invalid) as error:
        flash_error(error)
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
