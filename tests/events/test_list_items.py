"""Study-day list items (portal/events/list_items.py): each kept per state of its event, so a
change re-renders that one item and every list shows it at once."""
import pytest

from portal.events import list_items, services
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.events import helpers


@pytest.fixture
def rendered(monkeypatch):
    """The titles of the items rendered (not taken from the kept ones)."""
    titles = []
    original = list_items._render

    def counting(event, now):
        titles.append(event.title)
        return original(event, now)

    monkeypatch.setattr(list_items, "_render", counting)
    return titles


def listing(client):
    response = client.get("/events?lang=en")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_change_re_renders_its_own_item_only(client, admin, partner, participant, rendered):
    first = helpers.event(partner, title="Eerste studiedag", capacity=2).id
    helpers.event(partner, title="Tweede studiedag")
    listing(client)
    assert sorted(rendered) == ["Eerste studiedag", "Tweede studiedag"]
    rendered.clear()
    services.register(db.session.merge(participant), first)
    assert "1 of 2 seats left" in listing(client)
    services.update_event(admin, first, {"title": "Andere titel"})
    body = listing(client)
    assert "Andere titel" in body and "Eerste studiedag" not in body
    assert rendered == ["Eerste studiedag", "Andere titel"]  # the registration, then the edit


def test_a_renamed_organiser_re_renders_every_item(client, partner, rendered):
    helpers.event(partner, title="Studiedag")
    listing(client)
    db.session.get(Organisation, partner.id).name = "Nieuwe naam"
    db.session.commit()
    assert "Organised by Nieuwe naam" in listing(client)
    assert rendered == ["Studiedag", "Studiedag"]
