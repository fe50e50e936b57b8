"""axe-core on every page type, in Dutch and French, at 1280 and 375 px wide: no serious or
critical violation; and at 375 px no sideways scrolling.

The pages are reached as a visitor or as the demo OCMW user (who sees candidates,
referrals and reports). Each (page, language, width) is its own test case."""
import re

import pytest

from tests.e2e.conftest import axe_violations, demo_email, log_in

PUBLIC = {
    "home": "/",
    "events": "/events",
    "event": "first:/events:/events/\\d+$",
    "offers": "/offers",
    "offer": "first:/offers:/offers/\\d+$",
    "organisations": "/organisations",
    "organisation": "first:/organisations:/organisations/\\d+$",
    "login": "/login",
    "signup": "/signup",
    "accessibility": "/accessibility",
    "api-docs": "/api/docs",
}
PRIVATE = {
    "profile": "/profile",
    "referrals": "/referrals",
    "candidates": "/candidates",
    "candidate": "first:/candidates:/candidates/\\d+$",
    "referral": "first:/referrals:/referrals/\\d+$",
    "reports": "/reports",
}
PAGES = {**PUBLIC, **PRIVATE}
LANGUAGES = ("nl", "fr")
WIDTHS = (1280, 375)

_sessions = {}


@pytest.fixture(scope="module")
def sessions(browser, live_server):
    """One browser context per (language, width, logged in), reused by the module."""

    def session(lang, width, logged_in):
        key = (lang, width, logged_in)
        if key not in _sessions:
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.set_default_timeout(15000)
            page = context.new_page()
            page.goto(f"{live_server}/?lang={lang}")
            if logged_in:
                log_in(page, live_server, demo_email("ocmw-anderlecht"))
            _sessions[key] = (context, page)
        return _sessions[key][1]

    yield session
    for context, _ in _sessions.values():
        context.close()
    _sessions.clear()


def _open(page, live_server, target):
    if target.startswith("first:"):
        _, listing, pattern = target.split(":", 2)
        page.goto(live_server + listing)
        hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
        href = next(h for h in hrefs if re.search(pattern, h))
        page.goto(live_server + href)
    else:
        page.goto(live_server + target)
    page.wait_for_load_state()


# Known violations, reported and not yet fixed in the app: the tables of /reports sit in a
# horizontally scrollable <div class="table-wrap"> that a keyboard cannot reach (axe
# "scrollable-region-focusable", serious; WCAG 2.1.1). strict: the case turns red once fixed,
# so the mark must then go.
CASES = [
    pytest.param(name, lang, width, id=f"{name}-{lang}-{width}")
    for name in PAGES for lang in LANGUAGES for width in WIDTHS
]


@pytest.mark.parametrize("name,lang,width", CASES)
def test_no_serious_axe_violation(sessions, live_server, name, lang, width):
    page = sessions(lang, width, name in PRIVATE)
    _open(page, live_server, PAGES[name])
    assert page.locator("html").get_attribute("lang") == lang
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:5]) for v in violations
    ]


NARROW = [(name, lang) for name in PAGES for lang in LANGUAGES]


@pytest.mark.parametrize("name,lang", NARROW, ids=[f"{name}-{lang}" for name, lang in NARROW])
def test_no_sideways_scrolling_at_375_px(sessions, live_server, name, lang):
    page = sessions(lang, 375, name in PRIVATE)
    _open(page, live_server, PAGES[name])
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{name} ({lang}) is {widths[0]} px wide in a {widths[1]} px window"
