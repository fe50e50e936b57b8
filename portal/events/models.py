"""Study days: events, their agenda, and registrations with capacity and a waiting list."""
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.translated import Text as TranslatedText
from portal.core.translated import TextList, Translated
from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db

EVENT_STATUSES = ("draft", "published", "cancelled")
REGISTRATION_STATUSES = ("confirmed", "waitlisted", "cancelled")
# The domain part of every calendar UID: fixed, so an event keeps its UID whatever the host name.
UID_DOMAIN = "tandem.brussels"

event_co_organisers = Table(
    "event_co_organisers",
    db.metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
)


class Event(Translated, db.Model):
    """A study day; `title`, `description` and `venue` are in `language`, other languages in
    `translations` (core/translated.py). `seats_taken` counts confirmed registrations and is only ever changed by
    the conditional UPDATEs in services.py; `updated_at` and `sequence` follow changes of
    the event's content (what calendars show), never seat movements."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_status_starts_at", "status", "starts_at"),)
    TRANSLATED = {"title": TranslatedText(200), "description": TranslatedText(10_000), "venue": TranslatedText(200)}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)
    waitlist_counter: Mapped[int] = mapped_column(default=0)  # last waiting-list number handed out
    registration_deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(2), default="nl")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, raised on every change
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organiser = relationship("Organisation", foreign_keys=[organiser_id])
    co_organisers = relationship("Organisation", secondary=event_co_organisers, order_by="Organisation.name")
    agenda = relationship(
        "AgendaItem", back_populates="event", cascade="all, delete-orphan",
        order_by=lambda: (AgendaItem.starts_at, AgendaItem.id),
    )

    @property
    def uid(self):
        return f"event-{self.id}@{UID_DOMAIN}"

    @property
    def organisations(self):
        """Organiser first, then the co-organisers."""
        return ([self.organiser] if self.organiser else []) + list(self.co_organisers)

    @property
    def organisation_ids(self):
        return {org.id for org in self.organisations}

    @property
    def location(self):
        """Venue and address as one line (calendars' LOCATION, web calendar links)."""
        return ", ".join(part for part in (self.venue, self.address) if part)

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_cancelled(self):
        return self.status == "cancelled"

    def registration_open(self, now=None):
        return self.status == "published" and (now or utcnow()) <= self.registration_deadline

    def __repr__(self):
        return f"<Event {self.id}>"


class AgendaItem(Translated, db.Model):
    """One slot of the agenda. `speakers` and `moderators` are lists of
    {"name", "role", "organisation"} (validated by events/people.py). Its texts are in the
    event's language; `translations` may hold `speaker_roles`, the speakers' roles by position."""

    __tablename__ = "agenda_items"
    TRANSLATED = {"title": TranslatedText(200), "description": TranslatedText(10_000),
                  "speaker_roles": TextList(200, 30)}

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    speakers: Mapped[list] = mapped_column(JSON, default=list)
    moderators: Mapped[list] = mapped_column(JSON, default=list)

    event = relationship("Event", back_populates="agenda")
    materials = relationship("AgendaMaterial", order_by="AgendaMaterial.id", cascade="all, delete-orphan",
                             passive_deletes=True)

    @property
    def uid(self):
        return f"event-{self.event_id}-item-{self.id}@{UID_DOMAIN}"

    @property
    def language(self):
        """An item is written in its event's language (the event is loaded with its agenda)."""
        return self.event.language if self.event is not None else "nl"


class Registration(db.Model):
    """A person's place at an event: confirmed, waitlisted (FIFO by `waitlist_number`) or
    cancelled. At most one registration that is not cancelled per person and event."""

    __tablename__ = "registrations"
    __table_args__ = (
        Index(
            "uq_registrations_event_user_active", "event_id", "user_id", unique=True,
            sqlite_where=text("status != 'cancelled'"), postgresql_where=text("status != 'cancelled'"),
        ),
        Index("ix_registrations_event_status", "event_id", "status", "waitlist_number"),
        # Guests (no account) are told apart by their address: one active registration each.
        Index(
            "uq_registrations_event_guest_active", "event_id", "guest_email", unique=True,
            sqlite_where=text("status != 'cancelled'"), postgresql_where=text("status != 'cancelled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # None for a guest, who is known by the guest_* fields instead (events/guests.py)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    guest_name: Mapped[str | None] = mapped_column(String(200))
    guest_email: Mapped[str | None] = mapped_column(String(254))
    guest_language: Mapped[str | None] = mapped_column(String(2))
    organisation_name: Mapped[str | None] = mapped_column(String(200))  # as a guest wrote it
    status: Mapped[str] = mapped_column(String(20))
    # Handed out atomically from events.waitlist_counter; the waiting list is ordered by it.
    waitlist_number: Mapped[int | None]
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # {"<question id>": value}, checked against the event's questions by events/questions.py
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # With SECRET_KEY, makes the check-in code (events/checkin.py); the code itself is never stored.
    checkin_nonce: Mapped[str | None] = mapped_column(String(32), default=lambda: secrets.token_hex(16))
    # Handed out at check-in, withdrawn by its undo: the certificate's verification code (certificates.py)
    certificate_code: Mapped[str | None] = mapped_column(String(32), unique=True)

    event = relationship("Event")
    user = relationship("User")

    # Set by queries that compute it (the rank among those still waiting); None otherwise.
    waitlist_position = None

    @property
    def is_guest(self):
        return self.user_id is None

    @property
    def person(self):
        """Who holds the place, with `name`, `email` and `language`: the account, or the guest
        (name and e-mail empty once erased: events/services/retention.py)."""
        if self.user_id is not None:
            return self.user
        return Guest(self.guest_name or "", self.guest_email or "", self.guest_language or "nl")

    @property
    def organisation(self):
        """The member's approved organisation (None for guests, who only write its name)."""
        return self.user.organisation if self.user_id is not None else None


@dataclass(frozen=True)
class Guest:
    """A registrant without an account, as mails and calendars address them."""

    name: str
    email: str
    language: str


from portal.events import models_study_day  # noqa: E402,F401  (its tables are known to Alembic)
