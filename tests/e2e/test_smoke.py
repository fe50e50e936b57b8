"""The portal in a real browser: it loads under the strict CSP, switches language, and
axe finds nothing serious on the home page."""
from tests.e2e.conftest import axe_violations


def test_home_page_in_dutch_then_french(page, live_server):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("link", name="FR").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert errors == []  # no CSP violation, no failed asset


def test_home_page_has_no_serious_accessibility_violation(page, live_server):
    page.goto(live_server + "/")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_skip_link_is_the_first_stop_of_the_keyboard(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
