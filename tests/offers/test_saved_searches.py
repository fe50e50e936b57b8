"""Saved offer searches and their daily alerts (API.md §6.4): validated filters, the owner only,
each offer mailed once per search, safe on two machines, unsubscribe without logging in."""
from datetime import timedelta

import pytest

from portal.core.types import utcnow
from portal.extensions import db
from portal.offers import alerts, saved_searches
from portal.offers.models import OfferAlertSent, SavedSearch
from tests.referrals import builders as b

URL = "/api/v1/saved-searches"


def save(client, headers, **body):
    return client.post(URL, json={"name": "Anderlecht kitchens", **body}, headers=headers)


def test_a_search_is_saved_listed_and_deleted_by_its_owner(client, participant, ocmw_member, auth_headers):
    mine = auth_headers(participant)
    created = save(client, mine, filters={"commune": "anderlecht", "function": "kitchen_help", "q": "keuken"})
    assert created.status_code == 201, created.json
    assert created.json["filters"] == {"commune": "anderlecht", "function": "kitchen_help", "q": "keuken"}
    assert client.get(URL, headers=mine).json["items"] == [created.json]
    other = auth_headers(ocmw_member)
    assert client.get(URL, headers=other).json["items"] == []
    assert client.delete(f"{URL}/{created.json['id']}", headers=other).status_code == 404
    assert db.session.query(SavedSearch).count() == 1
    assert client.delete(f"{URL}/{created.json['id']}", headers=mine).status_code == 204
    assert db.session.query(SavedSearch).count() == 0


@pytest.mark.parametrize("body, field", [
    ({"filters": {"commune": "paris"}}, "filters.commune"),
    ({"filters": {"colour": "blue"}}, "filters.colour"),
    ({"filters": {"status": "draft"}}, "filters.status"),
    ({"filters": {"commune": 3}}, "filters"),
    ({"filters": ["anderlecht"]}, "filters"),
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"owner": 1}, "owner"),
])
def test_bad_input_is_422_and_saves_nothing(client, participant, auth_headers, body, field):
    response = save(client, auth_headers(participant), **body)
    assert response.status_code == 422 and field in response.json["error"]["fields"], response.json
    assert db.session.query(SavedSearch).count() == 0


def test_without_a_token_it_is_401(client):
    assert client.get(URL).status_code == 401 and client.post(URL, json={"name": "x"}).status_code == 401


def _search(user, **filters):
    return saved_searches.save_search(user, {"name": "Mine", "filters": filters})


def test_alerts_mail_each_new_matching_offer_once(runner, participant, host_member, mailbox):
    b.offer(host_member, title="Before the search", commune="anderlecht")
    search = _search(participant, commune="anderlecht")
    first = b.offer(host_member, title="Keukenhulp Anderlecht", commune="anderlecht")
    b.offer(host_member, title="Elsewhere", commune="uccle-ukkel")
    draft = b.offer(host_member, title="Later published", commune="anderlecht", status="draft")
    mailbox.clear()
    assert "1 alert mail(s) sent." in runner.invoke(args=["send-offer-alerts"]).output
    [message] = mailbox
    body = message.get_body(("plain",)).get_content()
    assert message.envelope_recipients == [participant.email]
    assert "Keukenhulp Anderlecht" in body and f"/offers/{first.id}" in body
    assert "Before the search" not in body and "Elsewhere" not in body and "Later published" not in body
    assert "/saved-searches/unsubscribe/" in body
    assert "0 alert mail(s) sent." in runner.invoke(args=["send-offer-alerts"]).output  # nothing new
    from portal.offers import services as offer_services

    offer_services.change_offer_status(host_member, draft.id, "published")
    mailbox.clear()
    runner.invoke(args=["send-offer-alerts"])
    [message] = mailbox
    assert "Later published" in message.get_body(("plain",)).get_content()
    assert "Keukenhulp Anderlecht" not in message.get_body(("plain",)).get_content()
    assert {row.offer_id for row in db.session.query(OfferAlertSent).filter_by(saved_search_id=search.id)} == {
        first.id, draft.id}


def test_a_window_is_claimed_by_one_run_only(participant, host_member):
    search = _search(participant)
    previous, now = search.alerted_until, utcnow()
    assert alerts.claim_window(search.id, previous, now) is True
    assert alerts.claim_window(search.id, previous, now + timedelta(seconds=1)) is False  # the other machine
    db.session.commit()


def test_an_offer_already_recorded_for_the_search_is_not_sent_again(participant, host_member, mailbox):
    search = _search(participant)
    offer = b.offer(host_member)
    db.session.add(OfferAlertSent(saved_search_id=search.id, offer_id=offer.id, sent_at=utcnow()))
    db.session.commit()
    mailbox.clear()
    assert alerts.send_offer_alerts() == [] and not mailbox


def test_the_unsubscribe_link_works_without_logging_in(client, participant, app):
    search = _search(participant)
    token = saved_searches.unsubscribe_token(search)
    page = client.get(f"/saved-searches/unsubscribe/{token}?lang=en")
    assert page.status_code == 200 and "Mine" in page.get_data(as_text=True)
    assert db.session.query(SavedSearch).count() == 1  # GET only asks
    assert client.get(f"/saved-searches/unsubscribe/{token[:-2]}xx").status_code == 404  # forged
    import re

    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)
    done = client.post(f"/saved-searches/unsubscribe/{token}?lang=en", data={"csrf_token": csrf})
    assert done.status_code == 200 and "no longer receive" in done.get_data(as_text=True)
    assert db.session.query(SavedSearch).count() == 0
    assert client.get(f"/saved-searches/unsubscribe/{token}").status_code == 404


def test_save_from_the_offers_page_and_delete_from_the_profile(client, login, participant, csrf_token):
    login(participant)
    page = client.get("/offers?commune=anderlecht&lang=en").get_data(as_text=True)
    assert "Save this search" in page
    token = csrf_token("/offers")
    client.post("/saved-searches", data={"csrf_token": token, "name": "Anderlecht", "commune": "anderlecht"})
    search = db.session.query(SavedSearch).one()
    assert search.filters == {"commune": "anderlecht"} and search.user_id == participant.id
    profile = client.get("/profile?lang=en").get_data(as_text=True)
    assert "My saved searches" in profile and "Anderlecht" in profile
    client.post(f"/saved-searches/{search.id}/delete", data={"csrf_token": token})
    assert db.session.query(SavedSearch).count() == 0


def test_visitors_see_no_save_button(client):
    assert "Save this search" not in client.get("/offers?lang=en").get_data(as_text=True)


def test_two_alert_runs_at_once_mail_each_offer_once(app, participant, host_member, mailbox):
    from tests.races import other_run_first

    search = _search(participant)
    offer = b.offer(host_member)
    mailbox.clear()

    def run():
        return [(s.id, [o.id for o in offers]) for s, offers in alerts.send_offer_alerts()]

    with other_run_first(app, "UPDATE saved_searches SET alerted_until", run) as other:
        this = run()
    assert other == [[(search.id, [offer.id])]] and this == []
    assert [m["To"] for m in mailbox] == [participant.email]
    assert db.session.query(OfferAlertSent).count() == 1
