"""Helpers of the accounts tests: sign-up bodies, links in mails, extra app instances."""
import re

import pytest

from portal import create_app
from portal.extensions import db, limiter

STRONG = "a-long-passphrase-for-tandem"
VALID_NUMBER = "0403.019.261"  # a valid KBO/BCE number (API.md)


def signup_body(**overrides):
    body = {"email": "newcomer@example.be", "password": STRONG, "name": "Nadia Newcomer", "language": "fr"}
    body.update(overrides)
    return body


def new_organisation(**overrides):
    organisation = {"name": "Atelier Vert", "type": "sie", "enterprise_number": VALID_NUMBER,
                    "commune": "forest-vorst"}
    organisation.update(overrides)
    return organisation


def link_in(message, marker):
    """The first URL in a mail's body that contains `marker` (e.g. "/verify/")."""
    match = re.search(r"https?://\S*" + re.escape(marker) + r"\S*", message.get_content())
    assert match, f"no link with {marker} in:\n{message.get_content()}"
    return match.group(0)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def mails_to(mailbox, address):
    return [m for m in mailbox if address in m["To"]]


@pytest.fixture
def mail_languages(monkeypatch):
    """The languages mails were rendered in during the test, in order (portal.core.mail
    renders each mail under force_locale(recipient's language))."""
    from portal.core import mail as core_mail

    seen = []
    original = core_mail.force_locale

    def spy(language):
        seen.append(language)
        return original(language)

    monkeypatch.setattr(core_mail, "force_locale", spy)
    return seen


@pytest.fixture
def make_app(app, database_url, smtp_server, tmp_path):
    """make_app(**config): another app instance on the same database (e.g. PROXY_COUNT=1)."""
    made = []

    def build(**overrides):
        config = dict(SQLALCHEMY_DATABASE_URI=database_url, MAIL_SERVER=smtp_server.host,
                      MAIL_PORT=smtp_server.port, INSTANCE_PATH=str(tmp_path))
        config.update(overrides)
        other = create_app("testing", **config)
        made.append(other)
        return other

    yield build
    # The limiter is one object for every app in this process and keeps the first non-empty
    # RATELIMIT_KEY_PREFIX it saw; forget it so the next test's prefix applies.
    limiter._key_prefix = ""
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()
