"""/api/v1 routes of the organisations domain: thin — parse, call one service, serialise."""
from flask import jsonify, request

from portal.api import api_user, bp
from portal.api.guide import N_
from portal.api.inputs import json_body, validated
from portal.api.pagination import paginated
from portal.api.serialise import iso_date
from portal.api.spec import ID, PAGE_PARAMETERS, answer, nullable, page_of, translations_schema
from portal.core.choices import COMMUNES, ORGANISATION_TYPES
from portal.core.translated import translations_input
from portal.organisations import permissions, queries, services
from portal.organisations.forms import OrganisationProfileForm, RejectOrganisationForm
from portal.organisations.models import Organisation


def organisation_json(organisation):
    """An organisation as the API shows it: codes, not labels; the enterprise number as its
    ten normalised digits."""
    return {
        "id": organisation.id,
        "name": organisation.name,
        "type": organisation.type,
        "status": organisation.status,
        "enterprise_number": organisation.enterprise_number,
        "commune": organisation.commune,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "address": organisation.address,
        "description": organisation.description,
        "language": organisation.language,
        "translations": organisation.translations or {},
        "sie_mandated": bool(organisation.sie_mandated),
        "sie_mandate_until": iso_date(organisation.sie_mandate_until),
        "sectors": list(organisation.sectors or []),
    }


def membership_json(membership):
    return {"organisation_id": membership.organisation_id, "user_id": membership.user_id,
            "role": membership.role, "status": membership.status}


@bp.get("/organisations")
def list_organisations():
    statement = queries.directory(request.args.get("type"), request.args.get("commune"), request.args.get("q"))
    return jsonify(paginated(statement, organisation_json))


@bp.get("/organisations/<int:organisation_id>")
def get_organisation(organisation_id):
    organisation = permissions.get_organisation_for(api_user(required=False), organisation_id)  # the whole answer
    return jsonify(organisation_json(organisation))


@bp.patch("/organisations/<int:organisation_id>")
def update_organisation(organisation_id):
    organisation = services.update_profile(api_user(), organisation_id, profile_patch)
    return jsonify(organisation_json(organisation))


def profile_patch(organisation):
    """The fields sent, validated, and the translations (run by the service once access is decided)."""
    payload = json_body()
    language = payload.get("language") if isinstance(payload.get("language"), str) else organisation.language
    translations = translations_input(payload, Organisation, language, partial=True)
    form = validated(OrganisationProfileForm, payload)
    return {**{name: form[name].data for name in payload}, "translations": translations}


@bp.post("/organisations/<int:organisation_id>/approve")
def approve_organisation(organisation_id):
    organisation = services.approve_organisation(api_user(), organisation_id)
    return jsonify(status=organisation.status)


@bp.post("/organisations/<int:organisation_id>/reject")
def reject_organisation(organisation_id):
    organisation = services.reject_organisation(
        api_user(), organisation_id, lambda _organisation: validated(RejectOrganisationForm, json_body()).reason.data)
    return jsonify(status=organisation.status)


@bp.post("/organisations/<int:organisation_id>/members/<int:user_id>/approve")
def approve_member(organisation_id, user_id):
    membership = services.approve_membership(api_user(), organisation_id, user_id)
    return jsonify(membership_json(membership))


@bp.post("/organisations/<int:organisation_id>/members/<int:user_id>/decline")
def decline_member(organisation_id, user_id):
    services.decline_membership(api_user(), organisation_id, user_id)
    return jsonify(organisation_id=organisation_id, user_id=user_id, status="declined")


# --- for GET /api/v1/openapi.json (whoever builds it merges these paths and schemas) ------------

