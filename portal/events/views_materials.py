"""Material pages (rules in materials.py): the organisers' page per agenda item, and downloads."""
from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.errors import Invalid, NotFound
from portal.core.security import allow_uploads
from portal.core.web import login_required
from portal.events import materials, permissions, queries
from portal.events.blueprint import bp


@bp.route("/events/<int:event_id>/agenda/<int:item_id>/materials", methods=["GET", "POST"])
@login_required
def item_materials(event_id, item_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    item = queries.agenda_item(event, item_id)
    errors = {}
    if request.method == "POST":  # CSRF: checked for every POST by Flask-WTF's CSRFProtect
        try:
            if request.form.get("kind") == "link":
                materials.add_link(current_user, event, item, request.form.get("title"), request.form.get("url"))
            else:
                materials.add_file(current_user, event, item, request.form.get("title"), request.files.get("file"))
        except Invalid as error:
            errors = {name: " ".join(str(m) for m in messages) for name, messages in error.fields.items()}
        else:
            flash(_("The material is added."), "success")
            return redirect(url_for(".item_materials", event_id=event_id, item_id=item_id))
        event = permissions.get_event_to_organise(current_user, event_id)
        item = queries.agenda_item(event, item_id)
    return render_template("events/materials.html", event=event, item=item, errors=errors,
                           max_mb=current_app.config["MAX_UPLOAD_MB"]), 422 if errors else 200


@bp.post("/events/<int:event_id>/agenda/<int:item_id>/materials/<int:material_id>/delete")
@login_required
def delete_material(event_id, item_id, material_id):
    event = permissions.get_event_to_organise(current_user, event_id)
    materials.delete(current_user, event, materials.get_material(event, material_id, item_id))
    flash(_("The material is removed."), "success")
    return redirect(url_for(".item_materials", event_id=event_id, item_id=item_id))


@bp.get("/events/<int:event_id>/materials/<int:material_id>")
def download_material(event_id, material_id):
    """Always a download (attachment), with the type read from the content at upload."""
    event = permissions.get_event_for(current_user, event_id)
    material = materials.get_material(event, material_id)
    if material.kind != "file" or not materials.path_of(material).is_file():
        raise NotFound()
    response = send_file(materials.path_of(material), mimetype=material.content_type, as_attachment=True,
                         download_name=material.file_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


allow_uploads("events.item_materials")
