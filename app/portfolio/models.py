"""The pupil's portfolio "Mein Weg": KAoA steps with the pupil's reflections, and shares.

Everything here is pupil-owned. Staff read statuses (progress matrix) and only what the
pupil has shared explicitly; there is no column in which staff could write about a pupil.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

# What the pupil sets; staff record "not_taken" (nicht teilgenommen, with a reason).
STEP_STATUSES = ("open", "planned", "done")
ALL_STEP_STATUSES = ("open", "not_taken", "planned", "done")
NOT_TAKEN_REASON_MAX = 500
SHARE_ITEM_TYPES = ("step", "interest_profile")
REFLECTION_MAX = 2000


class PortfolioStep(db.Model):
    """One KAoA step of a pupil in one Jahrgang, e.g. the second Berufsfelderkundung day.

    For the Potenzialanalyse only the date and the provider are kept: its results are
    psychological test results that may not be processed here (VO-DV I).
    """

    __tablename__ = "portfolio_steps"
    __table_args__ = (
        UniqueConstraint("pupil_id", "jahrgang", "sbo_kuerzel", "sequence"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in ALL_STEP_STATUSES) + ")", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    jahrgang: Mapped[str] = mapped_column(String(4))
    sbo_kuerzel: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(12), default="open")
    date: Mapped[date | None]
    provider: Mapped[str] = mapped_column(String(200), default="")
    berufsfeld: Mapped[str | None] = mapped_column(String(8))
    reflection: Mapped[str] = mapped_column(Text, default="")
    # "nicht teilgenommen": why, and which staff member recorded it (the pupil's record).
    not_taken_reason: Mapped[str] = mapped_column(String(NOT_TAKEN_REASON_MAX), default="")
    not_taken_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class Share(db.Model):
    """The pupil shares one item (a step with its reflection, or an interest profile) with
    the class teacher. Withdrawing sets `revoked_at`; the row stays as the pupil's record of
    whom they showed what. At most one active share per item."""

    __tablename__ = "portfolio_shares"
    __table_args__ = (
        CheckConstraint(
            "item_type IN (" + ", ".join(f"'{s}'" for s in SHARE_ITEM_TYPES) + ")",
            name="item_type",
        ),
        Index(
            "uq_portfolio_shares_active",
            "pupil_id",
            "item_type",
            "item_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_type: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int]
    grantee: Mapped[str] = mapped_column(String(16), default="class_teacher")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FavouriteOccupation(db.Model):
    """An occupation on the pupil's Merkliste (pupil-owned, like every portfolio row)."""

    __tablename__ = "favourite_occupations"
    __table_args__ = (UniqueConstraint("pupil_id", "occupation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    occupation_id: Mapped[int] = mapped_column(ForeignKey("occupations.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")


class Attachment(db.Model):
    """A certificate or photo on a step of "Mein Weg" (what `portfolio/attachments.py` accepted:
    PDF, JPEG or PNG up to 5 MB, images re-encoded without their metadata). The content lives
    in `attachment_contents` so lists never load it; `portfolio/storage.py` reads and writes it.
    """

    __tablename__ = "portfolio_attachments"
    __table_args__ = (
        CheckConstraint(
            "media_type IN (" + ", ".join(f"'{t}'" for t in ATTACHMENT_TYPES) + ")",
            name="media_type",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio_steps.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class AttachmentContent(db.Model):
    """The bytes of an attachment, in the database so that every worker can read them."""

    __tablename__ = "attachment_contents"

    id: Mapped[int] = mapped_column(primary_key=True)
    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio_attachments.id", ondelete="CASCADE"), unique=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)
