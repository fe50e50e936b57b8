"""Tables of a study day's life beyond the seat (#17): the questions asked at registration, and
guests' registrations waiting for their mailed link."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db

QUESTION_KINDS = ("text", "choice", "multiple", "checkbox")


class RegistrationQuestion(db.Model):
    """A question the organisers ask everyone who registers. `label` is written in the event's
    `language`; `translations` holds the others as {"fr": {"label": "…"}} (the bilingual
    convention of API.md §6.2). `options` lists the choices of `choice` and `multiple`."""

    __tablename__ = "registration_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(200))
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    kind: Mapped[str] = mapped_column(String(20))
    options: Mapped[list] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event = relationship("Event")

    @property
    def key(self):
        """The key of this question's answer in `Registration.answers` (JSON keys are strings)."""
        return str(self.id)


class GuestRequest(db.Model):
    """A visitor's registration waiting for its mailed link to be opened (events/guests.py).
    It holds no seat: the seat (or waiting-list place) is taken when the link is opened, once
    (`used_at` is claimed by a conditional UPDATE)."""

    __tablename__ = "guest_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event = relationship("Event")


class AgendaMaterial(db.Model):
    """A file or a link attached to an agenda item (events/materials.py). A file lives under
    MATERIALS_DIR as `stored_name` (random, never a name a user chose)."""

    __tablename__ = "agenda_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # "file" or "link"
    link_url: Mapped[str | None] = mapped_column(String(2000))
    stored_name: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(200))  # offered as the download's name
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Feedback(db.Model):
    """An attendee's feedback on a study day (events/feedback.py): one per registration, the
    latest answer stands. `item_ratings` = {"<agenda item id>": 1–5} for the talks rated."""

    __tablename__ = "event_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), unique=True)
    rating: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    item_ratings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
