"""Demo offers, candidates and referrals — and Samusocial's 2021 programme (seed 000_…).

Samusocial's 2021 annual-report page publishes: 106 people under article 60§7 supported,
53 contracts ended during 2021, 26 of them then hired by Samusocial (as receptionist,
driver, maintenance worker, kitchen help, night watch, polyvalent worker, IT support),
with a network of 6 partner OCMWs (Anderlecht, Watermaal-Bosvoorde, Sint-Lambrechts-Woluwe
named). The placements below make the report definitions of API.md give exactly those
figures. Those people left long ago: their personal fields are already anonymised, as the
retention rule would have done; the placement facts remain.

Records are looked up by stable keys (organisation + title, organisation + reference), so
a second run adds nothing. `synthetic()` adds volume with bulk inserts.
"""
import random
from datetime import UTC, date, datetime, time, timedelta

from portal.core.types import BRUSSELS, utcnow
from portal.demo import in_french_and_dutch
from portal.demo.offers_volume import bulk_candidates, bulk_offers
from portal.extensions import db
from portal.offers.models import Offer
from portal.organisations.models import Organisation
from portal.referrals import workflow
from portal.referrals.models import Candidate, Placement, PlacementNote, Referral, ReferralMove
from portal.referrals.services.calendar import add_working_days

SYNTHETIC = ("offers", "candidates")

# (organisation key, title, function, sector, commune, hours, contract, languages, status, description)
OFFERS = [
    ("resto-solidaire", "Commis de cuisine / keukenhulp", "kitchen_help", "horeca", "saint-gilles-sint-gillis", 38,
     "art60", ["fr"], "published",
     "Vous préparez les légumes, aidez à la mise en place et au service du midi.\n\n"
     "Encadrement par un chef formateur; horaire de jour, du lundi au vendredi."),
    ("arpaije", "Schoonmaker kantoren", "cleaning", "cleaning", "molenbeek-saint-jean-sint-jans-molenbeek", 30,
     "art60", ["nl", "fr"], "published",
     "Je maakt kantoren en gemeenschappelijke ruimtes schoon in een ploeg van vier.\n\n"
     "Opleiding in professionele reinigingstechnieken inbegrepen."),
    ("arpaije", "Hulpkok catering", "kitchen_help", "horeca", "molenbeek-saint-jean-sint-jans-molenbeek", 38,
     "art60", ["nl"], "filled", "Ondersteuning van de keukenploeg bij maaltijden voor scholen."),
    ("casablanco", "Renovatiearbeider", "construction", "construction", "anderlecht", 38, "art60", ["nl", "fr"],
     "published", "Afbraak, pleisterwerk en schilderwerk op renovatiewerven in Anderlecht.\n\n"
     "Veiligheidsschoenen en werkkledij worden voorzien."),
    ("casablanco", "Stage schilder-decorateur", "construction", "construction", "anderlecht", 20, "internship",
     ["nl"], "draft", "Stage van drie maanden in onze schilderploeg."),
    ("atelier-zenne", "Fietshersteller en bakfietskoerier", "logistics", "recycling", "anderlecht", 38, "art60",
     ["nl", "fr", "en"], "published", "Je herstelt tweedehandsfietsen en levert per bakfiets in de Kanaalzone."),
    ("mains-vertes", "Ouvrier/ouvrière espaces verts", "maintenance", "green_spaces", "forest-vorst", 38, "art60",
     ["fr"], "published", "Tonte, taille et plantations dans les parcs communaux.\n\nPermis B apprécié."),
    ("net-propre", "Agent·e d'entretien logements sociaux", "cleaning", "cleaning", "schaerbeek-schaarbeek", 25,
     "art60", ["fr"], "closed", "Entretien des parties communes d'immeubles de logements sociaux."),
    ("samusocial", "Réceptionniste centre d'accueil / onthaalmedewerker", "receptionist", "care",
     "bruxelles-brussel", 38, "art60", ["fr", "nl"], "published",
     "Accueil des résidents et des visiteurs, permanence téléphonique, tenue du registre.\n\n"
     "Travail en équipe, horaires en roulement."),
    ("samusocial", "Chauffeur / chauffeur maraudes", "driver", "care", "bruxelles-brussel", 38, "art60",
     ["fr"], "published", "Conduite des véhicules des équipes mobiles et livraisons entre centres. Permis B requis."),
    ("samusocial", "Veilleur de nuit / nachtwaker", "night_watch", "care", "bruxelles-brussel", 38, "art60",
     ["fr", "nl", "ar"], "published", "Présence de nuit dans un centre d'hébergement d'urgence."),
    ("les-tilleuls", "Aide-soignant·e en maison de repos", "care", "care", "uccle-ukkel", 30, "art60",
     ["fr"], "published", "Accompagnement des résidents dans les gestes du quotidien, en binôme."),
    ("buurthuis-noord", "Polyvalent medewerker buurthuis", "polyvalent", "culture", "schaerbeek-schaarbeek", 30,
     "art60", ["nl", "tr"], "published", "Onthaal, kleine herstellingen en hulp bij activiteiten in het buurthuis."),
    ("buurthuis-noord", "IT-ondersteuning computerklas", "it_support", "it", "schaerbeek-schaarbeek", 19,
     "gesco", ["nl", "fr", "en"], "published", "Installatie en onderhoud van de pc's van de computerklas."),
]

