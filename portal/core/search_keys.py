"""Search in both languages of Brussels (API.md §6.2): every language version, without regard
to case or accents, and across the common Dutch and French inflections.

A searchable record keeps two *search keys*, maintained on every write (the `before_flush`
hook below): `search_title` (its titles or name, in every language) and `search_body` (its
descriptions). A key is the text folded (accents stripped, lower-cased), each word followed
by its light stem when that differs: "Réceptionnistes" → "receptionnistes receptionnist".

- SQLite matches each stemmed query word with LIKE on the keys (portal/offers/search.py).
- PostgreSQL indexes the keys with its own Dutch and French stemmers (text-search
  configurations `tandem_dutch` and `tandem_french`: unaccent, then the snowball stemmer —
  migration 0006) and `tandem_simple` (unaccent only) for names, in GIN indexes.

The stemmer is deliberately light: it only has to send the forms people type (plural,
feminine) to the same stem on both sides, and it is applied to the text and the query alike.
"""
import re
import unicodedata

from sqlalchemy import Text, event, func, literal_column
from sqlalchemy.orm import Mapped, Session, mapped_column

WORD = re.compile(r"\w+")
# (ending, replacement), tried in order, once each step; the stem keeps at least MIN letters.
_FRENCH = (("ieres", "ier"), ("iere", "ier"), ("euses", "eur"), ("euse", "eur"), ("trices", "teur"),
           ("trice", "teur"), ("ennes", "en"), ("enne", "en"), ("ives", "if"), ("ive", "if"), ("aux", "al"))
MIN = 4
MAX_QUERY_WORDS = 8
STEMMED = ("tandem_dutch", "tandem_french")  # PostgreSQL configurations (migration 0006)


def fold(text):
    """Lower-cased, without accents: "Réceptionniste" → "receptionniste"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word):
    """A folded word reduced to a light nl/fr stem: keukenhulpen → keukenhulp,
    cuisinieres → cuisinier, receptionnistes → receptionnist."""
    for ending, replacement in _FRENCH:
        if word.endswith(ending) and len(word) - len(ending) >= MIN - 1:
            word = word[: -len(ending)] + replacement
            break
    if len(word) > MIN and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > MIN and word.endswith("e"):
        word = word[:-1]
    elif len(word) > MIN + 1 and word.endswith("en"):
        word = word[:-2]
        if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiou":
            word = word[:-1]  # kassen → kas
    return word


def words(text):
    return WORD.findall(fold(text))


def key(texts):
    """The search key of some texts: each folded word, and its stem where that differs."""
    out = []
    for text in texts:
        for word in words(text):
            out.append(word)
            root = stem(word)
            if root != word:
                out.append(root)
    return " ".join(out)


def query_stems(q):
    """The stems of a search query (at most MAX_QUERY_WORDS), in order, without repeats."""
    return list(dict.fromkeys(stem(word) for word in words(q)))[:MAX_QUERY_WORDS]


class Searchable:
    """Mixin: a record with search keys. It defines `search_texts()` → (titles, bodies)."""

    search_title: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_body: Mapped[str] = mapped_column(Text, default="", server_default="")

    def search_texts(self):  # pragma: no cover - every searchable model defines it
        raise NotImplementedError

    def refresh_search_keys(self):
        titles, bodies = self.search_texts()
        title, body = key(titles), key(bodies)
        if self.search_title != title:
            self.search_title = title
        if self.search_body != body:
            self.search_body = body


@event.listens_for(Session, "before_flush")
def _refresh_search_keys(session, flush_context, instances):
    """Keys follow every ORM write of a searchable record (bulk inserts compute them
    themselves with `key`)."""
    for record in (*session.new, *session.dirty):
        if isinstance(record, Searchable):
            record.refresh_search_keys()


def matches(word, stems):
    """True when a word of a text answers one of the query's stems (as the search did)."""
    folded = fold(word)
    return any(root in folded or root in stem(folded) for root in stems)


def highlight(text, q):
    """`text` as safe HTML with the words that matched `q` in <mark>; everything else escaped."""
    from markupsafe import Markup, escape

    stems = query_stems(q or "")
    if not stems or not text:
        return escape(text or "")
    out, last = [], 0
    for found in WORD.finditer(text):
        if matches(found.group(), stems):
            out.append(escape(text[last:found.start()]))
            out.append(Markup("<mark>%s</mark>") % found.group())
            last = found.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def excerpt(text, q, width=160):
    """The part of `text` around its first matching word (whole text when short), or ""."""
    stems = query_stems(q or "")
    for found in WORD.finditer(text or ""):
        if matches(found.group(), stems):
            start = max(found.start() - width // 3, 0)
            piece = " ".join(text[start:start + width].split())
            return ("… " if start else "") + piece + (" …" if start + width < len(text) else "")
    return ""


# --- SQL pieces for the searches of the domains ------------------------------------------------

def is_postgresql():
    from portal.extensions import db

    return db.session.get_bind().dialect.name == "postgresql"


def escape_like(term):
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column, stem):
    return column.like(f"%{escape_like(stem)}%", escape="\\")


def ts_query(q, configurations=STEMMED):
    """Every word of `q` (folded, as a prefix), in any of the configurations' stemmings."""
    query = None
    for word in list(dict.fromkeys(words(q)))[:MAX_QUERY_WORDS]:
        alternatives = None
        for configuration in configurations:
            one = func.to_tsquery(literal_column(f"'{configuration}'"), f"{word}:*")
            alternatives = one if alternatives is None else alternatives.op("||")(one)
        query = alternatives if query is None else query.op("&&")(alternatives)
    return query


def weighted_document(*parts):
    """setweight(to_tsvector(configuration, column), weight) || …, for (configuration,
    column, weight) parts: the shape of the migration's GIN index expressions."""
    document = None
    for configuration, column, weight in parts:
        one = func.setweight(func.to_tsvector(literal_column(f"'{configuration}'"), column),
                             literal_column(f"'{weight}'"))
        document = one if document is None else document.op("||")(one)
    return document


def matched_words(texts, q, limit=6):
    """The distinct words of `texts` (e.g. every language version) that answered `q`, as
    written: shown under a search result, since the match may be in another language."""
    stems = query_stems(q or "")
    found = {}
    for text in texts if stems else ():
        for word in WORD.findall(text or ""):
            if matches(word, stems):
                found.setdefault(fold(word), word)
    return list(found.values())[:limit]
