"""Directory search in both languages (core/search_keys.py): the name, and every language
version of the description, without regard to accents and inflections."""
from sqlalchemy import and_, case, func, or_

from portal.core import search_keys
from portal.organisations.models import Organisation


def directory_match(q):
    """(condition, rank) for organisations answering every word of `q` in their name or in a
    language version of their description (core/search_keys.py); names first."""
    stems = search_keys.query_stems(q)
    if not stems:  # punctuation only ("%"): matched as typed
        return or_(Organisation.name.icontains(q, autoescape=True),
                   Organisation.description.icontains(q, autoescape=True)), Organisation.id
    if search_keys.is_postgresql():
        document = search_keys.weighted_document(
            ("tandem_simple", Organisation.search_title, "A"), ("tandem_dutch", Organisation.search_body, "B"),
            ("tandem_french", Organisation.search_body, "B"))  # = models.SEARCH_DOCUMENT, GIN-indexed
        query = search_keys.ts_query(q, ("tandem_simple", *search_keys.STEMMED))
        return document.op("@@")(query), -func.ts_rank(document, query)
    contains = search_keys.contains
    in_name = and_(*(contains(Organisation.search_title, s) for s in stems))
    return (and_(*(or_(contains(Organisation.search_title, s), contains(Organisation.search_body, s)) for s in stems)),
            case((in_name, 0), else_=1))
