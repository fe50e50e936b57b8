"""Users and their API tokens."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.types import UTCDateTime, utcnow
from portal.extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2), default="nl")
    is_admin: Mapped[bool] = mapped_column(default=False)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Raised on logout, password change and reset: every cookie carrying an older
    # version is refused, so copies of old session or remember-me cookies die.
    session_version: Mapped[int] = mapped_column(default=1)
    # Secret from which the personal calendar-feed token is derived (HMAC); replacing it
    # kills the old feed URL.
    feed_secret: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    membership = relationship(
        "Membership", back_populates="user", uselist=False, foreign_keys="Membership.user_id"
    )

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    @property
    def organisation(self):
        """The organisation the user is an approved member of, or None."""
        membership = self.membership
        if membership is not None and membership.status == "approved":
            return membership.organisation
        return None

    def __repr__(self):
        return f"<User {self.id}>"


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the token
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
