"""A study day published in Dutch and French: a French-speaking participant sees, receives and
subscribes to it in French from end to end; everyone else falls back to the Dutch text, marked
with its language (API.md §6.2, WCAG 3.1.2)."""
import subprocess

import icalendar
from markupsafe import escape

from portal.accounts.feed_tokens import feed_token
from portal.events import services
from tests import factories
from tests.events import helpers
from tests.events.test_ical import CHECK_ICS, parse

FR = {"title": "Collaboration CPAS et entreprises d'insertion", "description": "Une journée d'étude sur l'article 60.",
      "venue": "Parlement bruxellois"}
ITEM_FR = {"title": "Accueil", "description": "Café et croissants", "speaker_roles": ["présidente"]}


def bilingual_day(organiser):
    event = helpers.event(organiser, title="Samenwerking OCMW's en SIE's", description="Een studiedag over artikel 60.",
                          venue="Brussels Parlement", translations={"fr": FR})
    item = helpers.agenda_item(event, 0, 30, title="Verwelkoming", description="Koffie",
                               speakers=[{"name": "An Peeters", "role": "voorzitter", "organisation": "FeBISP"}])
    item.translations = {"fr": ITEM_FR}
    from portal.extensions import db

    db.session.commit()
    return event


def page(client, path, language):
    return client.get(path, headers={"Accept-Language": language}).get_data(as_text=True)


def test_the_page_is_in_french_for_a_french_reader(client, partner):
    event = bilingual_day(partner)
    html = page(client, f"/events/{event.id}", "fr")
    assert '<html lang="fr">' in html
    for text in (FR["title"], FR["description"], FR["venue"], "Accueil", "Café et croissants", "présidente"):
        assert str(escape(text)) in html
    assert "Verwelkoming" not in html and "voorzitter" not in html
    content = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'lang="nl"' not in content  # everything shown is in the page's language


def test_the_page_is_in_dutch_for_a_dutch_reader(client, partner):
    event = bilingual_day(partner)
    html = page(client, f"/events/{event.id}", "nl")
    assert "Samenwerking OCMW&#39;s en SIE&#39;s" in html and "Verwelkoming" in html and FR["title"] not in html


def test_an_english_reader_falls_back_to_the_events_language_marked_as_dutch(client, partner):
    event = bilingual_day(partner)
    html = page(client, f"/events/{event.id}", "en")
    assert '<span lang="nl">Samenwerking OCMW&#39;s en SIE&#39;s</span>' in html
    assert '<div class="panel" lang="nl"><p>Een studiedag over artikel 60.</p></div>' in html
    assert '<span lang="nl">Verwelkoming</span>' in html


def test_the_list_shows_each_title_in_the_readers_language(client, partner):
    bilingual_day(partner)
    assert str(escape(FR["title"])) in page(client, "/events", "fr")
    assert '<span lang="nl">Samenwerking' in page(client, "/events", "en")


