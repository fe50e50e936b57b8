"""A keyboard-only journey: skip link first, a visible focus on every stop, and logging in
without touching the mouse."""
from tests.e2e.conftest import DEMO_PASSWORD, demo_email

MAX_TABS = 40  # bounded: a page whose form cannot be reached by Tab fails instead of looping


def focused(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {name: el.getAttribute('name'), tag: el.tagName, type: el.getAttribute('type'),
                text: el.textContent.trim(), outline: style.outlineStyle, shadow: style.boxShadow};
    }""")


def tab_until(page, matches):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop["outline"] != "none" or stop["shadow"] != "none", f"no visible focus on {stop}"
        if matches(stop):
            return stop
    raise AssertionError("not reachable with the Tab key")


def test_logging_in_with_the_keyboard_alone(new_context, live_server):
    page = new_context(lang="en").new_page()
    page.goto(live_server + "/login?lang=en")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")  # the skip link moves focus to the content
    tab_until(page, lambda stop: stop["name"] == "email")
    page.keyboard.type(demo_email("casablanco"))
    tab_until(page, lambda stop: stop["name"] == "password")
    page.keyboard.type(DEMO_PASSWORD)
    tab_until(page, lambda stop: stop["tag"] == "BUTTON" and stop["type"] == "submit")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    assert page.get_by_role("button", name="Log out").is_visible()
