"""A round per school: its completion and the snapshot frozen at the round's cut-off, and the
pupils' own declarations of their plan (the law obliges them to answer, SchülerDÜG NRW)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

# What a pupil can answer (pupil-friendly kinds, not the 37 official option codes).
PLANS = (
    "ausbildung",
    "schule",
    "studium",
    "freiwilligendienst",
    "arbeit",
    "sonstiges",
    "noch_offen",
)


class RoundSchool(db.Model):
    """One school in one identification round: when it completed the round, and the counts
    frozen at the cut-off (leavers; listed = without secured Anschluss, not exam-admitted)."""

    __tablename__ = "round_schools"
    __table_args__ = (UniqueConstraint("identification_round_id", "school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    identification_round_id: Mapped[int] = mapped_column(
        ForeignKey("identification_rounds.id", ondelete="CASCADE")
    )
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    leaver_count: Mapped[int | None]
    listed_count: Mapped[int | None]

    entries: Mapped[list[RoundSnapshotEntry]] = relationship(
        back_populates="round_school", cascade="all, delete-orphan"
    )


class RoundSnapshotEntry(db.Model):
    """A listed pupil as the school's identification list showed them at the cut-off."""

    __tablename__ = "round_snapshot_entries"
    __table_args__ = (Index("ix_round_snapshot_entries_pupil", "pupil_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_school_id: Mapped[int] = mapped_column(
        ForeignKey("round_schools.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    class_name: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    option_code: Mapped[str | None] = mapped_column(String(16))
    declared_on: Mapped[date | None] = mapped_column(Date)

    round_school: Mapped[RoundSchool] = relationship(back_populates="entries")


class PlanDeclaration(db.Model):
    """The pupil's own answer during a round: the current plan; the class teacher confirms it."""

    __tablename__ = "plan_declarations"
    __table_args__ = (
        CheckConstraint("plan IN (" + ", ".join(f"'{p}'" for p in PLANS) + ")", name="plan"),
        Index("ix_plan_declarations_pupil", "pupil_id", "declared_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    identification_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("identification_rounds.id", ondelete="SET NULL")
    )
    plan: Mapped[str] = mapped_column(String(20))
    secured: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(200), default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
