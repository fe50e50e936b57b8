"""Synthetic volume for benchmarks: offers and candidates inserted in bulk (executemany)."""
import random
from datetime import timedelta

from portal.core import search_keys
from portal.core.types import BRUSSELS, utcnow
from portal.extensions import db
from portal.offers.models import Offer
from portal.referrals.models import Candidate

SYNTHETIC_TITLES = {
    "kitchen_help": ("Keukenhulp", "Aide-cuisine"), "driver": ("Chauffeur", "Chauffeur-livreur"),
    "receptionist": ("Onthaalmedewerker", "Réceptionniste"),
    "maintenance": ("Onderhoudsmedewerker", "Ouvrier d'entretien"),
    "cleaning": ("Schoonmaker", "Technicien de surface"), "logistics": ("Magazijnier", "Magasinier"),
    "construction": ("Bouwvakker", "Ouvrier du bâtiment"), "care": ("Zorgkundige", "Aide-soignant"),
    "polyvalent": ("Polyvalent medewerker", "Ouvrier polyvalent"), "it_support": ("IT-helpdesk", "Support IT"),
}


def bulk_offers(organisations, count, chunk=2_000):
    """Insert `count` published offers spread over `organisations`, in bulk."""
    from portal.core.choices import COMMUNES, CONTRACT_TYPES, SECTORS

    rng = random.Random(count)
    now = utcnow()
    functions = list(SYNTHETIC_TITLES)
    communes, sectors, contracts = COMMUNES.codes, SECTORS.codes, CONTRACT_TYPES.codes
    language_sets = (["nl"], ["fr"], ["nl", "fr"], ["fr", "en"], ["nl", "fr", "en"], ["fr", "ar"])
    rows = []
    for i in range(count):
        function = functions[i % len(functions)]
        nl, fr = SYNTHETIC_TITLES[function]
        commune = communes[rng.randrange(len(communes))]
        moment = now - timedelta(minutes=i)
        title = f"{nl} / {fr} #{i + 1}"
        description = f"{nl} in {commune}. {fr} — contrat {i % 7 + 1}.\n\nBegeleiding door een ploegbaas."
        rows.append({
            "organisation_id": organisations[i % len(organisations)].id,
            "title": title, "description": description,
            # bulk inserts bypass the ORM's hook: the search keys are computed here
            "search_title": search_keys.key([title]), "search_body": search_keys.key([description]),
            "sector": sectors[rng.randrange(len(sectors))], "function": function, "commune": commune,
            "positions": 1 + i % 4, "languages": language_sets[i % len(language_sets)],
            "hours_per_week": (19, 25, 30, 38)[i % 4], "start_date": (moment + timedelta(days=30)).date(),
            "contract_type": contracts[i % len(contracts)], "status": "published",
            "created_at": moment, "updated_at": moment,
        })
        if len(rows) >= chunk:
            db.session.execute(db.insert(Offer), rows)
            rows = []
    if rows:
        db.session.execute(db.insert(Offer), rows)
    db.session.commit()


def bulk_candidates(ocmws, count, chunk=2_000):
    today = utcnow().astimezone(BRUSSELS).date()
    names = ("Adam", "Sara", "Mehdi", "Lotte", "Ilias", "Nadia", "Tom", "Aïcha", "Bram", "Inès")
    rows = []
    for i in range(count):
        ocmw = ocmws[i % len(ocmws)]
        rows.append({
            "organisation_id": ocmw.id, "reference": f"SYN-{i + 1:06d}", "first_name": names[i % len(names)],
            "last_initial": "ABCDEFGHIJKLMNOPRSTVWZ"[i % 22], "birth_year": 1960 + i % 45,
            "languages": [("nl", "fr", "ar", "en")[i % 4]], "skills": "", "commune": ocmw.commune, "notes": "",
            "available_from": today, "consent_date": today - timedelta(days=i % 300),
            "created_at": utcnow(), "updated_at": utcnow(),
        })
        if len(rows) >= chunk:
            db.session.execute(db.insert(Candidate), rows)
            rows = []
    if rows:
        db.session.execute(db.insert(Candidate), rows)
    db.session.commit()


