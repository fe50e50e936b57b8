"""A small network with one record of each kind, and a bearer token per role, for the API-wide tests."""
from dataclasses import dataclass, field
from datetime import date

from portal.extensions import db
from portal.organisations.models import Membership
from tests import factories
from tests.events import helpers as events
from tests.referrals import builders

ROLES = ("anonymous", "participant", "ocmw_member", "sie_member", "moderator", "admin")


@dataclass
class World:
    users: dict
    ids: dict = field(default_factory=dict)

    def headers(self, role):
        """A fresh token each time: DELETE /tokens/current may have revoked the last one."""
        if role == "anonymous":
            return {}
        return {"Authorization": f"Bearer {factories.api_token(self.users[role])}"}


def build_world():
    federation = factories.organisation("FeBISP", "federation")
    ocmw = factories.organisation("OCMW Anderlecht", "ocmw", commune="anderlecht")
    sie = factories.organisation("Casablanco vzw", "sie", commune="anderlecht")
    pending = factories.organisation("Nieuw vzw", "host", status="pending")
    users = {
        "participant": factories.user("participant@example.test", name="Pat Participant"),
        "ocmw_member": factories.member(ocmw, "worker@ocmw.test", role="admin"),
        "sie_member": factories.member(sie, "director@sie.test", role="admin"),
        "moderator": factories.member(federation, "moderator@febisp.test", role="admin"),
        "admin": factories.user("admin@tandem.test", is_admin=True, name="Platform Admin"),
    }
    factories.member(pending, "founder@nieuw.test", role="admin")
    applicant = factories.user("applicant@example.test")
    db.session.add(Membership(user=applicant, organisation=sie, role="member", status="pending"))
    db.session.commit()

    ocmw_user, sie_user = users["ocmw_member"], users["sie_member"]
    published = builders.offer(sie_user)
    draft = builders.offer(sie_user, status="draft", title="A draft")
    candidate = builders.candidate(ocmw_user)
    submitted = builders.referral(ocmw_user, candidate, published)
    accepted = builders.referral(ocmw_user, builders.candidate(ocmw_user, first_name="Bert"), published)
    builders.move(sie_user, accepted, "accepted")
    builders.move(sie_user, accepted, "started", date=date(2026, 1, 5))
    event = events.event(organiser=federation, capacity=2)
    item = events.agenda_item(event)
    draft_event = events.event(organiser=federation, status="draft", title="Draft day")
    from portal.events import services as event_services

    event_services.register(users["participant"], event.id)
    world = World(users=users)
    world.ids = {
        "organisation_id": [ocmw.id, sie.id, pending.id, federation.id],
        "user_id": [applicant.id, users["participant"].id],
        "offer_id": [published.id, draft.id],
        "candidate_id": [candidate.id],
        "referral_id": [submitted.id, accepted.id],
        "event_id": [event.id, draft_event.id],
        "item_id": [item.id],
    }
    return world
