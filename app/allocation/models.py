"""Allocation rounds, pupils' ranked choices and the (draft, then published) assignment.

A round covers the live slots of one Kommune within a period and the pupils of one school
or of the whole Kommune. Life cycle: open (pupils rank until the deadline) → drafted (the
coordinator ran the solver; may run again) → published (bookings created; final).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db
from app.schools.models import Kommune, School

ROUND_STATES = ("open", "drafted", "published")
MAX_CHOICES = 6
ASSIGNMENT_OUTCOMES = ("assigned", "unassigned", "booked", "failed")


class AllocationRound(db.Model):
    __tablename__ = "allocation_rounds"
    __table_args__ = (
        CheckConstraint(
            "(school_id IS NULL AND kommune_id IS NOT NULL)"
            " OR (school_id IS NOT NULL AND kommune_id IS NULL)",
            name="one_scope",
        ),
        CheckConstraint(f"max_choices BETWEEN 1 AND {MAX_CHOICES}", name="max_choices"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in ROUND_STATES) + ")", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    kommune_id: Mapped[int | None] = mapped_column(ForeignKey("kommunen.id"), index=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    preference_deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    max_choices: Mapped[int] = mapped_column(default=MAX_CHOICES)
    # Published with the round: the same input and seed always give the same result.
    seed: Mapped[int] = mapped_column(BigInteger)
    # Optional pupil filter: one Jahrgang, and/or only pupils in their leaving year.
    jahrgang: Mapped[str | None] = mapped_column(String(4))
    leaving_only: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    run_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Figures of the last run (solver vs. first-come-first-served, demand per Berufsfeld).
    result: Mapped[dict | None] = mapped_column(JSON)

    school: Mapped[School | None] = relationship()
    kommune: Mapped[Kommune | None] = relationship()

    @property
    def scope_name(self) -> str:
        return self.school.name if self.school is not None else self.kommune.name


class AllocationPreference(db.Model):
    """One ranked choice of a pupil (rank 1 = first choice)."""

    __tablename__ = "allocation_preferences"
    __table_args__ = (
        UniqueConstraint("round_id", "pupil_id", "rank"),
        UniqueConstraint("round_id", "pupil_id", "slot_id"),
        CheckConstraint(f"rank BETWEEN 1 AND {MAX_CHOICES}", name="rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("allocation_rounds.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class AllocationAssignment(db.Model):
    """The run's outcome for one pupil who ranked: a slot (with its rank) or none."""

    __tablename__ = "allocation_assignments"
    __table_args__ = (
        UniqueConstraint("round_id", "pupil_id"),
        CheckConstraint(
            "outcome IN (" + ", ".join(f"'{s}'" for s in ASSIGNMENT_OUTCOMES) + ")",
            name="outcome",
        ),
        Index("ix_allocation_assignments_round_outcome", "round_id", "outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_rounds.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slots.id", ondelete="SET NULL"))
    rank: Mapped[int | None]
    berufsfeld: Mapped[str | None] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(12), default="assigned")
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(300))
