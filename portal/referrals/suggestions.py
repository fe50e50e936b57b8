"""Offers suggested for a candidate, inside the OCMW only (API.md §6.4): published offers ranked
by fit, each with its reasons. Nothing about the candidate leaves the OCMW: the ranking is
computed for the OCMW's own members and is never shown to, nor stored for, a host.

One query fetches a bounded pool of plausible offers (published, still open, within the
consent's scope, not already referred, and near by, in a function the skills suggest, or in a
language the person speaks); the pool is scored here, so the cost is one statement whatever
the number of offers.
"""
import unicodedata
from dataclasses import dataclass

from sqlalchemy import String, cast, exists, or_
from sqlalchemy.orm import joinedload

from portal.core import audit
from portal.core.choices import neighbours
from portal.core.use_case import commit
from portal.extensions import db
from portal.offers.models import Offer
from portal.referrals import permissions, workflow
from portal.referrals.models import Referral, brussels_today

POOL = 200   # offers scored at most
SHOWN = 10   # offers suggested
WEIGHTS = {"shared_languages": 2, "no_shared_language": -2, "same_commune": 3, "neighbouring_commune": 2,
           "function_matches_skills": 3, "available_by_start": 1, "available_after_start": -1,
           "hours_fit": 1, "more_hours": -1}

# Words in a person's skills (Dutch, French, English; lower case, without accents) that point
# to an offer's function.
SKILL_WORDS = {
    "kitchen_help": ("kitchen", "keuken", "cuisin", "cook", "kok", "restaura", "horeca", "bakker", "bakery",
                     "boulang", "afwas", "plonge"),
    "driver": ("driver", "chauffeur", "rijbewijs", "permis", "livraison", "deliver", "bestuurder", "koerier"),
    "receptionist": ("recept", "accueil", "onthaal", "telefoon", "telephon", "standard"),
    "maintenance": ("maintenance", "onderhoud", "technic", "techniek", "klusj", "bricol", "concierg"),
    "night_watch": ("night", "nacht", "nuit", "bewaking", "veilleur", "surveill", "security", "securit"),
    "polyvalent": ("polyval", "manutention", "allround"),
    "it_support": ("computer", "informati", "ordinateur", "helpdesk", "ict", "software"),
    "cleaning": ("clean", "schoonma", "nettoy", "poets", "menage"),
    "logistics": ("logist", "magazijn", "entrepot", "warehouse", "stock", "heftruck", "clark", "order picking"),
    "construction": ("construct", "bouw", "chantier", "batiment", "metsel", "macon", "schilder", "peint",
                     "renovat", "werf"),
    "administration": ("admin", "secretar", "bureau", "kantoor", "encod", "office", "boekhoud", "comptab"),
    "care": ("care", "zorg", "soin", "aide", "senior", "bejaard", "kinder", "enfant", "child", "creche"),
}


@dataclass(frozen=True)
class Suggestion:
    offer: Offer
    score: int
    reasons: tuple  # codes of core/choices.py FIT_REASONS, strongest first


def plain(text):
    """Lower case without accents, so that "Cuisinière" meets "cuisin"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def functions_for(skills):
    words = plain(skills)
    return {function for function, stems in SKILL_WORDS.items() if any(stem in words for stem in stems)}


def pool(candidate, functions, communes):
    """The offers worth scoring for this candidate: one statement, at most POOL rows."""
    languages = [cast(Offer.languages, String).like(f'%"{code}"%') for code in candidate.languages or []]
    plausible = [Offer.commune.in_(communes)] + languages
    if functions:
        plausible.append(Offer.function.in_(functions))
    already = exists().where(Referral.offer_id == Offer.id, Referral.candidate_id == candidate.id,
                             Referral.status.in_(workflow.BLOCKS_NEW_REFERRAL))
    statement = (db.select(Offer).options(joinedload(Offer.organisation))
                 .where(Offer.status == "published", or_(*plausible), ~already,
                        or_(Offer.application_deadline.is_(None), Offer.application_deadline >= brussels_today())))
    if candidate.consent_organisation_ids is not None:
        statement = statement.where(Offer.organisation_id.in_(candidate.consent_organisation_ids))
    return db.session.execute(statement.order_by(Offer.created_at.desc(), Offer.id.desc()).limit(POOL)).scalars().all()


def score(candidate, offer, functions, near):
    reasons = []
    asked = set(offer.languages or [])
    if asked:
        reasons.append("shared_languages" if asked & set(candidate.languages or []) else "no_shared_language")
    if offer.commune == candidate.commune:
        reasons.append("same_commune")
    elif offer.commune in near:
        reasons.append("neighbouring_commune")
    if offer.function in functions:
        reasons.append("function_matches_skills")
    if candidate.available_from is not None:
        reasons.append("available_by_start" if candidate.available_from <= offer.start_date
                       else "available_after_start")
    if candidate.hours_per_week:
        reasons.append("hours_fit" if offer.hours_per_week <= candidate.hours_per_week else "more_hours")
    total = sum(WEIGHTS[code] for code in reasons)
    if "shared_languages" in reasons:
        total += WEIGHTS["shared_languages"] * (len(asked & set(candidate.languages)) - 1)
    return Suggestion(offer, total, tuple(sorted(reasons, key=lambda code: -WEIGHTS[code])))


def suggestions_for(candidate):
    """The best SHOWN offers with a positive score; none for a candidate who may not be
    referred (erased, consent revoked or ended)."""
    if candidate.is_erased or not candidate.consent_in_force:
        return []
    functions = functions_for(candidate.skills)
    near = neighbours(candidate.commune)
    scored = [score(candidate, offer, functions, near)
              for offer in pool(candidate, functions, near | {candidate.commune})]
    ranked = sorted((s for s in scored if s.score > 0), key=lambda s: (-s.score, s.offer.start_date, s.offer.id))
    return ranked[:SHOWN]


def read_suggested_offers(actor, candidate_id):
    """GET /api/v1/candidates/{id}/suggested-offers: the owning OCMW's members only (404 for
    anyone else, another OCMW included); the read of the candidate's data is audit-logged."""
    candidate = permissions.get_candidate_for(actor, candidate_id)
    suggestions = suggestions_for(candidate)
    audit.record(actor, "candidate.suggestions", candidate, organisation_id=candidate.organisation_id,
                 offer_ids=[s.offer.id for s in suggestions])
    commit(keep_loaded=True)
    return suggestions
