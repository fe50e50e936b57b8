"""The home page shows what is happening: the next study days and the newest offers (never a
draft), in a fixed number of queries, and is kept for visitors like the other pages."""
from portal.core import cache
from portal.extensions import db
from portal.offers.models import Offer
from tests.events import helpers as event_helpers
from tests.referrals import builders


def home(client, count_queries=None):
    db.session.expunge_all()
    if count_queries is None:
        response = client.get("/")
        assert response.status_code == 200
        return response.get_data(as_text=True)
    with count_queries() as statements:
        assert client.get("/").status_code == 200
    return len(statements)


def test_home_shows_the_next_study_days_and_the_newest_offers(client, public_world):
    html = home(client)
    assert "Next study days" in html and "Samenwerking OCMW&#39;s en SIE&#39;s" in html
    assert "Newest offers" in html and "Kitchen help in a social restaurant" in html
    assert "Draft day" not in html and "Secret draft offer" not in html


def test_home_shows_three_of_each_soonest_and_newest_first(client, app, federation, sie_member):
    for days in (30, 5, 20, 10):
        event_helpers.event(organiser=federation, title=f"Day in {days} days", days_ahead=days)
    with app.test_request_context():
        for n in range(4):
            builders.offer(sie_member, title=f"Offer number {n}")
    html = home(client)
    assert html.index("Day in 5 days") < html.index("Day in 10 days") < html.index("Day in 20 days")
    assert "Day in 30 days" not in html
    assert "Offer number 3" in html and "Offer number 0" not in html


def test_home_runs_a_fixed_number_of_queries(client, app, federation, sie_member, count_queries):
    app.config["CACHE_ENABLED"] = False  # measure the page itself, not the cache
    event_helpers.event(organiser=federation, days_ahead=9)
    with app.test_request_context():
        builders.offer(sie_member, title="The first offer")
    few = home(client, count_queries)
    for days in range(1, 8):
        event_helpers.event(organiser=db.session.merge(federation), days_ahead=days)
    with app.test_request_context():
        for n in range(6):
            builders.offer(db.session.merge(sie_member), title=f"Offer {n}")
    assert home(client, count_queries) == few
    assert few <= 4  # the two lists, the offers' organisations, nothing per row


def test_home_is_kept_for_visitors_until_the_data_changes(client, public_world, count_queries):
    offer_id = public_world["offer"].id
    cache.clear()
    home(client)
    assert home(client, count_queries) <= 1  # the data-version counters at most
    db.session.get(Offer, offer_id).title = "A renamed offer"
    db.session.commit()
    assert "A renamed offer" in home(client)