# (OCMW key, reference, first name, last initial, birth year, languages, skills, commune)
CANDIDATES = [
    ("ocmw-anderlecht", "AND-2026-014", "Youssef", "E", 1991, ["fr", "ar"], "Cuisine collective, 2 ans.", "anderlecht"),
    ("ocmw-anderlecht", "AND-2026-022", "Maria", "S", 1985, ["pt", "fr"], "Nettoyage de bureaux.", "anderlecht"),
    ("ocmw-anderlecht", "AND-2026-031", "Kevin", "D", 1998, ["nl", "fr"], "Rijbewijs B, magazijnwerk.", "anderlecht"),
    ("ocmw-anderlecht", "AND-2026-040", "Fatou", "N", 1993, ["fr", "en"], "Accueil, caisse.", "anderlecht"),
    ("ocmw-schaerbeek-schaarbeek", "SCH-26-103", "Emre", "K", 1989, ["tr", "nl", "fr"], "Electricien.",
     "schaerbeek-schaarbeek"),
    ("ocmw-schaerbeek-schaarbeek", "SCH-26-117", "Olena", "P", 1979, ["uk", "en"], "Aide-soignante en Ukraine.",
     "schaerbeek-schaarbeek"),
    ("ocmw-saint-gilles-sint-gillis", "STG-0412", "Samir", "B", 1996, ["fr", "ar"], "Plonge et commis.",
     "saint-gilles-sint-gillis"),
    ("ocmw-saint-gilles-sint-gillis", "STG-0419", "Ana", "R", 1990, ["es", "fr"], "Jardinage.",
     "saint-gilles-sint-gillis"),
]

# (candidate reference, offer title, path of statuses, started, ended, outcome)
REFERRALS = [
    ("AND-2026-014", "Commis de cuisine / keukenhulp", ["submitted"], None, None, None),
    ("AND-2026-022", "Schoonmaker kantoren", ["submitted", "in_review"], None, None, None),
    ("SCH-26-103", "Polyvalent medewerker buurthuis", ["submitted", "in_review", "interview"], None, None, None),
    ("AND-2026-040", "Réceptionniste centre d'accueil / onthaalmedewerker", ["submitted", "accepted"], None, None,
     None),
    ("STG-0419", "Ouvrier/ouvrière espaces verts", ["submitted", "declined"], None, None, None),
    ("AND-2026-031", "Fietshersteller en bakfietskoerier", ["submitted", "withdrawn"], None, None, None),
    ("STG-0412", "Hulpkok catering", ["submitted", "interview", "accepted", "started"], -330, None, None),
    ("SCH-26-117", "Aide-soignant·e en maison de repos", ["submitted", "accepted", "started", "ended"], -400, -35,
     "hired"),
]

# Samusocial 2021 (seed 000_…): six partner OCMWs, the first three named in the report.
SAMUSOCIAL_OCMWS = ["ocmw-anderlecht", "ocmw-watermael-boitsfort-watermaal-bosvoorde",
                    "ocmw-woluwe-saint-lambert-sint-lambrechts-woluwe", "ocmw-bruxelles-brussel",
                    "ocmw-schaerbeek-schaarbeek", "ocmw-ixelles-elsene"]
HIRED_2021 = {"receptionist": 4, "driver": 4, "maintenance": 4, "kitchen_help": 4, "night_watch": 3,
              "polyvalent": 4, "it_support": 3}  # 26
OTHER_ENDINGS_2021 = {"broken_off": 9, "job_seeking": 8, "training": 5, "hired_elsewhere": 5}  # 27
SUPPORTED_2021, ENDED_2021 = 106, 53
SAMUSOCIAL_TITLES = {
    "receptionist": "Onthaalmedewerker / réceptionniste (2020-2021)",
    "driver": "Chauffeur (2020-2021)",
    "maintenance": "Onderhoudsmedewerker / ouvrier d'entretien (2020-2021)",
    "kitchen_help": "Keukenhulp / aide-cuisine (2020-2021)",
    "night_watch": "Nachtwaker / veilleur de nuit (2020-2021)",
    "polyvalent": "Polyvalent medewerker / ouvrier polyvalent (2020-2021)",
    "it_support": "IT-ondersteuning / support IT (2020-2021)",
}
SAMUSOCIAL_SECTORS = {"it_support": "it", "driver": "logistics", "maintenance": "care"}


