"""What Lighthouse's SEO audits check, page by page, without running Lighthouse: a document
title, a meta description in the page's language, valid hreflang alternates, descriptive and
crawlable links; and the Open Graph tags a shared link is previewed with."""
import io
import re

import pytest
from PIL import Image

from tests.openweb.page import Page

BASE = "http://localhost"  # PORTAL_BASE_URL of the testing configuration
# Lighthouse's list of link texts that say nothing, and their Dutch and French equivalents
GENERIC_LINK_TEXTS = {"click here", "click this", "go", "here", "this", "start", "right here", "more", "learn more",
                      "read more", "hier", "klik hier", "meer", "lees meer", "ici", "cliquez ici", "plus",
                      "en savoir plus"}


def public_pages(world):
    return {
        "home": "/", "events": "/events", "event": f"/events/{world['event'].id}", "offers": "/offers",
        "offer": f"/offers/{world['offer'].id}", "organisations": "/organisations",
        "organisation": f"/organisations/{world['organiser'].id}", "login": "/login", "signup": "/signup",
        "accessibility": "/accessibility", "api-docs": "/api/docs",
    }


def fetch(client, path, lang):
    response = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    assert response.status_code == 200, path
    return Page(response.get_data(as_text=True))


def test_every_public_page_has_a_title_and_a_description_in_its_language(client, public_world):
    for name, path in public_pages(public_world).items():
        dutch, french = fetch(client, path, "nl"), fetch(client, path, "fr")
        for page, lang in ((dutch, "nl"), (french, "fr")):
            assert page.lang == lang
            assert page.title.strip(), name
            assert len(page.one("description").strip()) >= 30, name
        assert dutch.one("description") != french.one("description"), f"{name}: not translated"


def test_descriptions_say_what_the_page_is_about(client, public_world):
    event = fetch(client, f"/events/{public_world['event'].id}", "fr").one("description")
    assert event.startswith("Journée d'étude le ") and "FeBISP" in event and "Brussels Parlement" in event
    offer = fetch(client, f"/offers/{public_world['offer'].id}", "nl").one("description")
    assert offer.startswith("Tewerkstellingsaanbod van Casablanco vzw in Anderlecht")


def test_hreflang_alternates_name_every_language_and_x_default(client, public_world):
    for name, path in public_pages(public_world).items():
        page = fetch(client, path, "fr")
        alternates = page.alternates()
        assert set(alternates) == {"nl", "fr", "en", "x-default"}, name
        for code, href in alternates.items():
            assert href.startswith(BASE + path.split("?")[0]), (name, href)  # absolute, on PORTAL_BASE_URL
            if code == "x-default":
                assert "lang=" not in href
            else:
                assert href.endswith(f"lang={code}")
                assert fetch(client, href.removeprefix(BASE).split("?")[0], code).lang == code


def test_hreflang_alternates_keep_the_other_query_arguments(client, public_world):
    alternates = fetch(client, "/offers?commune=anderlecht", "nl").alternates()
    assert alternates["fr"] == f"{BASE}/offers?commune=anderlecht&lang=fr"
    assert alternates["x-default"] == f"{BASE}/offers?commune=anderlecht"


def test_links_are_crawlable_and_say_where_they_lead(client, public_world):
    for name, path in public_pages(public_world).items():
        page = fetch(client, path, "nl")
        for attrs, text in page.anchors:
            href = attrs.get("href")
            assert href and not href.lower().startswith("javascript:"), (name, attrs)
            label = (text or attrs.get("aria-label") or "").strip()
            assert label, (name, href)
            assert label.lower() not in GENERIC_LINK_TEXTS, (name, label)


def test_a_study_day_is_previewed_with_its_title_date_and_page(client, public_world):
    event = public_world["event"]
    page = fetch(client, f"/events/{event.id}", "nl")
    assert page.one("og:title") == event.title
    assert page.one("og:description") == page.one("description")
    assert re.search(r"\d{4}", page.one("og:description"))  # the date is in it
    assert page.one("og:url") == f"{BASE}/events/{event.id}?lang=nl"
    assert page.one("og:type") == "website" and page.one("og:site_name") == "Tandem"
    assert page.one("og:locale") == "nl_BE"
    assert sorted(page.meta["og:locale:alternate"]) == ["en_GB", "fr_BE"]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_a_shared_link_shows_the_portals_picture_with_its_alt_in_the_pages_language(client, public_world, lang):
    page = fetch(client, f"/events/{public_world['event'].id}", lang)
    image_url = page.one("og:image")
    assert image_url.startswith(f"{BASE}/static/og-image.png")
    response = client.get(image_url.removeprefix(BASE))
    assert response.status_code == 200 and response.mimetype == "image/png"
    with Image.open(io.BytesIO(response.data)) as picture:
        assert picture.size == (int(page.one("og:image:width")), int(page.one("og:image:height"))) == (1200, 630)
    alt = page.one("og:image:alt")
    assert "60§7" in alt and ("portail" in alt) == (lang == "fr")


@pytest.mark.parametrize("path", ["/", "/offers", "/login"])
def test_pages_without_a_record_are_previewed_too(client, public_world, path):
    page = fetch(client, path, "fr")
    assert page.one("og:title") and page.one("og:description") == page.one("description")
