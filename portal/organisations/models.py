"""Organisations of the network and their members."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.search_keys import Searchable
from portal.core.translated import Text as TranslatedText
from portal.core.translated import Translated, every_version
from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db

# Directory search on PostgreSQL (core/search_keys.py): the name through `tandem_simple`
# (unaccent, no stemming: names are names), the descriptions through both stemmers.
SEARCH_DOCUMENT = (
    "setweight(to_tsvector('tandem_simple', search_title), 'A') || "
    "setweight(to_tsvector('tandem_dutch', search_body), 'B') || "
    "setweight(to_tsvector('tandem_french', search_body), 'B')"
)
SEARCH_INDEX_EXPRESSION = (
    "(setweight(to_tsvector('tandem_simple'::regconfig, search_title), 'A'::\"char\") || "
    "setweight(to_tsvector('tandem_dutch'::regconfig, search_body), 'B'::\"char\")) || "
    "setweight(to_tsvector('tandem_french'::regconfig, search_body), 'B'::\"char\")"
)


class Organisation(Translated, Searchable, db.Model):
    """An organisation of the network; its `description` is in `language`, other languages in
    `translations` (core/translated.py)."""

    __tablename__ = "organisations"
    __table_args__ = (
        Index("ix_organisations_search", text(SEARCH_INDEX_EXPRESSION), postgresql_using="gin")
        .ddl_if(dialect="postgresql"),
    )
    TRANSLATED = {"description": TranslatedText(10_000)}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    enterprise_number: Mapped[str] = mapped_column(String(10), unique=True)  # 10 digits, normalised
    commune: Mapped[str] = mapped_column(String(64), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="nl", server_default="nl")
    website: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    # Social integration enterprises: the Brussels Region's mandate and their sectors.
    sie_mandated: Mapped[bool] = mapped_column(default=False)
    sie_mandate_until: Mapped[date | None]
    sectors: Mapped[list] = mapped_column(JSON, default=list)
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    memberships = relationship("Membership", back_populates="organisation", cascade="all, delete-orphan")

    def search_texts(self):
        return [self.name or ""], every_version(self, "description")

    @property
    def is_approved(self):
        return self.status == "approved"

    def __repr__(self):
        return f"<Organisation {self.id} {self.type}>"


class Membership(db.Model):
    """A user's place in an organisation: requested (pending) until its admin approves.

    A user belongs to one organisation at most (the unique user_id).
    """

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", name="uq_memberships_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", back_populates="membership", foreign_keys=[user_id])
    organisation = relationship("Organisation", back_populates="memberships")
