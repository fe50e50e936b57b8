"""Every page type is valid HTML: the Nu Html Checker (vnu.jar, from the `vnu-jar` npm package,
on the machine's Java) reports no error.

The pages are rendered from the demo data set — as a visitor and signed in as the roles that
see each page, in Dutch and in French, and forms shown with their errors — into files, and the
checker runs ONCE over all of them (one JVM start: a few seconds instead of a minute)."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(not (JAVA and VNU.exists()),
                                reason="needs Java and node_modules/vnu-jar (make test installs both)")

LANGUAGES = ("nl", "fr")


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, smtp_server):
    from flask_migrate import upgrade

    from portal import create_app
    from portal.demo import load
    from portal.extensions import db

    database = tmp_path_factory.mktemp("vnu") / "demo.sqlite"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
                     MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    from flask import request_started

    from tests.conftest import _fresh_request_globals

    request_started.connect(_fresh_request_globals, app)  # one request's user never leaks into the next
    with app.app_context():
        upgrade()
        load(echo=lambda *args, **kwargs: None)
        yield app
        db.session.remove()
        db.engine.dispose()


def _records():
    """Ids of one record of each kind in the demo data set, and who sees it."""
    from portal.demo import organisations
    from portal.events.models import AgendaItem, Event
    from portal.extensions import db
    from portal.offers.models import Offer
    from portal.organisations.models import Membership
    from portal.referrals.models import Referral

    def first(statement):
        return db.session.execute(statement.limit(1)).scalar_one()

    referral = first(db.select(Referral).order_by(Referral.id))
    offer = db.session.get(Offer, referral.offer_id)
    item = first(db.select(AgendaItem).join(Event).where(Event.status == "published").order_by(Event.starts_at.desc()))

    def admin_of(organisation_id):
        membership = first(db.select(Membership).where(
            Membership.organisation_id == organisation_id, Membership.role == "admin",
            Membership.status == "approved"))
        return membership.user_id

    return {
        "event": item.event_id, "item": item.id, "offer": offer.id, "candidate": referral.candidate_id,
        "referral": referral.id, "ocmw_org": referral.ocmw_id, "host_org": offer.organisation_id,
        "ocmw": admin_of(referral.ocmw_id), "host": admin_of(offer.organisation_id),
        "organiser": admin_of(db.session.get(Event, item.event_id).organiser_id),
        "organiser_org": db.session.get(Event, item.event_id).organiser_id,
        "admin": organisations.user("admin").id, "participant": organisations.user("participant").id,
    }


# (name, who: None for a visitor or a key of _records(), path template)
PAGES = [
    ("home", None, "/"), ("accessibility", None, "/accessibility"), ("api-docs", None, "/api/docs"),
    ("events", None, "/events"), ("event", None, "/events/{event}"),
    ("offers", None, "/offers"), ("offer", None, "/offers/{offer}"),
    ("organisations", None, "/organisations"), ("organisation", None, "/organisations/{host_org}"),
    ("login", None, "/login"), ("signup", None, "/signup"), ("reset", None, "/reset"),
    ("not-found", None, "/offers/999999"), ("embed", None, "/embed/events"),
    ("embed-organiser", None, "/embed/events?organiser_id={organiser_org}"),
    ("home-ocmw", "ocmw", "/"), ("profile", "ocmw", "/profile"), ("candidates", "ocmw", "/candidates"),
    ("candidate", "ocmw", "/candidates/{candidate}"), ("candidate-new", "ocmw", "/candidates/new"),
    ("candidate-edit", "ocmw", "/candidates/{candidate}/edit"),
    ("candidate-erase", "ocmw", "/candidates/{candidate}/erase"),
    ("offer-refer", "ocmw", "/offers/{offer}"), ("referrals-sent", "ocmw", "/referrals"),
    ("referral-ocmw", "ocmw", "/referrals/{referral}"), ("reports", "ocmw", "/reports"),
    ("audit", "ocmw", "/audit"), ("organisation-edit", "ocmw", "/organisations/{ocmw_org}/edit"),
    ("members", "ocmw", "/organisations/{ocmw_org}/members"),
    ("webhooks", "ocmw", "/organisations/{ocmw_org}/webhooks"),
    ("offer-new", "host", "/offers/new"), ("offer-edit", "host", "/offers/{offer}/edit"),
    ("offer-owner", "host", "/offers/{offer}"), ("referrals-received", "host", "/referrals"),
    ("referral-host", "host", "/referrals/{referral}"),
    ("event-new", "organiser", "/events/new"), ("agenda", "organiser", "/events/{event}/agenda"),
    ("event-organiser", "organiser", "/events/{event}"),
    ("event-edit", "organiser", "/events/{event}/edit"),
    ("registrations", "organiser", "/events/{event}/registrations"),
    ("sign-in-sheet", "organiser", "/events/{event}/sign-in-sheet"),
    ("event-message", "organiser", "/events/{event}/message"),
    ("event-cancel", "organiser", "/events/{event}/cancel"),
    ("item-edit", "organiser", "/events/{event}/agenda/{item}/edit"),
    ("check-in", "organiser", "/events/{event}/check-in"), ("questions", "organiser", "/events/{event}/questions"),
    ("materials", "organiser", "/events/{event}/agenda/{item}/materials"),
    ("feedback-results", "organiser", "/events/{event}/feedback"), ("outbox", "admin", "/admin/outbox"),
    ("pending", "admin", "/organisations/pending"), ("reports-network", "admin", "/reports"),
    ("event-participant", "participant", "/events/{event}"), ("profile-participant", "participant", "/profile"),
]
# Forms sent empty or wrong, shown again with their errors: (name, who, path, form data)
FORMS_WITH_ERRORS = [
    ("signup-errors", None, "/signup", {"email": "not-an-address", "password": "short"}),
    ("login-errors", None, "/login", {"email": "nobody@example.test", "password": "wrong-password"}),
    ("accessibility-errors", None, "/accessibility", {"email": "x"}),
    ("candidate-errors", "ocmw", "/candidates/new", {"birth_year": "1800"}),
    ("offer-errors", "host", "/offers/new", {"positions": "0"}),
    ("event-errors", "organiser", "/events/new", {"capacity": "-1"}),
    ("profile-errors", "ocmw", "/profile", {"name": ""}),
    ("webhook-errors", "ocmw", "/organisations/{ocmw_org}/webhooks", {"url": "https://127.0.0.1/"}),
]


def _render_every_page(app, directory):
    records = _records()
    written = []
    for lang in LANGUAGES:
        for name, who, path, data in [(*page, None) for page in PAGES] + FORMS_WITH_ERRORS:
            client = app.test_client()
            if who:
                from portal.accounts.models import User
                from portal.extensions import db

                with client.session_transaction() as session:
                    session["_user_id"] = db.session.get(User, records[who]).get_id()
                    session["_fresh"] = True
            url = path.format(**records)
            url += ("&" if "?" in url else "?") + f"lang={lang}"
            if data is not None:  # CSRF stays on: its hidden fields are part of the page checked
                token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(url).get_data(as_text=True))
                response = client.post(url, data={**data, "csrf_token": token.group(1)})
            else:
                response = client.get(url)
            expected = {404} if name == "not-found" else {422, 401, 400} if data is not None else {200}
            assert response.status_code in expected, f"{name} ({url}): {response.status_code}"
            assert response.mimetype == "text/html", f"{name} ({url}): {response.mimetype}"
            target = directory / f"{name}-{lang}.html"
            target.write_bytes(response.get_data())
            written.append(target)
    return written


def test_every_page_type_is_valid_html(demo_app, tmp_path):
    files = _render_every_page(demo_app, tmp_path)
    result = subprocess.run(  # noqa: S603  (our own files, a pinned checker)
        [JAVA, "-Xss2m", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              f"  «{m.get('extract', '').strip()}»" for m in messages if m.get("type") == "error"]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
