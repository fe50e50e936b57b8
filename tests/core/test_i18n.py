"""Three languages: catalogs complete, the language chosen as API.md §4 says."""
import re
from datetime import UTC
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def source_messages():
    """Every msgid in the code and templates, extracted the way `make extract-messages` does."""
    method_map = [("portal/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS,
        options_map={"templates/**": {"extensions": "jinja2.ext.i18n"}},
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def messages():
    return source_messages()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_message_is_translated(messages, language):
    with open(ROOT / "portal" / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    missing = []
    for msgid in sorted(messages):
        entry = catalog.get(msgid)
        text = entry.string if entry else None
        if isinstance(text, tuple | list):
            text = all(text) and text[0]
        if not entry or not text or entry.fuzzy:
            missing.append(msgid)
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_translations_keep_their_placeholders(language):
    with open(ROOT / "portal" / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    placeholder = re.compile(r"%\((\w+)\)[sd]")
    for message in catalog:
        if message.id and message.string and isinstance(message.id, str):
            assert set(placeholder.findall(message.id)) == set(placeholder.findall(message.string)), message.id


def html_lang(response):
    return re.search(r'<html lang="([a-z]+)"', response.get_data(as_text=True)).group(1)


def test_dutch_is_the_default(client):
    assert html_lang(client.get("/", headers={"Accept-Language": ""})) == "nl"


def test_accept_language_is_followed(client):
    assert html_lang(client.get("/", headers={"Accept-Language": "fr-BE,fr;q=0.9"})) == "fr"


def test_lang_parameter_wins_and_is_remembered(client):
    assert html_lang(client.get("/?lang=en", headers={"Accept-Language": "fr"})) == "en"
    assert html_lang(client.get("/", headers={"Accept-Language": "fr"})) == "en"


def test_an_unknown_lang_parameter_is_ignored(client):
    assert html_lang(client.get("/?lang=xx", headers={"Accept-Language": ""})) == "nl"


def test_the_users_preference_beats_accept_language(app, client, login):
    from tests import factories

    login(factories.user("anne@example.test", language="fr"))
    assert html_lang(client.get("/", headers={"Accept-Language": "en"})) == "fr"


def test_every_page_offers_the_three_languages(client):
    page = client.get("/organisations").get_data(as_text=True)
    for code in ("nl", "fr", "en"):
        assert f'hreflang="{code}"' in page


def test_the_home_page_says_what_tandem_is_for_in_french(client):
    page = client.get("/?lang=fr").get_data(as_text=True)
    assert "Skip to content" not in page
    assert 'lang="fr"' in page


def test_a_day_reads_as_date_and_hours_in_the_readers_language(app):
    from datetime import datetime

    from flask_babel import force_locale

    from portal.core.i18n import time_span

    start = datetime(2023, 6, 28, 7, 0, tzinfo=UTC)  # 09:00 in Brussels (summer time)
    end = datetime(2023, 6, 28, 11, 0, tzinfo=UTC)
    with app.test_request_context(), force_locale("nl"):
        assert time_span(start, end) == "woensdag 28 juni 2023, 09:00–13:00"
    with app.test_request_context(), force_locale("fr"):
        assert time_span(start, end) == "mercredi 28 juin 2023, 09:00–13:00"
    with app.test_request_context(), force_locale("fr"):
        assert time_span(start, datetime(2023, 6, 29, 11, 0, tzinfo=UTC)).count("juin 2023") == 2
