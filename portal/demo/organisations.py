"""Demo organisations and their people: the Brussels article 60§7 network of the seeds.

Every organisation has a stable key ("ocmw-anderlecht", "febisp", "casablanco", ...) from
which its synthetic enterprise number and its demo user's e-mail are derived, so a second
run finds what the first made and adds nothing. Other demo parts (offers, events) call
`get(key)` and `user(key)`. Every account is listed in docs/notes/demo-accounts.md.

Names of real organisations come from the seed documents; their profiles (addresses,
phones, descriptions, enterprise numbers) are illustrative, not facts about them.
"""
import hashlib
import unicodedata
from datetime import date

from portal.accounts.feed_tokens import ensure_feed_secret
from portal.accounts.models import User
from portal.accounts.passwords import hash_password
from portal.core.choices import COMMUNES
from portal.core.types import utcnow
from portal.extensions import db
from portal.organisations.models import Membership, Organisation

DOMAIN = "demo.tandem.brussels"
# Demo-only passwords, published in docs/notes/demo-accounts.md: never use them elsewhere.
DEMO_PASSWORD = "tandem-demo-2023"  # noqa: S105 (published demo password)
ADMIN_EMAIL = f"admin@{DOMAIN}"
ADMIN_PASSWORD = "tandem-admin-demo-2023"  # noqa: S105 (published demo password)
PARTICIPANT_EMAIL = f"participant@{DOMAIN}"
APPLICANT_EMAIL = f"applicant@{DOMAIN}"

POSTCODES = {
    "anderlecht": "1070", "auderghem-oudergem": "1160", "berchem-sainte-agathe-sint-agatha-berchem": "1082",
    "bruxelles-brussel": "1000", "etterbeek": "1040", "evere": "1140", "forest-vorst": "1190",
    "ganshoren": "1083", "ixelles-elsene": "1050", "jette": "1090", "koekelberg": "1081",
    "molenbeek-saint-jean-sint-jans-molenbeek": "1080", "saint-gilles-sint-gillis": "1060",
    "saint-josse-ten-noode-sint-joost-ten-node": "1210", "schaerbeek-schaarbeek": "1030", "uccle-ukkel": "1180",
    "watermael-boitsfort-watermaal-bosvoorde": "1170", "woluwe-saint-lambert-sint-lambrechts-woluwe": "1200",
    "woluwe-saint-pierre-sint-pieters-woluwe": "1150",
}


def enterprise_number(key):
    """A synthetic, valid (mod 97) KBO/BCE number derived from the key: stable across runs."""
    first_eight = 9_000_000 + int(hashlib.sha256(key.encode()).hexdigest(), 16) % 900_000
    return f"{first_eight:08d}{97 - first_eight % 97:02d}"


def _ocmw(slug, index):
    fr, nl = COMMUNES.rows[slug]
    article = "d'" if fr[0] in "AEIOUÉ" else "de "
    return {
        "key": f"ocmw-{slug}", "name": f"OCMW {nl} / CPAS {article}{fr}", "type": "ocmw", "commune": slug,
        "language": "fr" if index % 2 else "nl",
        "description": (f"Openbaar centrum voor maatschappelijk welzijn van {nl}: de dienst socio-professionele "
                        f"inschakeling begeleidt leefloners naar werk, onder meer met artikel 60§7-contracten. / "
                        f"Centre public d'action sociale {article}{fr}: le service d'insertion "
                        f"socioprofessionnelle accompagne vers l'emploi, notamment sous contrat article 60§7."),
        "person": f"SPI {nl}",
    }


OCMWS = [_ocmw(slug, index) for index, slug in enumerate(COMMUNES.codes)]

MANDATE_UNTIL = date(2027, 12, 31)

