"""Fixed lists with translated labels, each kept here and nowhere else.

A list is a tuple of (code, label) pairs; labels are lazy so they follow the reader's
language. Codes are what the database and the API hold.
"""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l


class Choices:
    """An ordered code → label list with lookups for forms, templates and validation."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)
        self.codes = tuple(code for code, _ in self.pairs)
        self._labels = dict(self.pairs)
        self._form_choices = {}  # locale → [(code, label)], built once per language

    def __contains__(self, code):
        return code in self._labels

    def __iter__(self):
        return iter(self.pairs)

    def label(self, code):
        label = self._labels.get(code)
        return str(label) if label is not None else code

    def form_choices(self):
        """[(code, label in the reader's language)]: translated once per language, not per
        request (forms and the API's filter validation build these on every request)."""
        locale = str(get_locale())
        if locale not in self._form_choices:
            self._form_choices[locale] = self._build_form_choices()
        return list(self._form_choices[locale])

    def _build_form_choices(self):
        return [(code, str(label)) for code, label in self.pairs]


class Communes(Choices):
    """The 19 Brussels municipalities: slug, French name, Dutch name (same when equal)."""

    def __init__(self, rows):
        self.rows = {slug: (fr, nl) for slug, fr, nl in rows}
        super().__init__((slug, slug) for slug, _fr, _nl in rows)

    def label(self, code):
        if code not in self.rows:
            return code
        fr, nl = self.rows[code]
        if fr == nl:
            return fr
        language = str(get_locale() or "nl")
        if language == "fr":
            return fr
        if language == "nl":
            return nl
        return f"{fr} / {nl}"

    def _build_form_choices(self):
        return sorted(((code, self.label(code)) for code in self.codes), key=lambda p: p[1])


COMMUNES = Communes([
    ("anderlecht", "Anderlecht", "Anderlecht"),
    ("auderghem-oudergem", "Auderghem", "Oudergem"),
    ("berchem-sainte-agathe-sint-agatha-berchem", "Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    ("bruxelles-brussel", "Bruxelles", "Brussel"),
    ("etterbeek", "Etterbeek", "Etterbeek"),
    ("evere", "Evere", "Evere"),
    ("forest-vorst", "Forest", "Vorst"),
    ("ganshoren", "Ganshoren", "Ganshoren"),
    ("ixelles-elsene", "Ixelles", "Elsene"),
    ("jette", "Jette", "Jette"),
    ("koekelberg", "Koekelberg", "Koekelberg"),
    ("molenbeek-saint-jean-sint-jans-molenbeek", "Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
    ("saint-gilles-sint-gillis", "Saint-Gilles", "Sint-Gillis"),
    ("saint-josse-ten-noode-sint-joost-ten-node", "Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
    ("schaerbeek-schaarbeek", "Schaerbeek", "Schaarbeek"),
    ("uccle-ukkel", "Uccle", "Ukkel"),
    ("watermael-boitsfort-watermaal-bosvoorde", "Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    ("woluwe-saint-lambert-sint-lambrechts-woluwe", "Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    ("woluwe-saint-pierre-sint-pieters-woluwe", "Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
])

ORGANISATION_TYPES = Choices([
    ("ocmw", _l("OCMW / CPAS")),
    ("sie", _l("Social integration enterprise")),
    ("host", _l("Host organisation")),
    ("federation", _l("Federation")),
    ("partner", _l("Partner")),
])

ORGANISATION_STATUSES = Choices([
    ("pending", _l("Pending approval")),
    ("approved", _l("Approved")),
    ("rejected", _l("Rejected")),
])

MEMBERSHIP_ROLES = Choices([("admin", _l("Administrator")), ("member", _l("Member"))])

INTERFACE_LANGUAGES = Choices([("nl", "Nederlands"), ("fr", "Français"), ("en", "English")])

# Languages a person speaks or an offer asks for (ISO 639-1).
SPOKEN_LANGUAGES = Choices([
    ("nl", _l("Dutch")), ("fr", _l("French")), ("en", _l("English")), ("de", _l("German")),
    ("ar", _l("Arabic")), ("tr", _l("Turkish")), ("es", _l("Spanish")), ("it", _l("Italian")),
    ("pt", _l("Portuguese")), ("pl", _l("Polish")), ("ro", _l("Romanian")), ("ru", _l("Russian")),
    ("uk", _l("Ukrainian")), ("fa", _l("Persian")), ("ps", _l("Pashto")), ("so", _l("Somali")),
    ("ti", _l("Tigrinya")), ("ln", _l("Lingala")), ("sq", _l("Albanian")), ("bg", _l("Bulgarian")),
])

SECTORS = Choices([
    ("horeca", _l("Hotels, restaurants, catering")),
    ("cleaning", _l("Cleaning")),
    ("construction", _l("Construction and renovation")),
    ("retail", _l("Retail")),
    ("logistics", _l("Logistics and transport")),
    ("care", _l("Care and social work")),
    ("green_spaces", _l("Green spaces")),
    ("recycling", _l("Recycling and reuse")),
    ("administration", _l("Administration")),
    ("it", _l("IT")),
    ("culture", _l("Culture")),
    ("other", _l("Other")),
])

FUNCTIONS = Choices([
    ("kitchen_help", _l("Kitchen help")),
    ("driver", _l("Driver")),
    ("receptionist", _l("Receptionist")),
    ("maintenance", _l("Maintenance worker")),
    ("night_watch", _l("Night watch")),
    ("polyvalent", _l("Polyvalent worker")),
    ("it_support", _l("IT support")),
    ("cleaning", _l("Cleaner")),
    ("logistics", _l("Logistics worker")),
    ("construction", _l("Construction worker")),
    ("administration", _l("Administrative assistant")),
    ("care", _l("Care assistant")),
    ("other", _l("Other")),
])

CONTRACT_TYPES = Choices([
    ("art60", _l("Article 60§7")),
    ("internship", _l("Internship")),
    ("gesco", _l("GESCO")),
    ("other", _l("Other")),
])

OUTCOMES = Choices([
    ("hired", _l("Hired by the host")),
    ("hired_elsewhere", _l("Hired elsewhere")),
    ("training", _l("Went on to training")),
    ("job_seeking", _l("Job seeking")),
    ("broken_off", _l("Broken off")),
    ("other", _l("Other")),
])

AGENDA_KINDS = Choices([
    ("welcome", _l("Welcome")),
    ("talk", _l("Talk")),
    ("panel", _l("Panel")),
    ("break", _l("Break")),
    ("qa", _l("Questions from the audience")),
    ("closing", _l("Closing")),
    ("other", _l("Other")),
])

# Why a referral was declined or withdrawn, or a placement broken off (API.md §6.4): one list
# for the three moves, so that the reports compare like with like.
CLOSE_REASONS = Choices([
    ("no_capacity", _l("No capacity (no place or supervisor free)")),
    ("profile_mismatch", _l("Profile does not match the job")),
    ("language", _l("Language")),
    ("unreachable", _l("Candidate could not be reached")),
    ("candidate_declined", _l("Candidate declined")),
    ("found_elsewhere", _l("Found work or training elsewhere")),
    ("health", _l("Health")),
    ("other", _l("Other")),
])

# Which of the 19 communes touch each other (by their slugs): "same or neighbouring commune"
# in the offers suggested for a candidate. Pairs, read both ways by neighbours().
COMMUNE_BORDERS = (
    ("anderlecht", "bruxelles-brussel"), ("anderlecht", "forest-vorst"),
    ("anderlecht", "molenbeek-saint-jean-sint-jans-molenbeek"), ("anderlecht", "saint-gilles-sint-gillis"),
    ("auderghem-oudergem", "etterbeek"), ("auderghem-oudergem", "ixelles-elsene"),
    ("auderghem-oudergem", "watermael-boitsfort-watermaal-bosvoorde"),
    ("auderghem-oudergem", "woluwe-saint-pierre-sint-pieters-woluwe"),
    ("berchem-sainte-agathe-sint-agatha-berchem", "ganshoren"),
    ("berchem-sainte-agathe-sint-agatha-berchem", "koekelberg"),
    ("berchem-sainte-agathe-sint-agatha-berchem", "molenbeek-saint-jean-sint-jans-molenbeek"),
    ("bruxelles-brussel", "etterbeek"), ("bruxelles-brussel", "evere"), ("bruxelles-brussel", "ixelles-elsene"),
    ("bruxelles-brussel", "jette"), ("bruxelles-brussel", "koekelberg"),
    ("bruxelles-brussel", "molenbeek-saint-jean-sint-jans-molenbeek"),
    ("bruxelles-brussel", "saint-gilles-sint-gillis"),
    ("bruxelles-brussel", "saint-josse-ten-noode-sint-joost-ten-node"), ("bruxelles-brussel", "schaerbeek-schaarbeek"),
    ("bruxelles-brussel", "uccle-ukkel"), ("bruxelles-brussel", "watermael-boitsfort-watermaal-bosvoorde"),
    ("etterbeek", "ixelles-elsene"), ("etterbeek", "schaerbeek-schaarbeek"),
    ("etterbeek", "woluwe-saint-lambert-sint-lambrechts-woluwe"),
    ("etterbeek", "woluwe-saint-pierre-sint-pieters-woluwe"),
    ("evere", "schaerbeek-schaarbeek"), ("evere", "woluwe-saint-lambert-sint-lambrechts-woluwe"),
    ("forest-vorst", "saint-gilles-sint-gillis"), ("forest-vorst", "uccle-ukkel"),
    ("ganshoren", "jette"), ("ganshoren", "koekelberg"),
    ("ixelles-elsene", "saint-gilles-sint-gillis"), ("ixelles-elsene", "uccle-ukkel"),
    ("ixelles-elsene", "watermael-boitsfort-watermaal-bosvoorde"),
    ("jette", "koekelberg"), ("koekelberg", "molenbeek-saint-jean-sint-jans-molenbeek"),
    ("saint-gilles-sint-gillis", "uccle-ukkel"),
    ("saint-josse-ten-noode-sint-joost-ten-node", "schaerbeek-schaarbeek"),
    ("schaerbeek-schaarbeek", "woluwe-saint-lambert-sint-lambrechts-woluwe"),
    ("uccle-ukkel", "watermael-boitsfort-watermaal-bosvoorde"),
    ("woluwe-saint-lambert-sint-lambrechts-woluwe", "woluwe-saint-pierre-sint-pieters-woluwe"),
)


def neighbours(commune):
    """The communes that share a border with `commune` (a set of slugs)."""
    return {b for a, b in COMMUNE_BORDERS if a == commune} | {a for a, b in COMMUNE_BORDERS if b == commune}


# The reasons an offer is suggested for a candidate (codes in the API, these words on the page).
FIT_REASONS = Choices([
    ("shared_languages", _l("Speaks a language the offer asks for")),
    ("no_shared_language", _l("Speaks none of the languages the offer asks for")),
    ("same_commune", _l("Works in the commune where the person lives")),
    ("neighbouring_commune", _l("Works in a neighbouring commune")),
    ("function_matches_skills", _l("The job matches the person's skills and experience")),
    ("available_by_start", _l("Available by the start date")),
    ("available_after_start", _l("Available only after the start date")),
    ("hours_fit", _l("The hours fit what the person can work")),
    ("more_hours", _l("More hours than the person can work")),
])
