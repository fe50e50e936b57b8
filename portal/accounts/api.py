"""/api/v1 routes of the accounts domain: tokens, sign-up, and the caller's own account."""
from flask import g
from flask_babel import gettext as _

from portal.accounts import services
from portal.accounts.forms import CredentialsForm, SignupForm
from portal.accounts.views import signup_limited
from portal.api import api_user, bp
from portal.api.guide import N_
from portal.api.inputs import json_body, validated
from portal.api.serialise import iso_datetime
from portal.api.spec import DATETIME, ID, answer, nullable
from portal.core.choices import COMMUNES
from portal.core.errors import Invalid


def serialise_me(user):
    """The account as GET /api/v1/me shows it (never a hash, secret or token)."""
    membership = user.membership
    organisation = None
    if membership is not None:
        org = membership.organisation
        organisation = {
            "id": org.id, "name": org.name, "type": org.type, "status": org.status,
            "role": membership.role, "membership_status": membership.status,
        }
    https_url, _webcal = services.feed_links(user)
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "is_admin": bool(user.is_admin),
        "email_verified": user.is_verified,
        "organisation": organisation,
        "calendar_feed_url": https_url,
    }


@bp.post("/tokens")
def create_token():
    form = validated(CredentialsForm, json_body())
    raw, token = services.issue_api_token(form.email.data, form.password.data)
    return {"token": raw, "expires_at": iso_datetime(token.expires_at)}, 201


@bp.delete("/tokens/current")
def revoke_current_token():
    api_user(required=True)
    services.revoke_api_token(g.api_token)
    return "", 204


@bp.get("/me")
def me():
    return serialise_me(api_user(required=True))


@bp.post("/signup")
@signup_limited
def signup():
    payload = json_body()
    wants_new = payload.get("organisation") is not None
    wants_join = payload.get("organisation_id") is not None
    if wants_new and wants_join:
        raise Invalid(fields={"organisation_id": [_("Send either organisation or organisation_id, not both.")]})
    kind = "organisation" if wants_new else "join" if wants_join else "participant"
    form = validated(SignupForm, payload, kind=kind)
    user = services.signup({
        "email": form.email.data, "password": form.password.data, "name": form.name.data,
        "language": form.language.data, "kind": kind,
        "organisation": form.organisation.data if wants_new else None,
        "organisation_id": form.organisation_id.data if wants_join else None,
    })
    return serialise_me(user), 201


# --- for GET /api/v1/openapi.json (whoever builds it merges these paths and schemas) ------------

def _answer(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema):
    return {"required": True, "content": {"application/json": {"schema": schema}}}


_ERROR = {"description": "see the error format of API.md §2"}
_NEW_ORGANISATION = {
    "type": "object", "additionalProperties": False, "required": ["name", "type", "enterprise_number", "commune"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "type": {"enum": ["ocmw", "sie", "host", "federation", "partner"]},
        "enterprise_number": {"type": "string", "description": "KBO/BCE, e.g. 0403.019.261"},
        "commune": {"enum": list(COMMUNES.codes)},
        "website": {"type": "string", "format": "uri", "maxLength": 200},
    },
}

OPENAPI_SCHEMAS = {
    "Me": answer({
        "id": ID, "email": {"type": "string"}, "name": {"type": "string"},
        "language": {"enum": ["nl", "fr", "en"]}, "is_admin": {"type": "boolean"},
        "email_verified": {"type": "boolean"},
        "organisation": nullable(answer({
            "id": ID, "name": {"type": "string"},
            "type": {"enum": ["ocmw", "sie", "host", "federation", "partner"]},
            "status": {"enum": ["pending", "approved", "rejected"]}, "role": {"enum": ["admin", "member"]},
            "membership_status": {"enum": ["pending", "approved"]}})),
        "calendar_feed_url": {"type": "string", "format": "uri", "description": "absolute, on PORTAL_BASE_URL"}}),
}

OPENAPI_PATHS = {
    "/api/v1/tokens": {"post": {
        "summary": N_("A bearer token for an e-mail and password (verified accounts)"),
        "requestBody": _body({"type": "object", "required": ["email", "password"], "additionalProperties": False,
                              "properties": {"email": {"type": "string"}, "password": {"type": "string"}}}),
        "responses": {"201": _answer(answer({"token": {"type": "string", "minLength": 20}, "expires_at": DATETIME}),
                                     "Created"),
            "400": _ERROR, "401": _ERROR, "422": _ERROR, "429": _ERROR}}},
    "/api/v1/tokens/current": {"delete": {
        "summary": N_("Revoke the token used for this request"), "security": [{"bearer": []}],
        "responses": {"204": {"description": "revoked"}, "401": _ERROR}}},
    "/api/v1/me": {"get": {
        "summary": N_("The caller's account"), "security": [{"bearer": []}],
        "responses": {"200": _answer({"$ref": "#/components/schemas/Me"}), "401": _ERROR}}},
    "/api/v1/signup": {"post": {
        "summary": N_("Create an account: with a new pending organisation, a request to join one, or neither"),
        "requestBody": _body({
            "type": "object", "required": ["email", "password", "name", "language"], "additionalProperties": False,
            "properties": {
                "email": {"type": "string", "format": "email", "maxLength": 254},
                "password": {"type": "string", "minLength": 10},
                "name": {"type": "string", "minLength": 1, "maxLength": 200},
                "language": {"enum": ["nl", "fr", "en"]},
                "organisation": _NEW_ORGANISATION,
                "organisation_id": {"type": "integer", "description": "an approved organisation to ask to join"},
            }}),
        "responses": {"201": _answer({"$ref": "#/components/schemas/Me"}, "Created"),
                      "400": _ERROR, "422": _ERROR, "429": _ERROR}}},
}
