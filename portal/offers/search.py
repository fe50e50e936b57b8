"""Offer search: full text in every language version, plus filters, over the offers a visitor
may see; best matches first (title before description), else newest first.

The text matching lives in core/search_keys.py and is described there: on PostgreSQL the
GIN-indexed nl/fr document of the offers' search keys, on SQLite LIKE on the stemmed keys.
The organisation's name is matched too, through a look-up of the (few) organisations first.
"""
from sqlalchemy import String, and_, case, cast, false, func, literal_column, or_, union_all
from sqlalchemy.orm import joinedload

from portal.core import actors, cache, search_keys
from portal.extensions import db
from portal.offers import permissions
from portal.offers.forms import OFFER_STATUSES
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


def text_condition(q):
    """The offers answering every word of `q` in any language version, or by their
    organisation's name; None without a text."""
    if not q:
        return None
    stems = search_keys.query_stems(q)
    if not stems:  # punctuation only ("%"): matched as typed
        pattern = f"%{search_keys.escape_like(q)}%"
        return or_(Offer.title.ilike(pattern, escape="\\"), Offer.description.ilike(pattern, escape="\\"))
    organisation_ids = organisation_name_matches(q)
    by_organisation = Offer.organisation_id.in_(organisation_ids) if organisation_ids else false()
    if search_keys.is_postgresql():
        return or_(search_document().op("@@")(search_keys.ts_query(q)), by_organisation)
    return or_(_in_text(stems), by_organisation)


def text_rank(q):
    """An ascending sort key over the matches of `q` (title, then description, then the
    organisation's name); None without a text. Reads nothing."""
    if not q:
        return None
    stems = search_keys.query_stems(q)
    if not stems:
        return Offer.id
    if search_keys.is_postgresql():
        return -func.ts_rank(search_document(), search_keys.ts_query(q))
    in_title = and_(*(search_keys.contains(Offer.search_title, s) for s in stems))
    return case((in_title, 0), (_in_text(stems), 1), else_=2)


def _in_text(stems):
    contains = search_keys.contains
    return and_(*(or_(contains(Offer.search_title, s), contains(Offer.search_body, s)) for s in stems))


def search_offers(user, filters, first=None):
    """A select of the offers `user` may see matching `filters` (validated codes): with a
    text, best matches first (title, then description, then the organisation's name), else
    newest first.

    Without a status filter, visitors get published offers, and the owner's members also
    their own drafts, filled and closed offers. `first`: only that many rows will be read
    (a page's offset plus its size), which lets each branch below stop early.
    """
    return _ordered(_branches(user, filters), filters, first)


def _ordered(branches, filters, first=None):
    rank = text_rank(_text(filters))
    if rank is None:
        return _combine(branches, first)
    # Ranked: the text's own index has already cut the rows, so the branches only name the
    # visible ids and the rank orders them.
    visible = union_all(*(branch.with_only_columns(Offer.id) for branch in branches)).subquery()
    return (db.select(Offer).where(Offer.id.in_(db.select(visible.c.id))).options(joinedload(Offer.organisation))
            .order_by(rank, Offer.created_at.desc(), Offer.id.desc()))


def _text(filters):
    return (filters.get("q") or "").strip()


def _branches(user, filters):
    """The visible offers as disjoint selects, each one condition an index serves.

    "published OR ours" in one WHERE keeps PostgreSQL off both indexes (every offer read and
    sorted: ~38 ms at 10,000 offers); "published" and "ours but not published" are two
    ordered index scans. Disjoint, so their UNION ALL counts nothing twice.
    """
    conditions = _filter_conditions(filters)
    own = actors.organisation_of(user)
    status = filters.get("status")
    if status:
        if status not in permissions.PUBLIC_OFFER_STATUSES:  # drafts and closed offers: the owner's alone
            conditions.append(Offer.organisation_id == own.id if own is not None else false())
        return [db.select(Offer).where(Offer.status == status, *conditions)]
    published = db.select(Offer).where(Offer.status == "published", *conditions)
    if own is None:
        return [published]
    # the statuses as a list, not "!= published": the (organisation_id, status) index serves it
    unpublished = [code for code in OFFER_STATUSES.codes if code != "published"]
    return [published, db.select(Offer).where(Offer.organisation_id == own.id, Offer.status.in_(unpublished),
                                              *conditions)]


def _combine(branches, first=None):
    if len(branches) == 1:
        return _newest_first(branches[0])
    ids = [branch.with_only_columns(Offer.id) for branch in branches]
    if first is not None:  # each branch sorted and cut by its own index scan, then merged
        ids = [db.select(branch.order_by(Offer.created_at.desc(), Offer.id.desc()).limit(first).subquery())
               for branch in ids]
    # the offers whose ids the branches name, not an entity aliased over their union: SQLAlchemy
    # builds an alias's attribute proxies anew on every request (~3 ms per computed page)
    visible = union_all(*ids).subquery("visible_offers")
    return _newest_first(db.select(Offer).where(Offer.id.in_(db.select(visible.c.id))))


def _newest_first(statement):
    return statement.options(joinedload(Offer.organisation)).order_by(Offer.created_at.desc(), Offer.id.desc())


def _filter_conditions(filters):
    conditions = [getattr(Offer, name) == filters[name] for name in FILTERS if filters.get(name)]
    if filters.get("language"):
        # languages is a JSON list of codes: '["fr", "nl"]' in both databases
        conditions.append(cast(Offer.languages, String).like(f'%"{filters["language"]}"%'))
    condition = text_condition(_text(filters))
    if condition is not None:
        conditions.append(condition)
    return conditions


# What a list of offers depends on: the offers, and organisations (names matched by the search).
DOMAINS = ("offers", "organisations")


def paginate_offers(user, filters, page, per_page):
    """A page of search_offers(user, filters); its total is cached per data version (exact:
    any write to offers or organisations makes a new key)."""
    own = actors.organisation_of(user)
    count_key = ("offers", own.id if own is not None else None,
                 tuple(sorted((name, value) for name, value in filters.items() if value)))
    branches = _branches(user, filters)
    return cache.paginate(_ordered(branches, filters, first=page * per_page), page, per_page, DOMAINS, count_key,
                          count_statement=_ordered(branches, filters))
