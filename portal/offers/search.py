"""Offer search: full text in every language version, plus filters, over the offers a visitor
may see; best matches first (title before description), else newest first.

The text matching lives in core/search_keys.py and is described there: on PostgreSQL the
GIN-indexed nl/fr document of the offers' search keys, on SQLite LIKE on the stemmed keys.
The organisation's name is matched too, through a look-up of the (few) organisations first.
"""
from sqlalchemy import String, and_, case, cast, false, func, literal_column, or_
from sqlalchemy.orm import joinedload

from portal.core import cache, permissions, search_keys
from portal.extensions import db
from portal.offers.models import Offer
from portal.organisations.models import Organisation

FILTERS = ("commune", "sector", "function", "contract_type")


def search_document():
    """The indexed expression (the same as models.SEARCH_DOCUMENT and ix_offers_search)."""
    return search_keys.weighted_document(
        ("tandem_dutch", Offer.search_title, "A"), ("tandem_french", Offer.search_title, "A"),
        ("tandem_dutch", Offer.search_body, "B"), ("tandem_french", Offer.search_body, "B"))


def organisation_name_matches(q):
    """Ids of the organisations whose name answers every word of `q`."""
    if search_keys.is_postgresql():
        query = search_keys.ts_query(q, ("tandem_simple",))
        condition = func.to_tsvector(literal_column("'tandem_simple'"), Organisation.search_title).op("@@")(query)
    else:
        condition = and_(*(search_keys.contains(Organisation.search_title, s) for s in search_keys.query_stems(q)))
    return db.session.scalars(db.select(Organisation.id).where(condition)).all()


def text_match(q):
    """(condition, rank) for the offers answering `q`: rank sorts ascending, best first."""
    if not q:
        return None, None
    stems = search_keys.query_stems(q)
    if not stems:  # punctuation only ("%"): matched as typed
        pattern = f"%{search_keys.escape_like(q)}%"
        return or_(Offer.title.ilike(pattern, escape="\\"), Offer.description.ilike(pattern, escape="\\")), Offer.id
    organisation_ids = organisation_name_matches(q)
    by_organisation = Offer.organisation_id.in_(organisation_ids) if organisation_ids else false()
    if search_keys.is_postgresql():
        query = search_keys.ts_query(q)
        return or_(search_document().op("@@")(query), by_organisation), -func.ts_rank(search_document(), query)
    contains = search_keys.contains
    in_text = and_(*(or_(contains(Offer.search_title, s), contains(Offer.search_body, s)) for s in stems))
    in_title = and_(*(contains(Offer.search_title, s) for s in stems))
    return or_(in_text, by_organisation), case((in_title, 0), (in_text, 1), else_=2)


def search_offers(user, filters):
    """A select of the offers `user` may see matching `filters` (validated codes): with a
    text, best matches first (title, then description, then the organisation's name), else
    newest first.

    Without a status filter, visitors get published offers, and the owner's members also
    their own drafts, filled and closed offers.
    """
    statement = permissions.offers_visible_to(user).options(joinedload(Offer.organisation))
    status = filters.get("status")
    if status:
        statement = statement.where(Offer.status == status)
    else:
        own = permissions.organisation_of(user)
        condition = Offer.status == "published"
        if own is not None:
            condition = or_(condition, Offer.organisation_id == own.id)
        statement = statement.where(condition)
    for name in FILTERS:
        if filters.get(name):
            statement = statement.where(getattr(Offer, name) == filters[name])
    if filters.get("language"):
        # languages is a JSON list of codes: '["fr", "nl"]' in both databases
        statement = statement.where(cast(Offer.languages, String).like(f'%"{filters["language"]}"%'))
    condition, rank = text_match((filters.get("q") or "").strip())
    if condition is None:
        return statement.order_by(Offer.created_at.desc(), Offer.id.desc())
    return statement.where(condition).order_by(rank, Offer.created_at.desc(), Offer.id.desc())


# What a list of offers depends on: the offers, and organisations (names matched by the search).
DOMAINS = ("offers", "organisations")


def paginate_offers(user, filters, page, per_page):
    """A page of search_offers(user, filters); its total is cached per data version (exact:
    any write to offers or organisations makes a new key)."""
    own = permissions.organisation_of(user)
    count_key = ("offers", own.id if own is not None else None,
                 tuple(sorted((name, value) for name, value in filters.items() if value)))
    return cache.paginate(search_offers(user, filters), page, per_page, DOMAINS, count_key)