def _organisations():
    from portal.demo import organisations

    return organisations


def _at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=BRUSSELS).astimezone(UTC)


def load(echo=print):
    orgs = _organisations()
    today = utcnow().astimezone(BRUSSELS).date()
    offers = {}
    added = 0
    for key, title, function, sector, commune, hours, contract, languages, status, description in OFFERS:
        organisation = orgs.get(key)
        offer = _find_offer(organisation.id, title)
        if offer is None:
            offer = Offer(organisation_id=organisation.id, title=title, description=description, sector=sector,
                          function=function, commune=commune, positions=1 + len(title) % 3, languages=languages,
                          hours_per_week=hours, start_date=today + timedelta(days=30), contract_type=contract,
                          status=status, created_by_id=getattr(orgs.user(key), "id", None))
            db.session.add(offer)
            added += 1
        in_french_and_dutch.offer(offer)
        offers[title] = offer
    db.session.flush()
    candidates = {}
    for key, reference, first_name, initial, born, languages, skills, commune in CANDIDATES:
        organisation = orgs.get(key)
        candidate = _find_candidate(organisation.id, reference)
        if candidate is None:
            candidate = Candidate(organisation_id=organisation.id, reference=reference, first_name=first_name,
                                  last_initial=initial, birth_year=born, languages=languages, skills=skills,
                                  commune=commune, available_from=today, consent_date=today - timedelta(days=20),
                                  consent_recorded_by_id=getattr(orgs.user(key), "id", None),
                                  notes="Fictional demo person.")
            db.session.add(candidate)
            db.session.flush()
            candidates[reference] = (candidate, key)
    for reference, title, path, started, ended, outcome in REFERRALS:
        if reference not in candidates:
            continue  # already loaded
        candidate, ocmw_key = candidates[reference]
        offer = offers[title]
        host_key = next(k for k, t, *_ in OFFERS if t == title)
        start = today + timedelta(days=started) if started is not None else None
        end = today + timedelta(days=ended) if ended is not None else None
        # the lone "submitted" referral is a week old: overdue on both dashboards
        age = 25 if started is not None else 6 if path == ["submitted"] else 1 + len(path)
        first = (start or today) - timedelta(days=age)
        _referral(candidate, offer, path, orgs.user(ocmw_key), orgs.user(host_key), first, start, end, outcome,
                  planned_end=today + timedelta(days=20) if path[-1] == "started" else None)
    samusocial = _samusocial_2021(orgs)
    db.session.commit()
    echo(f"demo offers: {added} offers, {len(candidates)} candidates added; Samusocial 2021: "
         f"{'added' if samusocial else 'already there'}")


def _find_offer(organisation_id, title):
    return db.session.execute(db.select(Offer).where(
        Offer.organisation_id == organisation_id, Offer.title == title)).scalar_one_or_none()


def _find_candidate(organisation_id, reference):
    return db.session.execute(db.select(Candidate).where(
        Candidate.organisation_id == organisation_id, Candidate.reference == reference)).scalar_one_or_none()


DEMO_CLOSE_REASONS = {"declined": "profile_mismatch", "withdrawn": "found_elsewhere"}
BROKEN_OFF_REASONS = ("health", "unreachable", "candidate_declined", "other")


def _referral(candidate, offer, path, ocmw_user, host_user, first_day, start, end, outcome, planned_end=None):
    """A referral that went through `path`, with its history and placement, dated as given."""
    referral = Referral(candidate_id=candidate.id, offer_id=offer.id, ocmw_id=candidate.organisation_id,
                        host_id=offer.organisation_id, status=path[-1], message="",
                        created_by_id=getattr(ocmw_user, "id", None), created_at=_at(first_day))
    moves, previous, day = [], None, first_day
    for step, status in enumerate(path):
        if status == "started":
            day = start
        elif status == "ended":
            day = end
        elif step:
            day = min(day + timedelta(days=2), start or day + timedelta(days=2))
        side = workflow.SENDING if status in ("submitted", "withdrawn") else workflow.RECEIVING
        user = ocmw_user if side == workflow.SENDING else host_user
        moves.append(ReferralMove(from_status=previous, to_status=status, at=_at(day), side=side,
                                  by_id=getattr(user, "id", None), comment=""))
        previous = status
    referral.history = moves
    referral.notes = []
    if referral.status in workflow.AWAITING_RECEIVER:
        referral.respond_by = add_working_days(moves[-1].at, workflow.OVERDUE_WORKING_DAYS)
    if referral.status in ("declined", "withdrawn"):
        referral.closed_on = day
        referral.close_reason = DEMO_CLOSE_REASONS[referral.status]
        moves[-1].reason = referral.close_reason
    if "accepted" in path:
        referral.placement = Placement(host_id=offer.organisation_id, ocmw_id=candidate.organisation_id,
                                       function=offer.function, started_on=start, ended_on=end, outcome=outcome,
                                       agreement_signed_on=start - timedelta(days=7) if start else None,
                                       planned_end=planned_end or (start + timedelta(days=365) if start else None),
                                       hours_per_week=offer.hours_per_week, job_coach="Job coach (demo)",
                                       supervisor="Supervisor (demo)")
        if end:
            referral.closed_on = end
        if outcome == "broken_off":  # the reasons job coaches give most, in turn
            referral.placement.end_reason = BROKEN_OFF_REASONS[candidate.id % len(BROKEN_OFF_REASONS)]
            moves[-1].reason = referral.placement.end_reason
    if referral.status == "started":
        referral.notes = [PlacementNote(on=start + timedelta(days=30), text="Goede start, stipt en gemotiveerd.",
                                        author_id=getattr(host_user, "id", None), side=workflow.RECEIVING)]
    db.session.add(referral)
    return referral


