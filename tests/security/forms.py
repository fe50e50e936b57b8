"""The table of HTML forms: where each posts, who fills it in, form data that succeeds, and
its name/title (200) and free-text (10,000) fields. Read by test_forms.py."""
from dataclasses import dataclass
from datetime import date, timedelta

from tests.security.conftest import brussels_iso


@dataclass
class PageForm:
    name: str
    path: str  # format_map'ed with the world's ids
    role: str | None
    data: callable  # world → form data that succeeds
    titles: tuple = ()
    texts: tuple = ()
    dates: tuple = ()  # date fields: impossible dates must be refused
    shows: bool = True  # the page reached after posting shows the text fields back
    prefixed: bool = False  # field names carry the record's id: org<id>-reason


def _local(days, hour):
    return brussels_iso(days, hour)[:16]  # what a datetime-local input sends


def _offer(world):
    return {"title": "Kitchen help", "description": "Cooking", "sector": "horeca", "function": "kitchen_help",
            "commune": "anderlecht", "positions": "2", "languages": "nl", "hours_per_week": "38",
            "start_date": "2026-12-01", "contract_type": "art60", "status": "published"}


def _candidate(world, consent=True):
    data = {"reference": "DOS-P", "first_name": "Amina", "last_initial": "B", "birth_year": "1990",
            "languages": "fr", "skills": "Bakery", "commune": "anderlecht", "available_from": date.today().isoformat(),
            "notes": "Private"}
    if consent:
        data.update(consent="y", consent_date=(date.today() - timedelta(days=1)).isoformat())
    return data


def _event(world):
    return {"title": "Study day", "description": "A day", "venue": "Parlement", "address": "Lombardstraat 69",
            "starts_at": _local(20, 9), "ends_at": _local(20, 16), "capacity": "50",
            "registration_deadline": _local(19, 12), "language": "nl", "status": "published"}


PAGE_FORMS = [
    PageForm("organisation_edit", "/organisations/{sie}/edit", "sie_admin",
             lambda w: {"description": "We train people", "address": "Rue 1"}, titles=("address",),
             texts=("description",), dates=("sie_mandate_until",)),
    PageForm("organisation_reject", "/organisations/{fresh_pending}/reject", "admin",
             lambda w: {"reason": "Not an employer."}, texts=("reason",), shows=False, prefixed=True),
    PageForm("offer_new", "/offers/new", "sie_member", _offer, titles=("title",), texts=("description",),
             dates=("start_date", "application_deadline")),
    PageForm("offer_edit", "/offers/{offer}/edit", "sie_member", _offer, titles=("title",), texts=("description",),
             dates=("start_date",)),
    PageForm("candidate_new", "/candidates/new", "ocmw_member", _candidate, titles=("first_name",),
             texts=("skills", "notes"), dates=("available_from", "consent_date")),
    PageForm("candidate_edit", "/candidates/{candidate}/edit", "ocmw_member", lambda w: _candidate(w, consent=False),
             titles=("first_name",), texts=("skills", "notes"), dates=("available_from",)),
    PageForm("referral_new", "/referrals", "ocmw_member",
             lambda w: {"candidate_id": str(w.fresh_candidate().id), "offer_id": str(w.offer.id), "message": "Hi"},
             texts=("message",)),
    PageForm("referral_move", "/referrals/{fresh_referral}/transitions", "sie_member",
             lambda w: {"to": "in_review", "comment": "Looking"}, texts=("comment",), dates=("date",)),
    PageForm("referral_placement", "/referrals/{accepted}/placement", "ocmw_member",
             lambda w: {"job_coach": "Jan", "supervisor": "Ann", "agreement_signed_on": "2023-06-01"},
             titles=("job_coach", "supervisor"), dates=("agreement_signed_on", "planned_end")),
    PageForm("referral_note", "/referrals/{referral}/notes", "ocmw_member",
             lambda w: {"on": "2023-06-28", "text": "Called"}, texts=("text",), dates=("on",)),
    PageForm("event_new", "/events/new", "partner_member", _event, titles=("title", "venue", "address"),
             texts=("description",)),
    PageForm("event_edit", "/events/{event}/edit", "partner_member", _event, titles=("title", "venue", "address"),
             texts=("description",)),
    PageForm("agenda_item", "/events/{event}/agenda", "partner_member",
             lambda w: {"starts_at": _local(10, 10), "ends_at": _local(10, 11), "title": "Panel", "kind": "panel",
                        "description": "Talk", "speakers": "Ann | Chair | FeBISP", "moderators": ""},
             titles=("title",), texts=("description",)),
    PageForm("event_message", "/events/{event}/message", "partner_member",
             lambda w: {"subject": "Practical", "body": "Bring your ID."}, titles=("subject",), texts=("body",),
             shows=False),
    PageForm("accessibility", "/accessibility", None,
             lambda w: {"page": "/events", "description": "The map has no text.", "email": ""},
             titles=("page",), texts=("description",), shows=False),
]

