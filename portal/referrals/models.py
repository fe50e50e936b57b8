"""Candidates (confidential, owned by one OCMW), referrals, their history, placements and notes.

A placement holds the facts the yearly reports count (dates, outcome, function, host,
OCMW) on one row, so that reports need no join and survive the candidate's erasure.
"""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.types import BRUSSELS, UTCDateTime, utcnow
from portal.extensions import db

# The statuses of workflow.BLOCKS_NEW_REFERRAL, spelled for a partial index (kept equal by a test).
PENDING_STATUSES = ("submitted", "in_review", "interview", "accepted")
PENDING_WHERE = "status IN ('submitted', 'in_review', 'interview', 'accepted')"

# Wiped by erasure and by the retention purge (API.md §5); the rest are statistics.
PERSONAL_FIELDS = ("reference", "first_name", "last_initial", "birth_year", "notes", "skills")


def brussels_today():
    return utcnow().astimezone(BRUSSELS).date()


class Candidate(db.Model):
    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(64), default="")
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_initial: Mapped[str] = mapped_column(String(3), default="")
    birth_year: Mapped[int | None]
    languages: Mapped[list] = mapped_column(JSON, default=list)
    skills: Mapped[str] = mapped_column(Text, default="")
    commune: Mapped[str] = mapped_column(String(64), default="")
    available_from: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_date: Mapped[date]
    consent_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    consent_revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Scoped consent (API.md §6.4): until when, and for which receiving organisations
    # (None: any partner, as consent given before scopes existed).
    consent_expires_on: Mapped[date | None] = mapped_column(index=True)
    consent_organisation_ids: Mapped[list | None] = mapped_column(JSON)
    consent_reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hours_per_week: Mapped[int | None]  # what the person can work, for suggestions
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation = relationship("Organisation", lazy="raise_on_sql")
    consent_recorded_by = relationship("User", lazy="raise_on_sql")
    consent_records = relationship("ConsentRecord", back_populates="candidate", order_by="ConsentRecord.id",
                                   cascade="all, delete-orphan", lazy="raise_on_sql")

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def consent_revoked(self):
        return self.consent_revoked_at is not None

    @property
    def consent_expired(self):
        return self.consent_expires_on is not None and self.consent_expires_on < brussels_today()

    @property
    def consent_in_force(self):
        return not self.consent_revoked and not self.consent_expired

    def consent_covers(self, organisation_id):
        """Whether the consent's scope names this receiving organisation (no scope: any)."""
        return self.consent_organisation_ids is None or organisation_id in self.consent_organisation_ids

    @property
    def may_be_identified(self):
        """Whether a recipient may still see who this is (consent in force, not erased)."""
        return not self.is_erased and self.consent_in_force

    @property
    def display_name(self):
        if self.is_erased:
            return "—"
        return f"{self.first_name} {self.last_initial}." if self.last_initial else self.first_name


class Referral(db.Model):
    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_ocmw_id_status", "ocmw_id", "status"),
        Index("ix_referrals_host_id_status", "host_id", "status"),
        Index("ix_referrals_candidate_id_offer_id", "candidate_id", "offer_id"),
        # At most one pending referral of a candidate to an offer, even under simultaneous requests
        # (the service checks first and gives the friendly 409; this closes the race).
        Index("uq_referrals_pending", "candidate_id", "offer_id", unique=True,
              sqlite_where=text(PENDING_WHERE), postgresql_where=text(PENDING_WHERE)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    # The two parties, fixed at creation: the sending OCMW and the receiving organisation.
    ocmw_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    host_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    message: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # While the receiving side must act: the moment it becomes overdue (2 working days).
    respond_by: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The day the referral closed (ended: its last working day; declined/withdrawn: the
    # day of the move): retention counts from it.
    closed_on: Mapped[date | None]
    # Why it was declined or withdrawn (core/choices.py CLOSE_REASONS), for the reports.
    close_reason: Mapped[str | None] = mapped_column(String(32))
    # The interview, once scheduled (API.md §6.4): the invitations carry the referral's one
    # UID and this SEQUENCE, raised by each change; DTSTAMP is the last change.
    interview_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    interview_place: Mapped[str] = mapped_column(String(200), default="")
    interview_sequence: Mapped[int] = mapped_column(default=0)
    interview_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The receiving side's member who scheduled it: invited with the referring job coach.
    interview_host_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    candidate = relationship("Candidate", lazy="raise_on_sql")
    offer = relationship("Offer", lazy="raise_on_sql")
    ocmw = relationship("Organisation", foreign_keys=[ocmw_id], lazy="raise_on_sql")
    host = relationship("Organisation", foreign_keys=[host_id], lazy="raise_on_sql")
    created_by = relationship("User", foreign_keys=[created_by_id], lazy="raise_on_sql")
    interview_host_user = relationship("User", foreign_keys=[interview_host_user_id], lazy="raise_on_sql")
    history = relationship("ReferralMove", back_populates="referral", order_by="ReferralMove.id",
                           cascade="all, delete-orphan", lazy="raise_on_sql")
    notes = relationship("PlacementNote", back_populates="referral", order_by="(PlacementNote.on, PlacementNote.id)",
                         cascade="all, delete-orphan", lazy="raise_on_sql")
    placement = relationship("Placement", back_populates="referral", uselist=False,
                             cascade="all, delete-orphan", lazy="raise_on_sql")


class ReferralMove(db.Model):
    """One step of a referral's history: from → to, when, by whom, why."""

    __tablename__ = "referral_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    side: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str | None] = mapped_column(String(32))  # CLOSE_REASONS, on the moves that take one

    referral = relationship("Referral", back_populates="history")
    by = relationship("User", lazy="raise_on_sql")


class Placement(db.Model):
    """The article 60§7 placement that follows an accepted referral, and its report facts."""

    __tablename__ = "placements"
    __table_args__ = (
        Index("ix_placements_host_id_started_on", "host_id", "started_on"),
        Index("ix_placements_ocmw_id_started_on", "ocmw_id", "started_on"),
        Index("ix_placements_ended_on", "ended_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    ocmw_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    function: Mapped[str] = mapped_column(String(32))  # the offer's, when accepted
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(String(20))
    end_reason: Mapped[str | None] = mapped_column(String(32))  # why it was broken off (CLOSE_REASONS)
    agreement_signed_on: Mapped[date | None]
    planned_end: Mapped[date | None]
    hours_per_week: Mapped[int | None]
    job_coach: Mapped[str] = mapped_column(String(200), default="")
    supervisor: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    referral = relationship("Referral", back_populates="placement")


class PlacementNote(db.Model):
    """A dated follow-up note both parties see."""

    __tablename__ = "placement_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    side: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    referral = relationship("Referral", back_populates="notes")
    author = relationship("User", lazy="raise_on_sql")


class ConsentRecord(db.Model):
    """One step of a candidate's consent: given, renewed or revoked, by whom and when."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # given, renewed, revoked
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    given_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    organisation_ids: Mapped[list | None] = mapped_column(JSON)

    candidate = relationship("Candidate", back_populates="consent_records")
    by = relationship("User", lazy="raise_on_sql")
