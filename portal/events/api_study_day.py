"""/api/v1 routes of a study day's life (API.md §6.3): registration questions, guests.

Thin adapters: a scoped lookup (permissions), one service call (questions.py), serialise.
"""
from flask import jsonify

from portal.api import api_user, bp
from portal.api.inputs import json_body, validated
from portal.core.security import allow_uploads
from portal.events import checkin, guests, materials, permissions, queries, questions


def question_out(question):
    return {"id": question.id, "position": question.position, "label": question.label,
            "translations": question.translations or {}, "kind": question.kind,
            "options": question.options or [], "required": question.required}


@bp.get("/events/<int:event_id>/questions")
def list_questions(event_id):
    """Anyone who may see the event reads its questions: registrants need them to answer."""
    event = permissions.get_event_for(api_user(required=False), event_id)
    items = [question_out(q) for q in questions.questions_of(event.id)]
    return jsonify({"items": items, "total": len(items), "page": 1, "per_page": questions.MAX_QUESTIONS})


@bp.post("/events/<int:event_id>/questions")
def add_question(event_id):
    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    question = questions.add_question(actor, event, json_body())
    return jsonify(question_out(question)), 201


@bp.patch("/events/<int:event_id>/questions/<int:question_id>")
def update_question(event_id, question_id):
    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    question = questions.update_question(actor, event, questions.get_question(event, question_id), json_body())
    return jsonify(question_out(question))


@bp.delete("/events/<int:event_id>/questions/<int:question_id>")
def delete_question(event_id, question_id):
    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    questions.delete_question(actor, event, questions.get_question(event, question_id))
    return "", 204


# --- guests (called by api.register: the same route serves members, guests and organisers) ---

def guest_request(event_id):
    """No token: a visitor asks for a place; 202 whatever the address (no account enumeration)."""
    from flask_babel import gettext as _

    permissions.get_event_for(None, event_id)  # 404 before the body is read
    payload = json_body()
    answers = payload.pop("answers", None)
    form = validated(guests.GuestForm, payload)
    guests.request_registration(event_id, form.data, answers)
    return jsonify({"status": "pending", "message": _(
        "Check your mailbox: the registration counts once you open the link we sent.")}), 202


def register_someone(actor, event_id, payload):
    """An organiser registers a guest by name and address: 201 with the registration's row."""
    from portal.events.api import registration_row

    event = permissions.get_event_to_organise(actor, event_id)
    answers = payload.pop("answers", None)
    payload.setdefault("language", event.language)
    form = validated(guests.GuestForm, payload)
    registration = guests.register_someone(actor, event.id, form.data, answers)
    return jsonify(registration_row(registration)), 201


# --- check-in ---------------------------------------------------------------------------------

@bp.post("/events/<int:event_id>/check-ins")
def check_in(event_id):
    from flask_babel import gettext as _

    from portal.core.errors import Invalid
    from portal.events.api import registration_row

    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    payload = json_body()
    if set(payload) != {"code"} or not isinstance(payload["code"], str):
        raise Invalid(fields={"code": [_("Send the check-in code as text, and nothing else.")]})
    return jsonify(registration_row(checkin.check_in(actor, event, payload["code"])))


@bp.delete("/events/<int:event_id>/check-ins/<int:registration_id>")
def undo_check_in(event_id, registration_id):
    from portal.events.api import registration_row

    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    return jsonify(registration_row(checkin.undo(actor, event, registration_id)))


# --- materials on agenda items ---------------------------------------------------------------

def material_out(material):
    body = {"id": material.id, "title": material.title, "kind": material.kind,
            "url": materials.download_url(material)}
    if material.kind == "file":
        body.update(content_type=material.content_type, size=material.size)
    return body


@bp.post("/events/<int:event_id>/agenda/<int:item_id>/materials")
def add_material(event_id, item_id):
    """Multipart `file` + `title` for a file, JSON {title, url} for a link."""
    from flask import request
    from flask_babel import gettext as _

    from portal.core.errors import Invalid

    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    item = queries.agenda_item(event, item_id)
    if request.mimetype == "multipart/form-data":
        unknown = (set(request.form) - {"title"}) | (set(request.files) - {"file"})
        if unknown:
            raise Invalid(fields={name: [_("This field cannot be set.")] for name in unknown})
        material = materials.add_file(actor, event, item, request.form.get("title"), request.files.get("file"))
    else:
        payload = json_body()
        unknown = set(payload) - {"title", "url"}
        if unknown:
            raise Invalid(fields={name: [_("This field cannot be set.")] for name in unknown})
        material = materials.add_link(actor, event, item, payload.get("title"), payload.get("url"))
    return jsonify(material_out(material)), 201


@bp.delete("/events/<int:event_id>/agenda/<int:item_id>/materials/<int:material_id>")
def delete_material(event_id, item_id, material_id):
    actor = api_user()
    event = permissions.get_event_to_organise(actor, event_id)
    materials.delete(actor, event, materials.get_material(event, material_id, item_id))
    return "", 204


allow_uploads("api.add_material")
