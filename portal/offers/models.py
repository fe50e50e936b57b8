"""Placement offers published by social integration enterprises and host organisations."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.search_keys import Searchable
from portal.core.translated import Text as TranslatedText
from portal.core.translated import Translated, every_version
from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db

# Full-text search on PostgreSQL (core/search_keys.py): the search keys through the Dutch and
# French stemmers, titles weighted above descriptions. This exact expression has a GIN index
# (migration 0006, PostgreSQL only), so search.py uses the same text to match it.
SEARCH_DOCUMENT = (
    "setweight(to_tsvector('tandem_dutch', search_title), 'A') || "
    "setweight(to_tsvector('tandem_french', search_title), 'A') || "
    "setweight(to_tsvector('tandem_dutch', search_body), 'B') || "
    "setweight(to_tsvector('tandem_french', search_body), 'B')"
)
# As PostgreSQL spells the migration's expression back (so that drift checks compare equal).
SEARCH_INDEX_EXPRESSION = (
    "((setweight(to_tsvector('tandem_dutch'::regconfig, search_title), 'A'::\"char\") || "
    "setweight(to_tsvector('tandem_french'::regconfig, search_title), 'A'::\"char\")) || "
    "setweight(to_tsvector('tandem_dutch'::regconfig, search_body), 'B'::\"char\")) || "
    "setweight(to_tsvector('tandem_french'::regconfig, search_body), 'B'::\"char\")"
)


class Offer(Translated, Searchable, db.Model):
    """A placement offer; `title` and `description` are in `language`, other languages in
    `translations` (core/translated.py)."""

    TRANSLATED = {"title": TranslatedText(200), "description": TranslatedText(10_000)}

    __tablename__ = "offers"
    __table_args__ = (
        Index("ix_offers_status_created_at", "status", "created_at"),
        Index("ix_offers_organisation_id_status", "organisation_id", "status"),
        # Full-text search, on PostgreSQL only (SQLite matches with LIKE): search.py builds
        # this very expression so that the planner uses the index.
        Index("ix_offers_search", text(SEARCH_INDEX_EXPRESSION), postgresql_using="gin").ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="nl", server_default="nl")
    sector: Mapped[str] = mapped_column(String(32), index=True)
    function: Mapped[str] = mapped_column(String(32), index=True)
    commune: Mapped[str] = mapped_column(String(64), index=True)
    positions: Mapped[int] = mapped_column(default=1)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    hours_per_week: Mapped[int]
    start_date: Mapped[date]
    contract_type: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    application_deadline: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # First publication: offer alerts send what was published since their previous run.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    organisation = relationship("Organisation", lazy="raise_on_sql")

    def search_texts(self):
        return every_version(self, "title"), every_version(self, "description")

    def __repr__(self):
        return f"<Offer {self.id} {self.status}>"


class SavedSearch(db.Model):
    """An offer search someone keeps, and the end of the window its last alert covered."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)  # the validated GET /api/v1/offers params
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Offers published after this moment are new to the search; each run moves it forward,
    # claimed with a conditional UPDATE so that two machines never send one window twice.
    alerted_until: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User", lazy="raise_on_sql")


class OfferAlertSent(db.Model):
    """An offer mailed for a saved search: each offer is sent once per search."""

    __tablename__ = "offer_alerts_sent"
    __table_args__ = (UniqueConstraint("saved_search_id", "offer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    saved_search_id: Mapped[int] = mapped_column(ForeignKey("saved_searches.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
