"""The table of JSON endpoints with a body (API.md §2): who may call each, a body that
succeeds, and which of its fields are names/titles (200 characters) or free text (10,000).
The matrix tests read this table; a new endpoint is one row here."""
from dataclasses import dataclass, field
from datetime import date, timedelta

from tests.factories import PASSWORD
from tests.security.conftest import brussels_iso


@dataclass
class Endpoint:
    name: str
    method: str
    path: str  # format_map'ed with the world's ids: {offer}, {event}, {item}, …
    role: str | None  # the caller (a fixture name), None: anonymous
    body: callable  # world → a body that succeeds
    ok: int = 200
    titles: tuple = ()  # names and titles: at most 200 characters
    texts: tuple = ()  # free text: at most 10,000 characters
    wrong_type: tuple = ()  # (field, value of the wrong JSON type[, the field the error names])
    bad_values: tuple = ()  # (field, impossible date / unknown code / broken rule[, the field named])
    forbidden: tuple = ("id", "created_at", "is_admin", "organisation_id")
    echo: dict = field(default_factory=dict)  # field → where the answer shows it (same key; None: not shown)


def _offer_body(world):
    return {"title": "Kitchen help", "description": "You help our cooks.", "sector": "horeca",
            "function": "kitchen_help", "commune": "anderlecht", "positions": 2, "languages": ["nl", "fr"],
            "hours_per_week": 38, "start_date": "2026-12-01", "contract_type": "art60", "status": "published"}


def _candidate_body(world):
    return {"reference": "DOS-9", "first_name": "Amina", "last_initial": "B", "birth_year": 1990,
            "languages": ["fr"], "skills": "Bakery", "commune": "anderlecht",
            "available_from": date.today().isoformat(), "consent": True,
            "consent_date": (date.today() - timedelta(days=1)).isoformat(), "notes": "Note"}


def _event_body(world):
    return {"title": "Study day", "description": "A day.", "venue": "Parlement", "address": "Lombardstraat 69",
            "starts_at": brussels_iso(20, 9), "ends_at": brussels_iso(20, 16), "capacity": 50,
            "registration_deadline": brussels_iso(19, 12), "language": "nl", "status": "published"}


def _item_body(world):
    world.event  # noqa: B018  (the event's hours are 09:00–16:00, ten days ahead)
    return {"starts_at": brussels_iso(10, 10), "ends_at": brussels_iso(10, 11), "title": "Panel",
            "kind": "panel", "description": "Talk", "speakers": [{"name": "Ann", "role": "", "organisation": ""}]}


IMPOSSIBLE_DATES = ("2023-02-30", "2023-13-01", "28/06/2023", "yesterday")