OTHERS = [
    {"key": "febisp", "name": "FeBISP", "type": "federation", "commune": "bruxelles-brussel", "language": "fr",
     "website": "https://www.febisp.be", "person": "Coordination FeBISP",
     "description": "Fédération bruxelloise des organismes d'insertion socioprofessionnelle et d'économie sociale "
                    "d'insertion. Représente les entreprises sociales d'insertion mandatées par la Région."},
    {"key": "febio", "name": "FeBIO", "type": "federation", "commune": "bruxelles-brussel", "language": "nl",
     "person": "Coördinatie FeBIO",
     "description": "Federatie van Brusselse inschakelingsondernemingen: verdedigt de belangen van de "
                    "Nederlandstalige sociale inschakelingsondernemingen in Brussel."},
    {"key": "brulocalis", "name": "Brulocalis", "type": "federation", "commune": "bruxelles-brussel",
     "language": "fr", "website": "https://www.brulocalis.brussels", "person": "Section CPAS Brulocalis",
     "description": "Vereniging van de Stad en de Gemeenten van het Brussels Hoofdstedelijk Gewest, koepel van de "
                    "Brusselse OCMW's. / Association de la Ville et des Communes de la Région de Bruxelles-Capitale, "
                    "fédération des CPAS bruxellois."},
    {"key": "trace", "name": "Tracé Brussel vzw", "type": "partner", "commune": "bruxelles-brussel",
     "language": "nl", "website": "https://www.tracebrussel.be", "person": "Adviesagentschap sociale economie",
     "description": "Expertisecentrum voor werk en opleiding in Brussel, met een adviesagentschap sociale economie. "
                    "Organiseerde in 2023 de studiedag over de samenwerking tussen OCMW's en sociale "
                    "inschakelingsondernemingen."},
    {"key": "actiris", "name": "Actiris", "type": "partner", "commune": "saint-josse-ten-noode-sint-joost-ten-node",
     "language": "fr", "website": "https://www.actiris.brussels", "person": "Actiris — partenariats",
     "description": "Office régional bruxellois de l'emploi / Brusselse gewestelijke dienst voor arbeidsbemiddeling. "
                    "Partner voor gesco- en ACS-contracten."},
    {"key": "casablanco", "name": "Casablanco vzw", "type": "sie", "commune": "anderlecht", "language": "nl",
     "sectors": ["construction"], "person": "Directie Casablanco",
     "description": "Sociale inschakelingsonderneming in renovatie en afwerking: werknemers onder artikel 60§7 leren "
                    "het vak op echte werven, met omkadering door een werfleider en een trajectbegeleider."},
    {"key": "arpaije", "name": "Arpaije vzw", "type": "sie", "commune": "molenbeek-saint-jean-sint-jans-molenbeek",
     "language": "nl", "sectors": ["cleaning", "horeca"], "person": "Directie Arpaije",
     "description": "Sociale inschakelingsonderneming met schoonmaak- en cateringactiviteiten; begeleidt "
                    "werknemers onder artikel 60§7 naar een vaste job."},
    {"key": "atelier-zenne", "name": "Atelier Zenne vzw", "type": "sie", "commune": "anderlecht", "language": "nl",
     "sectors": ["recycling", "logistics"], "person": "Atelier Zenne",
     "description": "Herstelt en verkoopt tweedehandsfietsen en levert per bakfiets in de Kanaalzone."},
    {"key": "mains-vertes", "name": "Mains Vertes asbl / Groene Handen vzw", "type": "sie", "commune": "forest-vorst",
     "language": "fr", "sectors": ["green_spaces"], "person": "Mains Vertes",
     "description": "Entretien d'espaces verts publics et de jardins partagés; équipes encadrées de travailleurs "
                    "sous contrat article 60§7."},
    {"key": "resto-solidaire", "name": "Resto Solidaire asbl", "type": "sie", "commune": "saint-gilles-sint-gillis",
     "language": "fr", "sectors": ["horeca"], "person": "Resto Solidaire",
     "description": "Restaurant de quartier et service traiteur; formation en cuisine et en salle."},
    {"key": "net-propre", "name": "Net & Propre asbl", "type": "sie", "commune": "schaerbeek-schaarbeek",
     "language": "fr", "sectors": ["cleaning"], "person": "Net & Propre",
     "description": "Nettoyage de bureaux et de logements sociaux, avec un parcours de formation qualifiant."},
    {"key": "samusocial", "name": "Samusocial", "type": "host", "commune": "bruxelles-brussel", "language": "fr",
     "website": "https://www.samusocial.be", "person": "Programme Intégration socioprofessionnelle",
     "description": "Aide d'urgence aux personnes sans abri. Le programme « Intégration socioprofessionnelle » a "
                    "accompagné 106 travailleurs sous article 60§7 en 2021, dont 26 ont été engagés comme "
                    "réceptionniste, chauffeur, agent d'entretien, aide-cuisinier, veilleur de nuit, ouvrier "
                    "polyvalent ou support IT."},
    {"key": "les-tilleuls", "name": "Maison de repos Les Tilleuls asbl", "type": "host", "commune": "uccle-ukkel",
     "language": "fr", "person": "Les Tilleuls — RH",
     "description": "Maison de repos et de soins; accueille des travailleurs article 60§7 en cuisine, à l'entretien "
                    "et à l'accueil."},
    {"key": "buurthuis-noord", "name": "Buurthuis Noord vzw", "type": "host", "commune": "schaerbeek-schaarbeek",
     "language": "nl", "person": "Buurthuis Noord",
     "description": "Buurthuis met onthaal, cafetaria en een kleine bibliotheek; werkt met artikel 60§7-werknemers "
                    "voor onthaal en onderhoud."},
    # Waiting for a moderator.
    {"key": "nieuwe-horizon", "name": "Nieuwe Horizon vzw", "type": "sie", "status": "pending",
     "commune": "molenbeek-saint-jean-sint-jans-molenbeek", "language": "nl", "person": "Nieuwe Horizon",
     "description": "Nieuwe sociale inschakelingsonderneming in de horeca, in oprichting."},
    {"key": "batir-evere", "name": "Coopérative Bâtir Evere", "type": "host", "status": "pending",
     "commune": "evere", "language": "fr", "person": "Bâtir Evere",
     "description": "Coopérative de rénovation énergétique qui souhaite accueillir des travailleurs article 60§7."},
]

