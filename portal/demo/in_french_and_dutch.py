"""The demo's texts in the other language of Brussels (issue 16): the 28 June 2023 study day,
written in Dutch by Tracé Brussel, in French too (title, description, venue, every agenda
item and its speakers' roles), and a third of the demo offers in both languages.

Applied when a record is created, and to records of an older demo that have no translation
yet (so that a second run changes nothing).
"""

STUDY_DAY_FR = {
    "title": "Collaboration entre les CPAS et les entreprises sociales d’insertion",
    "description": (
        "Le mercredi 28 juin 2023, une journée d'étude s'est tenue au Parlement bruxellois sur la collaboration "
        "entre les CPAS et les entreprises sociales d'insertion à Bruxelles. Elle était organisée par Tracé "
        "Brussel asbl, avec les fédérations FeBIO et FeBISP et la fédération des CPAS bruxellois, Brulocalis.\n\n"
        "Tous les CPAS et les entreprises sociales d'insertion agréées étaient invités à faire connaissance, à "
        "échanger des informations et à réfléchir ensemble aux défis collectifs de la mise à l'emploi de "
        "travailleurs sous statut article 60§7.\n\n"
        "Les heures du programme sont données à titre d'exemple : la source ne mentionne que l'ordre du programme."
    ),
    "venue": "Parlement bruxellois",
}

# By the Dutch title of the agenda item: its French title and its speakers' roles, in order.
STUDY_DAY_AGENDA_FR = {
    "Verwelkoming": ("Accueil", ["président"]),
    "Inleiding": ("Introduction", ["collaborateur de cabinet"]),
    "De waarde van een artikel 60§7 traject voor de emancipatie van een persoon met verhoogde kwetsbaarheid": (
        "La valeur d'un parcours article 60§7 pour l'émancipation d'une personne en situation de vulnérabilité",
        ["analyste"]),
    "De werking en uitdagingen van de OCMW's in het Brussels Gewest": (
        "Le fonctionnement et les défis des CPAS en Région de Bruxelles-Capitale", ["secrétaire général"]),
    "De sociale inschakelingseconomie: het recent gewijzigde wettelijke kader en de huidige problemen bij de "
    "tewerkstelling van artikel 60 werknemers": (
        "L'économie sociale d'insertion : le cadre légal récemment modifié et les difficultés actuelles de la mise "
        "à l'emploi des travailleurs article 60", ["fédération", "fédération"]),
    "Pauze": ("Pause", []),
    "Panelgesprek: toeleiding en rekrutering van artikel 60§7 werknemers": (
        "Table ronde : orientation et recrutement des travailleurs article 60§7",
        ["directrice du SPI", "directeur", "directrice"]),
    "Vragen uit het publiek": ("Questions du public", []),
    "Slotwoord": ("Mot de clôture", ["directeur de la fédération des CPAS bruxellois"]),
}

# By offer title: (the language it is written in, its other language version or None).
OFFERS = {
    "Commis de cuisine / keukenhulp": ("fr", {"nl": {
        "title": "Keukenhulp",
        "description": "Je maakt groenten klaar en helpt bij de voorbereiding en de middagservice.\n\n"
                       "Begeleiding door een chef-opleider; dagwerk, van maandag tot vrijdag."}}),
    "Schoonmaker kantoren": ("nl", {"fr": {
        "title": "Nettoyeur/nettoyeuse de bureaux",
        "description": "Vous nettoyez des bureaux et des espaces communs dans une équipe de quatre.\n\n"
                       "Formation aux techniques de nettoyage professionnel comprise."}}),
    "Renovatiearbeider": ("nl", {"fr": {
        "title": "Ouvrier/ouvrière en rénovation",
        "description": "Démolition, plafonnage et peinture sur des chantiers de rénovation à Anderlecht.\n\n"
                       "Chaussures de sécurité et vêtements de travail fournis."}}),
    "Fietshersteller en bakfietskoerier": ("nl", {"fr": {
        "title": "Réparateur de vélos et coursier à vélo cargo",
        "description": "Vous réparez des vélos d'occasion et livrez en vélo cargo dans la zone du canal."}}),
    "Ouvrier/ouvrière espaces verts": ("fr", {"nl": {
        "title": "Arbeider groenvoorziening",
        "description": "Maaien, snoeien en planten in de gemeentelijke parken.\n\nRijbewijs B is een pluspunt."}}),
    "Réceptionniste centre d'accueil / onthaalmedewerker": ("fr", {"nl": {
        "title": "Onthaalmedewerker opvangcentrum",
        "description": "Onthaal van bewoners en bezoekers, telefoonpermanentie, bijhouden van het register.\n\n"
                       "Teamwerk, wisselende uurroosters."}}),
    "IT-ondersteuning computerklas": ("nl", {"fr": {
        "title": "Support informatique de la classe d'ordinateurs",
        "description": "Installation et entretien des PC de la classe d'informatique."}}),
    "Agent·e d'entretien logements sociaux": ("fr", None),
    "Chauffeur / chauffeur maraudes": ("fr", None),
    "Veilleur de nuit / nachtwaker": ("fr", None),
    "Aide-soignant·e en maison de repos": ("fr", None),
}


def study_day(event):
    """Give the study day its French version (and each agenda item its own)."""
    if not event.translations:
        event.translations = {"fr": dict(STUDY_DAY_FR)}
    for item in event.agenda:
        title, roles = STUDY_DAY_AGENDA_FR.get(item.title, (None, []))
        if title and not item.translations:
            item.translations = {"fr": {"title": title, **({"speaker_roles": roles} if roles else {})}}


def offer(record, written_in=None):
    """The offer's language and other version, when the demo has them."""
    language, other = OFFERS.get(record.title, (written_in, None))
    if language and not record.translations:
        record.language = language
        if other:
            record.translations = other
