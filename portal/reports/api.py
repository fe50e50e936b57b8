"""/api/v1 routes of the reports domain (API.md "Reports")."""
from flask import request

from portal.api import api_user, bp
from portal.api.guide import N_
from portal.reports import queries


@bp.get("/reports/placements")
def api_placement_report():
    """The yearly placement figures of one organisation (hosted placements) or the network."""
    return queries.placement_report(api_user(), request.args.get("year"), request.args.get("organisation_id"))


# --- for GET /api/v1/openapi.json (whoever builds it merges these paths and schemas) ------------

def _counts(codes, nullable):
    count = {"type": ["integer", "null"] if nullable else "integer", "minimum": 0}
    return {"type": "object", "properties": {code: count for code in codes}, "additionalProperties": False}


def _report_schema():
    from portal.core.choices import CLOSE_REASONS, FUNCTIONS, OUTCOMES

    count = {"type": ["integer", "null"], "minimum": 0,
             "description": "null in the network view when under 5 (small-number suppression)"}
    return {"type": "object", "additionalProperties": False,
            "required": ["year", "organisation_id", "supported", "started", "ended",
                         "ended_by_outcome", "hired", "by_function", "declined_by_reason",
                         "broken_off_by_reason", "suppressed"],
            "properties": {
                "year": {"type": "integer"},
                "organisation_id": {"type": ["integer", "null"], "description": "null: the network view"},
                "supported": {**count, "description": "placements in status started/ended whose working period "
                                                      "overlaps the year"},
                "started": {**count, "description": "placements started within the year"},
                "ended": {**count, "description": "placements ended within the year"},
                "ended_by_outcome": {**_counts(OUTCOMES.codes, True), "description": "`ended` by outcome code"},
                "hired": {**count, "description": "placements ended within the year with outcome `hired`"},
                "by_function": {**_counts(FUNCTIONS.codes, True),
                                "description": "`hired` by function code: the jobs people were hired into"},
                "declined_by_reason": {**_counts(CLOSE_REASONS.codes, True),
                                       "description": "referrals declined within the year, by reason code"},
                "broken_off_by_reason": {**_counts(CLOSE_REASONS.codes, True),
                                         "description": "placements ended within the year with outcome "
                                                        "`broken_off`, by reason code"},
                "suppressed": {"type": "boolean", "description": "true when a count was returned as null"}}}


OPENAPI_SCHEMAS = {"PlacementReport": _report_schema()}

OPENAPI_PATHS = {
    "/api/v1/reports/placements": {"get": {
        "summary": N_("Yearly placement figures of the placements hosted by one organisation, or of the network"),
        "security": [{"bearer": []}],
        "parameters": [
            {"name": "year", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 2000}},
            {"name": "organisation_id", "in": "query", "required": False, "schema": {"type": "integer"},
             "description": "left out: the network view (platform admins and federation moderators only)"}],
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/PlacementReport"}}}},
            "401": {"description": "no or bad token"},
            "403": {"description": "the network view, for someone who is not an admin or moderator"},
            "404": {"description": "unknown organisation, or not yours"},
            "422": {"description": "year missing, malformed or out of range (fields.year)"}}}},
}
