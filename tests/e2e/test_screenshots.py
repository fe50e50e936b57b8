"""Screenshots of the main pages, taken in a real browser on the demo data set.

Each page is also checked: its heading reads as expected and the browser logged no error
(a CSP violation, a failed asset or a script error would). The images go to a temporary
folder, so a test run never dirties the checkout; with SCREENSHOTS=1 (`make screenshots`)
they are written to docs/screenshots/, where the README shows them.

The server here is this module's own, on a fresh copy of the demo, so that what the other
browser tests click (registrations, referrals) never changes the pictures.
"""
import os
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import demo_email, log_in, serve_demo

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_HEIGHT = 2400  # px: a long page is cut there, to keep the images light
STUDY_DAY = "Samenwerking OCMW’s en sociale inschakelingsondernemingen"
STUDY_DAY_FR = "Collaboration entre les CPAS et les entreprises sociales d’insertion"
FULL_DAY = "Rencontre CPAS – entreprises d'insertion : le recrutement"
OPEN_DAY = "Infosessie: tewerkstellingsmaatregelen na een artikel 60§7 contract"


@pytest.fixture(scope="module")
def server(tmp_path_factory, smtp_server):
    yield from serve_demo(tmp_path_factory.mktemp("screenshots"), smtp_server)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    if os.environ.get("SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("shots")


@pytest.fixture
def visit(browser, server, folder):
    """visit(who, lang, width) → a page logged in as that demo key (None: a visitor) that
    records browser errors; shoot(page, name, heading) checks and saves it."""
    contexts = []

    def open_as(who=None, lang="en", width=1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-GB")
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{server}/?lang={lang}")
        if who:
            log_in(page, server, demo_email(who))
        page.lang = lang
        return page

    yield open_as
    for context in contexts:
        context.close()


def go(page, server, path):
    page.goto(f"{server}{path}{'&' if '?' in path else '?'}lang={page.lang}")
    page.wait_for_load_state("networkidle")


def follow(page, text):
    """Click the first link in the content whose text matches."""
    page.locator("main a", has_text=text).first.click()
    page.wait_for_load_state("networkidle")


def shoot(page, folder, name, heading):
    """Assert the page is whole, then save it as <name>.png (full page, cut at MAX_HEIGHT)."""
    h1 = page.locator("main h1").first
    assert h1.is_visible()
    assert re.search(heading, h1.inner_text()), h1.inner_text()
    assert page.errors == [], page.errors
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name}: scrolls sideways ({scroll_width} > {width})"
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height},
                    animations="disabled", caret="hide")
    assert path.stat().st_size > 10_000  # an image of the page, not a blank one


def test_public_pages(visit, server, folder):
    page = visit()
    go(page, server, "/")
    shoot(page, folder, "01-home", "Where Brussels OCMWs")
    go(page, server, "/login")
    shoot(page, folder, "02-login", "^Log in$")
    go(page, server, "/organisations")
    shoot(page, folder, "03-organisations", "Partners of the network")
    follow(page, "Casablanco")
    shoot(page, folder, "04-organisation", "Casablanco")


def test_offers_as_an_ocmw(visit, server, folder):
    page = visit("ocmw-anderlecht")
    go(page, server, "/offers")
    assert page.locator("main .record-list > li").count() >= 10
    shoot(page, folder, "05-offers", "Placement offers")
    follow(page, "Renovatiearbeider")
    assert page.get_by_role("heading", name="Refer a candidate").is_visible()
    shoot(page, folder, "06-offer", "Renovatiearbeider")


def test_study_days(visit, server, folder):
    page = visit()
    go(page, server, "/events")
    shoot(page, folder, "07-events", "Study days")
    follow(page, STUDY_DAY)
    assert page.locator("main .timetable > li").count() >= 5
    shoot(page, folder, "08-event-agenda", "Samenwerking")


def test_registration_confirmed(visit, server, folder):
    page = visit("participant")
    go(page, server, "/events")
    follow(page, OPEN_DAY)
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".flash").first.is_visible()
    assert page.locator("main .badge", has_text="Confirmed").first.is_visible()
    shoot(page, folder, "09-registration-confirmed", "Infosessie")


def test_organiser_sees_registrations(visit, server, folder):
    page = visit("brulocalis")
    go(page, server, "/events")
    follow(page, FULL_DAY)
    follow(page, "Registrations")
    assert page.get_by_role("heading", name=re.compile("Waiting list")).is_visible()
    shoot(page, folder, "10-event-registrations", "Registrations for")


def test_referrals_received_by_an_sie(visit, server, folder):
    page = visit("arpaije")
    go(page, server, "/referrals")
    assert page.get_by_role("heading", name="Inbox: referrals received").is_visible()
    shoot(page, folder, "11-referrals-received", "Referrals")
    page.locator("main tr", has_text="Hulpkok catering").first.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Conversation").is_visible()
    assert page.locator("#conversation-heading ~ ol > li").count() >= 4
    shoot(page, folder, "12-referral", r"Referral #\d+")


def test_ocmw_pages(visit, server, folder):
    page = visit("ocmw-anderlecht")
    go(page, server, "/referrals")
    assert page.get_by_role("heading", name="Outbox: referrals sent").is_visible()
    shoot(page, folder, "13-referrals-sent", "Referrals")
    go(page, server, "/candidates")
    assert page.locator("main tbody tr").count() >= 4
    shoot(page, folder, "14-candidates", "Candidates")


def test_reports_with_charts(visit, server, folder):
    page = visit("samusocial")
    go(page, server, "/reports?year=2021")
    assert page.locator("main svg.chart-svg").count() >= 2
    shoot(page, folder, "15-reports", "2021")


def test_a_page_in_french(visit, server, folder):
    page = visit(lang="fr")
    go(page, server, "/events")
    follow(page, STUDY_DAY_FR)  # the demo day has its French version (issue 16)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "mercredi 28 juin 2023" in page.locator("main").inner_text()
    shoot(page, folder, "16-event-fr", "Collaboration")


def test_phone_width(visit, server, folder):
    page = visit("ocmw-anderlecht", lang="nl", width=375)
    go(page, server, "/offers")
    shoot(page, folder, "17-offers-mobile", "Tewerkstellingsaanbod")
    go(page, server, "/referrals")
    shoot(page, folder, "18-referrals-mobile", "Doorverwijzingen")


def test_api_reference(visit, server, folder):
    page = visit()
    go(page, server, "/api/docs")
    assert page.locator("main code", has_text="/api/v1/referrals/{referral_id}/transitions").count() >= 1
    shoot(page, folder, "19-api-docs", "API reference")
