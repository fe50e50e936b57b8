"""The study day in two languages in a real browser: the organiser's form with its language
columns passes axe and is filled by keyboard; the French reader then gets the French page."""
import pytest

from tests.e2e.conftest import axe_violations, demo_email, log_in, open_page


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_event_form_with_its_language_columns_passes_axe(new_context, live_server, lang):
    page = open_page(new_context(lang=lang, width=1280), live_server, lang)
    log_in(page, live_server, demo_email("trace"))
    page.goto(f"{live_server}/events/new?lang={lang}")
    assert page.locator("fieldset.language-column").count() == 3  # main, and two other languages
    assert page.locator("input[name='tr_fr-title'][lang='fr']").count() == 1  # a new day is Dutch by default
    page.locator("input[name='venue']").focus()  # the keyboard reaches the French column next
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "tr_fr-title"
    assert axe_violations(page) == []


def test_the_demo_study_day_reads_in_french(new_context, live_server):
    page = open_page(new_context(lang="fr", width=1280), live_server, "fr")
    page.goto(f"{live_server}/events?lang=fr")
    page.get_by_role("link", name="Collaboration entre les CPAS et les entreprises sociales d’insertion").click()
    assert page.locator("h1").inner_text().startswith("Collaboration entre les CPAS")
    assert page.get_by_text("Table ronde : orientation et recrutement").count() == 1
    assert axe_violations(page) == []