ORGANISATIONS = OCMWS + OTHERS
BY_KEY = {spec["key"]: spec for spec in ORGANISATIONS}


def _slug(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace(" ", "-")


# Also accepted: an OCMW by its French or Dutch name alone ("ocmw-oudergem", "ocmw-auderghem",
# "ocmw-sint-jans-molenbeek"), and "ocmw-molenbeek".
ALIASES = {f"ocmw-{_slug(name)}": f"ocmw-{slug}" for slug, names in COMMUNES.rows.items() for name in names}
ALIASES["ocmw-molenbeek"] = "ocmw-molenbeek-saint-jean-sint-jans-molenbeek"


def _email(key):
    return f"{key}@{DOMAIN}"


def _find_user(email):
    return db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()


def get(key):
    """The demo Organisation for a stable key (KeyError for an unknown key; None before load)."""
    number = enterprise_number(BY_KEY[ALIASES.get(key, key)]["key"])
    return db.session.execute(
        db.select(Organisation).where(Organisation.enterprise_number == number)).scalar_one_or_none()


def user(key):
    """The demo user of an organisation's key; also "admin", "participant" and "applicant"."""
    special = {"admin": ADMIN_EMAIL, "participant": PARTICIPANT_EMAIL, "applicant": APPLICANT_EMAIL}
    key = ALIASES.get(key, key)
    if key not in special and key not in BY_KEY:
        raise KeyError(key)
    return _find_user(special.get(key) or _email(key))


class _Hashes:
    """One argon2 hash of the demo password, made only when a user is created (hashing is slow
    on purpose; demo accounts share a password anyway)."""

    def __init__(self):
        self.value = None

    def __call__(self):
        if self.value is None:
            self.value = hash_password(DEMO_PASSWORD)
        return self.value


def _person(email, name, language, password_hash):
    person = _find_user(email)
    if person is not None:
        return person, False
    person = User(email=email, name=name, language=language, password_hash=password_hash(),
                  email_verified_at=utcnow())
    ensure_feed_secret(person)
    db.session.add(person)
    return person, True


def _profile(spec):
    postcode = POSTCODES[spec["commune"]]
    fr, nl = COMMUNES.rows[spec["commune"]]
    place = fr if spec.get("language") == "fr" else nl
    is_sie = spec["type"] == "sie"
    return {
        "description": spec.get("description", ""), "website": spec.get("website", ""),
        "email": _email(spec["key"]), "phone": f"+32 2 000 {ORGANISATIONS.index(spec) // 100:02d} "
                                                f"{ORGANISATIONS.index(spec) % 100:02d}",
        "address": f"{postcode} {place}",
        "sie_mandated": is_sie and spec.get("status", "approved") == "approved",
        "sie_mandate_until": MANDATE_UNTIL if is_sie and spec.get("status", "approved") == "approved" else None,
        "sectors": spec.get("sectors", []) if is_sie else [],
    }


def load(echo=print):
    """Create what is missing of the demo organisations and people; a second run adds nothing."""
    from portal.accounts.admin import create_or_reset_admin

    password_hash = _Hashes()
    new_organisations = new_people = 0
    for spec in ORGANISATIONS:
        organisation = get(spec["key"])
        if organisation is None:
            status = spec.get("status", "approved")
            organisation = Organisation(
                name=spec["name"], type=spec["type"], status=status, commune=spec["commune"],
                enterprise_number=enterprise_number(spec["key"]),
                decided_at=utcnow() if status != "pending" else None, **_profile(spec))
            db.session.add(organisation)
            new_organisations += 1
        person, created = _person(_email(spec["key"]), spec["person"], spec.get("language", "nl"), password_hash)
        if created:
            db.session.add(Membership(user=person, organisation=organisation, role="admin", status="approved",
                                      decided_at=utcnow()))
            new_people += 1

    participant, created = _person(PARTICIPANT_EMAIL, "Pat Participant", "nl", password_hash)
    new_people += created
    # Someone asking to join OCMW Anderlecht: a request for its admin to approve.
    applicant, created = _person(APPLICANT_EMAIL, "Amina Applicant", "fr", password_hash)
    if created:
        db.session.add(Membership(user=applicant, organisation=get("ocmw-anderlecht"), role="member",
                                  status="pending"))
        new_people += 1
    db.session.commit()

    if _find_user(ADMIN_EMAIL) is None:  # create-admin resets an existing one: only on the first run
        admin, _created = create_or_reset_admin(ADMIN_EMAIL, ADMIN_PASSWORD, "Tandem platform admin")
        ensure_feed_secret(admin)
        db.session.commit()
        new_people += 1
    echo(f"organisations: {new_organisations} organisations and {new_people} people added "
         f"(demo password: see docs/notes/demo-accounts.md)")
