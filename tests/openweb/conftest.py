"""A small public world: an approved organiser with a published and a draft study day, an SIE
with a published and a draft offer, and a pending organisation — what crawlers may and may not
see."""
import pytest

from tests import factories
from tests.events import helpers as event_helpers
from tests.referrals import builders


@pytest.fixture
def public_world(app, federation, sie_member):
    with app.test_request_context():
        published_offer = builders.offer(sie_member, title="Kitchen help in a social restaurant")
        draft_offer = builders.offer(sie_member, title="Secret draft offer", status="draft")
    return {
        "organiser": federation,
        "event": event_helpers.event(organiser=federation, title="Samenwerking OCMW's en SIE's"),
        "draft_event": event_helpers.event(organiser=federation, title="Draft day", status="draft"),
        "offer": published_offer, "draft_offer": draft_offer,
        "sie": sie_member.membership.organisation,
        "pending": factories.organisation("Pending vzw", "host", status="pending"),
    }
