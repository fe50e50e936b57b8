"""Offer search: full text plus filters, newest first, over the offers a visitor may see.

PostgreSQL matches a tsvector expression that has a GIN index (migration 0002); SQLite
matches with LIKE (case-insensitive for ASCII), which stays fast at tens of thousands of
offers. The organisation's name is matched through a sub-query on organisations.
"""
import re

from sqlalchemy import String, and_, cast, false, func, literal_column, or_, union_all
from sqlalchemy.orm import aliased, joinedload

from portal.core import cache, permissions
from portal.extensions import db
from portal.offers.forms import OFFER_STATUSES
from portal.offers.models import SEARCH_CONFIG, Offer
from portal.organisations.models import Organisation

FILTERS = ("commune", "sector", "function", "contract_type")


def search_document():
    """The indexed expression (identical to the migration's ix_offers_search)."""
    # literals, not bound parameters: the planner matches the index expression textually
    empty, space = literal_column("''"), literal_column("' '")
    text = func.coalesce(Offer.title, empty).op("||")(space).op("||")(func.coalesce(Offer.description, empty))
    return func.to_tsvector(literal_column(f"'{SEARCH_CONFIG}'"), text)


def _escape_like(term):
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_condition(q):
    dialect = db.session.get_bind().dialect.name
    pattern = f"%{_escape_like(q)}%"
    # Organisations are few: look their ids up first, so that PostgreSQL can combine two
    # index scans (a sub-query inside OR would force a sequential scan).
    organisation_ids = db.session.scalars(
        db.select(Organisation.id).where(Organisation.name.ilike(pattern, escape="\\"))
    ).all()
    by_organisation = Offer.organisation_id.in_(organisation_ids) if organisation_ids else false()
    words = re.findall(r"\w+", q)[:8]
    if dialect == "postgresql" and words:
        # every word, as a prefix: "onthaal" finds "onthaalmedewerker"
        query = func.to_tsquery(SEARCH_CONFIG, " & ".join(f"{word}:*" for word in words))
        return or_(search_document().op("@@")(query), by_organisation)
    conditions = [by_organisation]
    for word in q.split()[:8]:
        word_pattern = f"%{_escape_like(word)}%"
        conditions_for_word = or_(Offer.title.ilike(word_pattern, escape="\\"),
                                  Offer.description.ilike(word_pattern, escape="\\"))
        conditions.append(conditions_for_word)
    # every word in the title or description, or the phrase in the organisation's name
    return or_(conditions[0], and_(*conditions[1:])) if len(conditions) > 1 else conditions[0]


def search_offers(user, filters, first=None):
    """A select of the offers `user` may see matching `filters` (validated codes), newest first.

    Without a status filter, visitors get published offers, and the owner's members also
    their own drafts, filled and closed offers. `first`: only that many rows will be read
    (a page's offset plus its size), which lets each branch below stop early.
    """
    return _combine(_branches(user, filters), first)


def _branches(user, filters):
    """The visible offers as disjoint selects, each one condition an index serves.

    "published OR ours" in one WHERE keeps PostgreSQL off both indexes (every offer read and
    sorted: ~38 ms at 10,000 offers); "published" and "ours but not published" are two
    ordered index scans. Disjoint, so their UNION ALL counts nothing twice.
    """
    conditions = _filter_conditions(filters)
    own = permissions.organisation_of(user)
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
    if first is not None:  # each branch sorted and cut by its own index scan, then merged
        branches = [db.select(branch.order_by(Offer.created_at.desc(), Offer.id.desc()).limit(first).subquery())
                    for branch in branches]
    both = aliased(Offer, union_all(*branches).subquery("visible_offers"))
    return (db.select(both).options(joinedload(both.organisation))
            .order_by(both.created_at.desc(), both.id.desc()))


def _newest_first(statement):
    return statement.options(joinedload(Offer.organisation)).order_by(Offer.created_at.desc(), Offer.id.desc())


def _filter_conditions(filters):
    conditions = [getattr(Offer, name) == filters[name] for name in FILTERS if filters.get(name)]
    if filters.get("language"):
        # languages is a JSON list of codes: '["fr", "nl"]' in both databases
        conditions.append(cast(Offer.languages, String).like(f'%"{filters["language"]}"%'))
    q = (filters.get("q") or "").strip()
    if q:
        conditions.append(_text_condition(q))
    return conditions


# What a list of offers depends on: the offers, and organisations (names matched by the search).
DOMAINS = ("offers", "organisations")


def paginate_offers(user, filters, page, per_page):
    """A page of search_offers(user, filters); its total is cached per data version (exact:
    any write to offers or organisations makes a new key)."""
    own = permissions.organisation_of(user)
    count_key = ("offers", own.id if own is not None else None,
                 tuple(sorted((name, value) for name, value in filters.items() if value)))
    branches = _branches(user, filters)
    return cache.paginate(_combine(branches, first=page * per_page), page, per_page, DOMAINS, count_key,
                          count_statement=_combine(branches))
