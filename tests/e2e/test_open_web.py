"""In a real browser: a partner's site (another origin, listed in EMBED_ORIGINS) frames
/embed/events and shows Tandem's study days; a site not listed cannot; the embed page passes
axe; and a study day's JSON-LD raises no CSP error in the console."""
import http.server
import threading

import pytest

from tests.e2e.conftest import _free_port, axe_violations, serve_demo

PARTNER_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>FeBISP</title></head>
<body><h1>Nos journées d'étude</h1>
<iframe src="{src}" title="Journées d'étude sur Tandem" width="100%" height="480"></iframe></body></html>"""


def _serve_partner(port, portal):
    class Partner(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (the standard library's name)
            body = PARTNER_PAGE.format(src=f"{portal}/embed/events?lang=fr").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Partner)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def sites(tmp_path_factory, smtp_server):
    """(portal, listed partner, unlisted site): the portal lets only the first partner frame it."""
    listed, unlisted = _free_port(), _free_port()
    demo = serve_demo(tmp_path_factory.mktemp("embed"), smtp_server, EMBED_ORIGINS=f"http://127.0.0.1:{listed}")
    portal = next(demo)
    servers = [_serve_partner(listed, portal), _serve_partner(unlisted, portal)]
    yield portal, f"http://127.0.0.1:{listed}", f"http://127.0.0.1:{unlisted}"
    for server in servers:
        server.shutdown()
    next(demo, None)


def test_a_listed_partner_site_shows_the_study_days(page, sites):
    _portal, partner, _other = sites
    page.goto(partner)
    frame = page.frame_locator("iframe")
    link = frame.locator("main a[target=_blank]").first
    link.wait_for()
    assert "Journées d'étude" in frame.locator("h1").inner_text()
    assert link.get_attribute("rel") == "noopener"


def test_a_site_not_listed_cannot_frame_it(page, sites):
    _portal, _partner, other = sites
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "frame-ancestors" in message.text else None)
    page.goto(other)
    page.wait_for_timeout(500)
    assert blocked, "the browser should refuse to show the frame"
    assert page.frame_locator("iframe").locator("main a").count() == 0


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_embed_page_has_no_serious_axe_violation(page, sites, lang):
    portal, _partner, _other = sites
    page.goto(f"{portal}/embed/events?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert axe_violations(page) == []


def test_a_study_days_json_ld_raises_no_csp_error(page, sites):
    portal, _partner, _other = sites
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{portal}/events")
    page.locator("main a[href^='/events/']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert errors == [], errors  # a CSP refusal would be logged here as an error