def test_the_ics_follows_lang_and_each_language_has_its_own_etag(client, partner, tmp_path):
    event = bilingual_day(partner)
    french = client.get(f"/events/{event.id}.ics?lang=fr&detail=agenda")
    dutch = client.get(f"/events/{event.id}.ics?lang=nl&detail=agenda")
    plain = client.get(f"/events/{event.id}.ics?detail=agenda")
    vevents = parse(french.data).walk("VEVENT")
    assert vevents[0]["SUMMARY"] == FR["title"]
    assert vevents[0]["LOCATION"].startswith(FR["venue"])
    assert FR["description"] in vevents[0]["DESCRIPTION"] and "Accueil" in vevents[0]["DESCRIPTION"]
    assert "présidente" in vevents[0]["DESCRIPTION"]
    assert vevents[1]["SUMMARY"] == f"Accueil — {FR['title']}"
    assert parse(dutch.data).walk("VEVENT")[0]["SUMMARY"] == "Samenwerking OCMW's en SIE's"
    assert plain.data == dutch.data  # without ?lang=: the event's own language, as before
    assert french.headers["ETag"] != dutch.headers["ETag"]
    again = client.get(f"/events/{event.id}.ics?lang=fr&detail=agenda",
                       headers={"If-None-Match": french.headers["ETag"]})
    assert again.status_code == 304
    (tmp_path / "fr.ics").write_bytes(french.data)
    result = subprocess.run([str(CHECK_ICS), str(tmp_path / "fr.ics")], capture_output=True, text=True,  # noqa: S603
                            timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_feed_follows_lang(client, partner):
    bilingual_day(partner)
    french = client.get("/calendar/events.ics?lang=fr")
    assert parse(french.data).walk("VEVENT")[0]["SUMMARY"] == FR["title"]
    dutch = client.get("/calendar/events.ics?lang=nl")
    assert parse(dutch.data).walk("VEVENT")[0]["SUMMARY"] != FR["title"]
    assert french.headers["ETag"] != dutch.headers["ETag"]


def test_a_french_participant_is_mailed_and_subscribed_in_french(client, partner, mailbox):
    event = bilingual_day(partner)
    french = factories.user("marie@example.test", name="Marie Dubois", language="fr")
    dutch = factories.user("jan@example.test", name="Jan Peeters", language="nl")
    services.register(french, event.id)
    services.register(dutch, event.id)
    by_language = {}
    for message in mailbox:
        body = message.get_body(("plain",)).get_content()
        by_language["fr" if "Bonjour" in body or "Marie" in body else "nl"] = (message, body)
    message, body = by_language["fr"]
    assert FR["title"] in message["Subject"] and FR["title"] in body and FR["venue"] in body
    invitation = next(part for part in message.iter_attachments())
    assert icalendar.Calendar.from_ical(invitation.get_payload(decode=True)).walk("VEVENT")[0]["SUMMARY"] == FR["title"]
    message, body = by_language["nl"]
    assert "Samenwerking" in message["Subject"] and FR["title"] not in body
    feed = client.get(f"/calendar/{feed_token(french)}.ics")
    assert parse(feed.data).walk("VEVENT")[0]["SUMMARY"] == FR["title"]


def test_a_cancellation_is_mailed_in_each_recipients_language(partner, moderator, mailbox):
    event = bilingual_day(partner)
    french = factories.user("marie@example.test", name="Marie Dubois", language="fr")
    services.register(french, event.id)
    mailbox.clear()
    organiser = factories.member(partner, "orga@trace.test")
    services.cancel_event(organiser, event.id)
    [message] = mailbox
    assert FR["title"] in message["Subject"]
    assert FR["title"] in message.get_body(("plain",)).get_content()


def test_the_organiser_is_told_what_is_missing_in_french(client, partner, login):
    organiser = factories.member(partner, "orga@trace.test")
    event = helpers.event(partner)
    login(organiser)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Missing in Français" in html
    event.translations = {"fr": {"title": "Titre"}}
    from portal.extensions import db

    db.session.commit()
    assert "Missing in Français" not in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_the_kept_pages_are_kept_per_language(client, partner):
    """The visitors' page cache (core/cache.py) keys by language: nobody gets another's text."""
    event = bilingual_day(partner)
    for _ in range(2):  # the second round is served from the cache
        assert str(escape(FR["title"])) in page(client, f"/events/{event.id}", "fr")
        dutch = page(client, f"/events/{event.id}", "nl")
        assert "Samenwerking" in dutch and str(escape(FR["title"])) not in dutch


def test_a_new_translation_shows_at_once_on_the_kept_page(client, partner, moderator, auth_headers):
    event = bilingual_day(partner)
    assert "Nouveau" not in page(client, f"/events/{event.id}", "fr")
    organiser = factories.member(partner, "orga@trace.test")
    services.update_event(organiser, event.id, {"translations": {"fr": {"title": "Nouveau titre"}}})
    assert "Nouveau titre" in page(client, f"/events/{event.id}", "fr")