def _samusocial_2021(orgs):
    """106 placements hosted by Samusocial overlapping 2021: 53 ended in 2021, 26 then hired."""
    samusocial = orgs.get("samusocial")
    if _find_offer(samusocial.id, SAMUSOCIAL_TITLES["receptionist"]) is not None:
        return False
    offers = {}
    for function, title in SAMUSOCIAL_TITLES.items():
        offer = _find_offer(samusocial.id, title)
        if offer is None:
            offer = Offer(organisation_id=samusocial.id, title=title, sector=SAMUSOCIAL_SECTORS.get(function, "care"),
                          description="Article 60§7 — programme « Intégration socioprofessionnelle ».",
                          function=function, commune="bruxelles-brussel", positions=8, languages=["fr", "nl"],
                          hours_per_week=38, start_date=date(2020, 1, 6), contract_type="art60", status="closed",
                          created_at=_at(date(2019, 11, 4)))
            in_french_and_dutch.offer(offer, written_in="fr")
            db.session.add(offer)
        offers[function] = offer
    db.session.flush()
    endings_2021 = [("hired", f) for f, n in HIRED_2021.items() for _ in range(n)]
    functions = list(SAMUSOCIAL_TITLES)
    endings_2021 += [(outcome, functions[i % len(functions)])
                     for i, (outcome, n) in enumerate(OTHER_ENDINGS_2021.items()) for _ in range(n)]
    rng = random.Random(2021)
    rows = []
    for i, (outcome, function) in enumerate(endings_2021):  # ended within 2021
        end = date(2021, 1, 15) + timedelta(days=(i * 347) // len(endings_2021))
        start = end - timedelta(days=300 + rng.randint(0, 200))
        rows.append((function, start, end, outcome))
    later = ["training", "job_seeking", "hired", "hired_elsewhere", "broken_off"]
    for i in range(SUPPORTED_2021 - ENDED_2021):  # still working on 31 December 2021
        start = date(2020, 6, 1) + timedelta(days=(i * 570) // (SUPPORTED_2021 - ENDED_2021))
        end = max(start + timedelta(days=365 + rng.randint(0, 150)), date(2022, 1, 10))
        rows.append((functions[i % len(functions)], start, end, later[i % len(later)]))
    for number, (function, start, end, outcome) in enumerate(rows, start=1):
        ocmw_key = SAMUSOCIAL_OCMWS[number % len(SAMUSOCIAL_OCMWS)]
        ocmw = orgs.get(ocmw_key)
        candidate = Candidate(organisation_id=ocmw.id, reference="",
                              languages=["fr"], commune=ocmw.commune, consent_date=start - timedelta(days=40),
                              erased_at=_at(end + timedelta(days=366)))
        db.session.add(candidate)
        db.session.flush()
        _referral(candidate, offers[function], ["submitted", "accepted", "started", "ended"], orgs.user(ocmw_key),
                  orgs.user("samusocial"), start - timedelta(days=30), start, end, outcome)
    return True


def synthetic(echo=print, offers=0, candidates=0):
    approved = db.select(Organisation).where(Organisation.status == "approved").order_by(Organisation.id)
    if offers:
        publishers = db.session.execute(approved.where(Organisation.type.in_(("sie", "host")))).scalars().all()
        bulk_offers(publishers, offers)
        echo(f"synthetic: {offers} published offers added")
    if candidates:
        ocmws = db.session.execute(approved.where(Organisation.type == "ocmw")).scalars().all()
        bulk_candidates(ocmws, candidates)
        echo(f"synthetic: {candidates} candidates added")