_ID = {"name": "organisation_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_USER = {"name": "user_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_ORG = {"$ref": "#/components/schemas/Organisation"}
_STATUS = answer({"status": {"enum": ["pending", "approved", "rejected"]}})
_MEMBERSHIP = answer({"organisation_id": ID, "user_id": ID, "role": {"enum": ["admin", "member"]},
                      "status": {"const": "approved"}})
_DECLINED = answer({"organisation_id": ID, "user_id": ID, "status": {"const": "declined"}})


def _answer(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


OPENAPI_SCHEMAS = {
    "Organisation": answer({
        "id": ID, "name": {"type": "string", "maxLength": 200},
        "type": {"enum": list(ORGANISATION_TYPES.codes)},
        "status": {"enum": ["pending", "approved", "rejected"]},
        "enterprise_number": {"type": "string", "pattern": "^[01][0-9]{9}$"},
        "commune": {"enum": list(COMMUNES.codes)}, "website": {"type": "string", "maxLength": 200},
        "email": {"type": "string", "maxLength": 254}, "phone": {"type": "string", "maxLength": 40},
        "address": {"type": "string", "maxLength": 200}, "description": {"type": "string", "maxLength": 10000},
        "language": {"enum": ["nl", "fr", "en"]}, "translations": translations_schema(Organisation.TRANSLATED),
        "sie_mandated": {"type": "boolean"}, "sie_mandate_until": nullable({"type": "string", "format": "date"}),
        "sectors": {"type": "array", "items": {"type": "string"}}}),
}

OPENAPI_PATHS = {
    "/api/v1/organisations": {"get": {
        "summary": N_("Approved organisations (the partner directory), sorted by name"),
        "parameters": [{"name": "type", "in": "query", "schema": {"enum": list(ORGANISATION_TYPES.codes)}},
                       {"name": "commune", "in": "query", "schema": {"enum": list(COMMUNES.codes)}},
                       {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}},
                       *PAGE_PARAMETERS],
        "responses": {"200": _answer(page_of(_ORG)),
            "422": {"description": "unknown type or commune"}}}},
    "/api/v1/organisations/{organisation_id}": {
        "get": {"summary": N_("One organisation (approved; members see their own in any status)"),
                "parameters": [_ID], "responses": {"200": _answer(_ORG), "404": {"description": "not visible"}}},
        "patch": {"summary": N_("Change the profile"), "parameters": [_ID],
                  "security": [{"bearer": []}],
                  "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                      name: OPENAPI_SCHEMAS["Organisation"]["properties"][name] for name in (
                          "description", "language", "translations", "website", "email", "phone", "address",
                          "sie_mandated", "sie_mandate_until", "sectors")}, "additionalProperties": False}}}},
                  "responses": {"200": _answer(_ORG), "403": {"description": "not allowed"},
                                "404": {"description": "not visible"}, "422": {"description": "invalid"}}}},
    "/api/v1/organisations/{organisation_id}/approve": {"post": {
        "summary": N_("Approve a pending organisation"), "parameters": [_ID],
        "security": [{"bearer": []}], "responses": {"200": _answer(_STATUS), "403": {"description": "not allowed"},
                                                    "404": {"description": "not visible"},
                                                    "409": {"description": "already decided"}}}},
    "/api/v1/organisations/{organisation_id}/reject": {"post": {
        "summary": N_("Reject a pending organisation with a reason (mailed to its admins)"), "parameters": [_ID],
        "security": [{"bearer": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["reason"], "additionalProperties": False,
            "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 10000}}}}}},
        "responses": {"200": _answer(_STATUS), "403": {"description": "not allowed"},
                      "404": {"description": "not visible"}, "409": {"description": "already decided"},
                      "422": {"description": "no reason"}}}},
    "/api/v1/organisations/{organisation_id}/members/{user_id}/approve": {"post": {
        "summary": N_("Accept a membership request"), "parameters": [_ID, _USER],
        "security": [{"bearer": []}], "responses": {"200": _answer(_MEMBERSHIP), "403": {"description": "not allowed"},
                                                    "404": {"description": "no such request"},
                                                    "409": {"description": "already decided"}}}},
    "/api/v1/organisations/{organisation_id}/members/{user_id}/decline": {"post": {
        "summary": N_("Decline a membership request"), "parameters": [_ID, _USER],
        "security": [{"bearer": []}], "responses": {"200": _answer(_DECLINED), "403": {"description": "not allowed"},
                                                    "404": {"description": "no such request"},
                                                    "409": {"description": "not pending"}}}},
}