ENDPOINTS = [
    Endpoint("tokens", "post", "/api/v1/tokens", None,
             lambda w: {"email": w.user("participant").email, "password": PASSWORD}, ok=201,
             wrong_type=(("email", 5), ("password", ["x"])), forbidden=("id", "is_admin", "expires_at")),
    Endpoint("signup", "post", "/api/v1/signup", None,
             lambda w: {"email": w.unique_email(), "password": "a-long-passphrase-for-tandem",
                        "name": "Nadia", "language": "fr"}, ok=201, titles=("name",),
             wrong_type=(("name", []), ("organisation", "Atelier"), ("organisation_id", "7")),
             bad_values=(("language", "de"), ("email", "not-an-address")),
             forbidden=("id", "created_at", "is_admin", "email_verified", "status", "role")),
    Endpoint("signup_organisation", "post", "/api/v1/signup", None,
             lambda w: {"email": w.unique_email("director"), "password": "a-long-passphrase-for-tandem",
                        "name": "Dora", "language": "nl",
                        "organisation": {"name": "Atelier Vert", "type": "sie", "enterprise_number": "0403.019.261",
                                         "commune": "forest-vorst"}}, ok=201,
             bad_values=(("organisation.type", "bank"), ("organisation.commune", "paris"),
                         ("organisation.enterprise_number", "0431.150.351"),
                         ("organisation.enterprise_number", "04030192²1"),
                         ("organisation.website", "javascript:alert(1)")),
             forbidden=("organisation.status", "organisation.id", "organisation.approved_at", "is_admin")),
    Endpoint("organisation_edit", "patch", "/api/v1/organisations/{sie}", "sie_admin",
             lambda w: {"description": "We train people.", "address": "Rue 1"}, titles=("address",),
             texts=("description",), wrong_type=(("sie_mandated", "yes"), ("sectors", "horeca")),
             bad_values=(("website", "javascript:alert(1)"), ("sie_mandate_until", "2023-02-30"),
                         ("sectors", ["astronaut"])),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "status", "name", "enterprise_number")),
    Endpoint("organisation_reject", "post", "/api/v1/organisations/{fresh_pending}/reject", "admin",
             lambda w: {"reason": "Not an employer."}, texts=("reason",), wrong_type=(("reason", {}),),
             forbidden=("id", "status", "organisation_id"), echo={"reason": None}),
    Endpoint("offer_create", "post", "/api/v1/offers", "sie_member", _offer_body, ok=201,
             titles=("title",), texts=("description",),
             wrong_type=(("positions", "two"), ("languages", "nl"), ("hours_per_week", 38.5), ("title", 5)),
             bad_values=tuple(("start_date", d) for d in IMPOSSIBLE_DATES) + (
                 ("sector", "astronaut"), ("function", "king"), ("commune", "paris"), ("contract_type", "slave"),
                 ("languages", ["xx"]), ("status", "filled"), ("positions", 0), ("positions", -1),
                 ("positions", 10**12), ("application_deadline", "2027-01-01"))),
    Endpoint("offer_edit", "patch", "/api/v1/offers/{offer}", "sie_member", lambda w: {"title": "Chef"},
             titles=("title",), texts=("description",), wrong_type=(("positions", "2"),),
             bad_values=(("start_date", "2023-02-30"), ("status", "archived"), ("sector", "astronaut")),
             forbidden=("id", "created_at", "updated_at", "is_admin", "organisation_id", "organisation")),
    Endpoint("candidate_create", "post", "/api/v1/candidates", "ocmw_member", _candidate_body, ok=201,
             titles=("first_name",), texts=("skills", "notes"),
             wrong_type=(("birth_year", "1990"), ("consent", "true"), ("languages", "fr")),
             bad_values=(("consent", False), ("consent_date", "2999-01-01"), ("consent_date", "2023-02-30"),
                         ("available_from", "2023-13-01"), ("commune", "paris"), ("birth_year", 1800),
                         ("last_initial", "ABCD")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "ocmw_id", "erased_at")),
    Endpoint("referral_create", "post", "/api/v1/referrals", "ocmw_member",
             lambda w: {"candidate_id": w.fresh_candidate().id, "offer_id": w.offer.id, "message": "Hi"}, ok=201,
             texts=("message",), wrong_type=(("candidate_id", "1"), ("offer_id", 1.5)),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "status", "host_id")),
    Endpoint("referral_transition", "post", "/api/v1/referrals/{fresh_referral}/transitions", "sie_member",
             lambda w: {"to": "in_review", "comment": "Looking"}, texts=("comment",),
             wrong_type=(("to", ["accepted"]), ("date", 20230628)), echo={"comment": "history.-1.comment"},
             bad_values=(("to", "hired"), ("outcome", "rich"), ("date", "2023-02-30")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "by")),
    Endpoint("referral_placement", "patch", "/api/v1/referrals/{accepted}/placement", "ocmw_member",
             lambda w: {"job_coach": "Jan", "agreement_signed_on": "2023-06-01"}, titles=("job_coach", "supervisor"),
             wrong_type=(("hours_per_week", "38"),),
             bad_values=(("agreement_signed_on", "2023-02-30"), ("planned_end", "2023-13-01"), ("hours_per_week", 0),
                         ("hours_per_week", 10**9)),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "outcome", "started_on"),
             echo={"job_coach": "placement.job_coach", "supervisor": "placement.supervisor"}),
    Endpoint("referral_note", "post", "/api/v1/referrals/{referral}/notes", "ocmw_member",
             lambda w: {"on": "2023-06-28", "text": "Called the host."}, ok=201, texts=("text",),
             wrong_type=(("on", 20230628), ("text", ["a"])), bad_values=(("on", "2023-02-30"), ("on", "2023-13-01")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "side", "author_id")),
    Endpoint("event_create", "post", "/api/v1/events", "partner_member", _event_body, ok=201,
             titles=("title", "venue", "address"), texts=("description",),
             wrong_type=(("capacity", "50"), ("co_organiser_ids", "1"), ("starts_at", 1687935600)),
             bad_values=(("starts_at", "2023-02-30T09:00:00+02:00"), ("ends_at", "2023-13-01T09:00"),
                         ("ends_at", brussels_iso(20, 8)), ("registration_deadline", brussels_iso(21, 9)),
                         ("language", "de"), ("status", "archived"), ("status", "cancelled"), ("capacity", 0),
                         ("capacity", -5), ("capacity", 10**12), ("co_organiser_ids", [999999])),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "organiser_id", "seats_taken",
                        "sequence")),
    Endpoint("event_edit", "patch", "/api/v1/events/{event}", "partner_member", lambda w: {"title": "Renamed"},
             titles=("title", "venue", "address"), texts=("description",), wrong_type=(("capacity", "5"),),
             bad_values=(("ends_at", "2000-01-01T10:00:00+01:00"), ("status", "archived"), ("capacity", 0)),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "organiser_id", "seats_taken",
                        "sequence")),
    Endpoint("agenda_create", "post", "/api/v1/events/{event}/agenda", "partner_member", _item_body, ok=201,
             titles=("title",), texts=("description",),
             wrong_type=(("speakers", "Ann"), ("kind", 1), ("moderators", [{"name": 5}], "moderators.0.name")),
             bad_values=(("kind", "party"), ("starts_at", "2023-02-30T10:00"), ("ends_at", brussels_iso(10, 9)),
                         ("starts_at", brussels_iso(10, 8), "starts_at"),
                         ("speakers", [{"name": "A", "email": "a@b.c"}], "speakers.0.email")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "event_id")),
    Endpoint("agenda_edit", "patch", "/api/v1/events/{event}/agenda/{item}", "partner_member",
             lambda w: {"title": "Welcome"}, titles=("title",), texts=("description",),
             wrong_type=(("kind", ["talk"]),), bad_values=(("kind", "party"), ("ends_at", "2000-01-01T09:00")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "event_id")),
    # #17: registrations with answers, guests, registration questions
    Endpoint("register", "post", "/api/v1/events/{event}/registrations", "participant", lambda w: {"answers": {}},
             ok=201, wrong_type=(("answers", ["x"]),), bad_values=(("answers", {"999": "x"}, "answers.999"),),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "status", "user_id")),
    Endpoint("guest_register", "post", "/api/v1/events/{event}/registrations", None,
             lambda w: {"name": "Nadia", "email": w.unique_email("guest"), "language": "fr"}, ok=202,
             titles=("name", "organisation_name"), echo={"name": None, "organisation_name": None},
             wrong_type=(("email", 5), ("answers", "x")), bad_values=(("language", "de"), ("email", "nope")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "status", "user_id")),
    Endpoint("question_create", "post", "/api/v1/events/{event}/questions", "partner_member",
             lambda w: {"label": "Dieetwensen", "kind": "text", "required": False}, ok=201, titles=("label",),
             wrong_type=(("required", "yes"), ("translations", "fr"), ("kind", ["text"])),
             bad_values=(("kind", "dropdown"), ("translations", {"nl": {"label": "x"}}, "translations.nl")),
             forbidden=("id", "created_at", "is_admin", "organisation_id", "event_id", "position")),
]

# Endpoints that take no body: whatever is sent, the body is not read, and nothing breaks.
BODYLESS = [
    ("delete", "/api/v1/tokens/current", "participant"),
    ("post", "/api/v1/organisations/{pending}/approve", "admin"),
    ("post", "/api/v1/events/{event}/cancel", "partner_member"),
    ("delete", "/api/v1/events/{event}/registrations/me", "participant"),
    ("post", "/api/v1/candidates/{candidate}/consent/revoke", "ocmw_member"),
    ("delete", "/api/v1/candidates/{candidate}", "ocmw_member"),
    ("delete", "/api/v1/events/{event}/agenda/{item}", "partner_member"),
]


def by_name(name):
    return next(e for e in ENDPOINTS if e.name == name)
