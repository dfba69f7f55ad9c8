"""Tables of the read side: weekly snapshots of the leaver cohorts (for the trend)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db


class AnschlussSnapshot(db.Model):
    """Weekly counts per school, status and option; `flask anschluss snapshot` (re)writes a week."""

    __tablename__ = "anschluss_snapshots"
    __table_args__ = (
        UniqueConstraint("school_id", "school_year_id", "week_start", "status", "option_code"),
        Index("ix_anschluss_snapshots_year_week", "school_year_id", "week_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    week_start: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    option_code: Mapped[str] = mapped_column(String(16), default="")  # "" = no option yet
    count: Mapped[int]
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
