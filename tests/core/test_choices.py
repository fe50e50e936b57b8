"""The fixed lists of core/choices.py and Belgian enterprise numbers."""
import pytest
from flask_babel import force_locale

from portal.core.choices import COMMUNES, ORGANISATION_TYPES, SECTORS
from portal.organisations import enterprise_number

API_COMMUNES = [
    "anderlecht", "auderghem-oudergem", "berchem-sainte-agathe-sint-agatha-berchem", "bruxelles-brussel",
    "etterbeek", "evere", "forest-vorst", "ganshoren", "ixelles-elsene", "jette", "koekelberg",
    "molenbeek-saint-jean-sint-jans-molenbeek", "saint-gilles-sint-gillis", "saint-josse-ten-noode-sint-joost-ten-node",
    "schaerbeek-schaarbeek", "uccle-ukkel", "watermael-boitsfort-watermaal-bosvoorde",
    "woluwe-saint-lambert-sint-lambrechts-woluwe", "woluwe-saint-pierre-sint-pieters-woluwe",
]


def test_the_19_communes_of_api_md_each_with_french_and_dutch_names():
    assert list(COMMUNES.codes) == API_COMMUNES
    for slug in API_COMMUNES:
        fr, nl = COMMUNES.rows[slug]
        assert fr and nl
        # The slug is the French name, then the Dutch one where it differs.
        expected = fr if fr == nl else f"{fr}-{nl}"
        assert slug == expected.lower().replace(" ", "-").replace("é", "e")


@pytest.mark.parametrize("language, label", [("fr", "Ixelles"), ("nl", "Elsene"), ("en", "Ixelles / Elsene")])
def test_commune_labels_follow_the_locale(app, language, label):
    with app.test_request_context(), force_locale(language):
        assert COMMUNES.label("ixelles-elsene") == label
        assert COMMUNES.label("jette") == "Jette"


def test_commune_form_choices_are_sorted_by_the_readers_name(app):
    with app.test_request_context(), force_locale("nl"):
        labels = [label for _code, label in COMMUNES.form_choices()]
    assert labels == sorted(labels) and "Sint-Gillis" in labels


def test_an_unknown_code_is_shown_as_it_is(app):
    with app.test_request_context():
        assert COMMUNES.label("atlantis") == "atlantis"
        assert "atlantis" not in COMMUNES


def test_organisation_types_and_sectors_of_api_md():
    assert set(ORGANISATION_TYPES.codes) == {"ocmw", "sie", "host", "federation", "partner"}
    assert {"horeca", "cleaning", "construction", "retail", "logistics", "care", "green_spaces", "recycling",
            "administration", "it", "culture", "other"} <= set(SECTORS.codes)


def test_type_labels_are_translatable_strings(app):
    with app.test_request_context(), force_locale("en"):
        assert ORGANISATION_TYPES.label("sie") == "Social integration enterprise"
        assert dict(ORGANISATION_TYPES.form_choices())["ocmw"] == "OCMW / CPAS"


# --- enterprise numbers (KBO/BCE) --------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "0403.019.261", "0403019261", "0403 019 261", "BE0403.019.261", "BE 0403 019 261", "be0403019261",
    "0403-019-261", "403019261", "403.019.261",
])
def test_valid_number_in_every_written_form(raw):
    assert enterprise_number.is_valid(raw)
    assert enterprise_number.normalise(raw) == "0403019261"


@pytest.mark.parametrize("raw", [
    "0431.150.351", "0431150351", "0403.019.262", "", None, "abc", "040301926", "04030192611", "2403.019.261",
    "BE", "0403.019.26x",
])
def test_invalid_numbers(raw):
    assert not enterprise_number.is_valid(raw)


def test_a_number_is_shown_with_dots():
    assert enterprise_number.formatted("0403019261") == "0403.019.261"
