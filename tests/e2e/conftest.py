"""A real browser (Debian's Chromium, driven by Playwright) against a live server.

The server runs in a thread on a free port, on its own migrated SQLite database with the
demo data set loaded; mails go to the suite's real SMTP server. Without Chromium on the
machine these tests are skipped (CI installs it and always runs them).
"""
import shutil
import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (CI installs it)", allow_module_level=True)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, smtp_server):
    yield from serve_demo(tmp_path_factory.mktemp("e2e"), smtp_server)


def serve_demo(directory, smtp_server, **overrides):
    """Serve the portal on a free port with its own freshly migrated database holding the
    demo data set; yields the base URL (a generator, for fixtures). `overrides`: configuration."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.demo import load

    port = _free_port()
    database = directory / "e2e.sqlite"
    app = create_app(
        "testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", MAIL_SERVER=smtp_server.host,
        MAIL_PORT=smtp_server.port, PORTAL_BASE_URL=f"http://127.0.0.1:{port}", WTF_CSRF_SSL_STRICT=False,
        **overrides,
    )
    with app.app_context():
        upgrade()
        load(echo=lambda *args, **kwargs: None)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # The outbox worker beside the server, as `make run` and deploy/tandem-mail.service run it.
    from portal.core import outbox_worker

    stop = threading.Event()
    worker = threading.Thread(target=outbox_worker.watch, args=(app,), kwargs={"poll": 0.2, "stop": stop},
                              daemon=True)
    worker.start()
    yield f"http://127.0.0.1:{port}"
    stop.set()
    server.shutdown()
    worker.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; the violations of the given impacts."""
    # Evaluated through the DevTools protocol, which the page's strict CSP does not block
    # (a <script> tag would be, rightly).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in impacts]


# --- helpers for the journeys ----------------------------------------------------------

DEMO_PASSWORD = "tandem-demo-2023"


def demo_email(key):
    return f"{key}@demo.tandem.brussels"


@pytest.fixture
def new_context(browser):
    """new_context(lang=..., width=...): a fresh browser (own cookies) whose pages wait
    patiently; the interface language is forced with ?lang= on a first visit."""
    contexts = []

    def make(lang="en", width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale={"nl": "nl-BE", "fr": "fr-BE"}.get(lang, "en-GB"))
        context.set_default_timeout(15000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def open_page(context, base_url, lang="en"):
    """A new page in that context, on the home page in that language (which is remembered);
    it accepts the confirmation dialogs of destructive actions."""
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base_url}/?lang={lang}")
    return page


def log_in(page, base_url, email, password=DEMO_PASSWORD):
    """Log in through the real form."""
    page.goto(base_url + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.locator("main").inner_text()


def mails_to(smtp_server, address):
    return [m for m in list(smtp_server.received)
            if address in (m["To"] or "") or address in getattr(m, "envelope_recipients", [])]


def newest_mail(smtp_server, address, after=0, timeout=15.0):
    """The newest message the SMTP server received for an address, once it holds more than
    `after` of them (the live server's outbox worker delivers it within a poll or two)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = mails_to(smtp_server, address)
        if len(found) > after:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no new mail to {address} (had {after})")


def mail_text(message):
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content()
