"""Guardian links, what a pupil shares with guardians, and the log of every use of a link."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

# Languages a guardian letter and the guardian page are offered in (pupil/guardian catalogues).
GUARDIAN_LANGUAGES = ("de", "en", "tr", "ar", "uk", "ru", "pl")
LINK_ACTIONS = (
    "view",
    "company_consent_given",
    "company_consent_withdrawn",
    "handover_consent_given",
    "handover_consent_withdrawn",
    "agreement_confirmed",
)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class GuardianLink(db.Model):
    """A link for the guardians of one pupil; the token is shown once and stored as a hash."""

    __tablename__ = "guardian_links"
    __table_args__ = (
        CheckConstraint(_in("language", GUARDIAN_LANGUAGES), name="language"),
        Index("ix_guardian_links_pupil", "pupil_id", "revoked_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="de")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class GuardianLinkUse(db.Model):
    """Every use of a guardian link: the pupil sees these in their disclosures.

    A consent or confirmation keeps the text version and the language the guardian read.
    """

    __tablename__ = "guardian_link_uses"
    __table_args__ = (
        CheckConstraint(_in("action", LINK_ACTIONS), name="action"),
        Index("ix_guardian_link_uses_pupil", "pupil_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("guardian_links.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(200), default="")  # provider or recipient name
    language: Mapped[str] = mapped_column(String(8), default="de")
    text_version: Mapped[str | None] = mapped_column(String(20))


class GuardianSharing(db.Model):
    """What a pupil of 14 or older shares with their guardians (the pupil decides).

    `guardian_required` records that the law requires the guardians beyond 14 (a recorded
    incapacity to consent, entered by the school); then the guardians see everything.
    """

    __tablename__ = "guardian_sharing"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    share_plan: Mapped[bool] = mapped_column(default=False)
    share_bookings: Mapped[bool] = mapped_column(default=False)
    share_agreement: Mapped[bool] = mapped_column(default=False)
    guardian_required: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
