"""Anschluss of every leaver, its history, pupil reports and Anschlussvereinbarungen.

An `Anschluss` row exists per pupil and school year once somebody records something; a leaver
without a row counts as status `offen`. Queries over cohorts therefore LEFT JOIN from the class
memberships of leaving classes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db
from app.schools.models import SchoolClass

# offen → geplant → beworben → zugesagt → angetreten; nokean (noch kein Anschluss) and unbe
# (Verbleib unbekannt) are explicit states, each tied to the option code of the same name.
STATUSES = ("offen", "geplant", "beworben", "zugesagt", "angetreten", "nokean", "unbe")
SECURED_STATUSES = ("zugesagt", "angetreten")
EVIDENCE_KINDS = ("contract", "admission", "pupil_report", "provider_report", "other")
REPORT_STATES = ("pending", "confirmed", "dismissed")
STEP_OWNERS = ("pupil", "teacher", "parents", "other")
# Why a record was closed (read-only from then on). Staff close with a closing status and one
# of the first four; the receiving Berufskolleg's arrival confirmation closes it by itself.
STAFF_CLOSE_REASONS = (
    "start_confirmed",
    "handed_to_verantwortungskette",
    "moved_away",
    "unreachable",
)
CLOSE_REASONS = (*STAFF_CLOSE_REASONS, "arrival_confirmed")
# Bewerbungen: planned, sent, invited, accepted, accepted on condition of the certificate,
# rejected, withdrawn by the pupil.
APPLICATION_STATUSES = (
    "geplant",
    "beworben",
    "einladung",
    "zugesagt",
    "zugesagt_vorbehalt",
    "abgesagt",
    "zurueckgezogen",
)
ACCEPTED_APPLICATION_STATUSES = ("zugesagt", "zugesagt_vorbehalt")
TARGET_KINDS = ("school", "company", "other")
APPLICATION_SOURCES = ("pupil", "staff", "import")
ARRIVALS = ("arrived", "no_show")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Anschluss(db.Model):
    """Where a pupil goes after school in one school year: certificate, option and status."""

    __tablename__ = "anschluesse"
    __table_args__ = (
        UniqueConstraint("pupil_id", "school_year_id"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("evidence", EVIDENCE_KINDS), name="evidence"),
        CheckConstraint(_in("closed_reason", CLOSE_REASONS), name="closed_reason"),
        Index("ix_anschluesse_year_status", "school_year_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    expected_certificate: Mapped[str | None] = mapped_column(ForeignKey("leaving_certificates.key"))
    option_code: Mapped[str | None] = mapped_column(ForeignKey("anschluss_options.kuerzel"))
    status: Mapped[str] = mapped_column(String(12), default="offen")
    evidence: Mapped[str | None] = mapped_column(String(16))
    # The certificate actually reached, recorded at the end of the school year (besides the
    # expected one); the statutory transfer names it (§ 31a Abs. 1 Nr. 7 SGB III).
    achieved_certificate: Mapped[str | None] = mapped_column(ForeignKey("leaving_certificates.key"))
    lock_version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A leaver's record stays open past 31 July until it is closed (arrival confirmed, handed
    # into the Verantwortungskette, or a closing status with a reason); then it is read-only.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_reason: Mapped[str | None] = mapped_column(String(32))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Application(db.Model):
    """A Bewerbung of a leaver: target, option, status and dates.

    It belongs to the leaver's record year (the leaving cohort). One application may be the
    chosen Anschluss and others a secured fallback; the Anschluss status is derived from them
    (applications.py). What a pupil enters waits for staff confirmation before an acceptance
    counts as secured.
    """

    __tablename__ = "anschluss_applications"
    __table_args__ = (
        CheckConstraint(_in("status", APPLICATION_STATUSES), name="status"),
        CheckConstraint(_in("target_kind", TARGET_KINDS), name="target_kind"),
        CheckConstraint(_in("source", APPLICATION_SOURCES), name="source"),
        CheckConstraint(_in("arrival", ARRIVALS), name="arrival"),
        CheckConstraint(
            "(target_kind = 'school' AND target_school_id IS NOT NULL) OR "
            "(target_kind <> 'school' AND target_name <> '')",
            name="target",
        ),
        CheckConstraint("NOT (is_chosen AND is_fallback)", name="chosen_or_fallback"),
        Index(
            "uq_anschluss_applications_chosen",
            "pupil_id",
            "school_year_id",
            unique=True,
            sqlite_where=text("is_chosen"),
            postgresql_where=text("is_chosen"),
        ),
        Index("ix_anschluss_applications_pupil", "pupil_id", "school_year_id"),
        Index("ix_anschluss_applications_target", "target_school_id", "is_chosen", "status"),
        Index("ix_anschluss_applications_ref", "external_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    target_kind: Mapped[str] = mapped_column(String(8))
    target_school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    target_name: Mapped[str] = mapped_column(String(200), default="")
    option_code: Mapped[str | None] = mapped_column(ForeignKey("anschluss_options.kuerzel"))
    status: Mapped[str] = mapped_column(String(20), default="geplant")
    applied_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    starts_on: Mapped[date | None] = mapped_column(Date)
    is_chosen: Mapped[bool] = mapped_column(default=False)
    is_fallback: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(8), default="staff")
    # The registration portal's reference (e.g. Schüler Online), for idempotent imports.
    external_ref: Mapped[str | None] = mapped_column(String(64))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # What the receiving Berufskolleg reported at term start.
    arrival: Mapped[str | None] = mapped_column(String(8))
    arrival_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class AnschlussChange(db.Model):
    """One change of an Anschluss: who, when, from → to (status, option, certificate)."""

    __tablename__ = "anschluss_changes"
    __table_args__ = (Index("ix_anschluss_changes_anschluss_at", "anschluss_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    anschluss_id: Mapped[int] = mapped_column(ForeignKey("anschluesse.id", ondelete="CASCADE"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_by_role: Mapped[str] = mapped_column(String(24))
    source: Mapped[str] = mapped_column(String(16), default="staff")
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    from_option: Mapped[str | None] = mapped_column(String(16))
    to_option: Mapped[str | None] = mapped_column(String(16))
    from_certificate: Mapped[str | None] = mapped_column(String(16))
    to_certificate: Mapped[str | None] = mapped_column(String(16))


class AnschlussReport(db.Model):
    """News a pupil reports ("Ich habe eine Zusage"); a teacher confirms or dismisses it."""

    __tablename__ = "anschluss_reports"
    __table_args__ = (
        CheckConstraint(_in("state", REPORT_STATES), name="state"),
        CheckConstraint(_in("proposed_status", STATUSES), name="proposed_status"),
        Index("ix_anschluss_reports_pupil_state", "pupil_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    proposed_status: Mapped[str] = mapped_column(String(12))
    option_code: Mapped[str | None] = mapped_column(ForeignKey("anschluss_options.kuerzel"))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Anschlussvereinbarung(db.Model):
    """One version of the agreement from the counselling talk; every save is a new version."""

    __tablename__ = "anschlussvereinbarungen"
    __table_args__ = (
        UniqueConstraint("pupil_id", "version"),
        Index("ix_anschlussvereinbarungen_pupil_current", "pupil_id", "is_current"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    version: Mapped[int]
    is_current: Mapped[bool] = mapped_column(default=True)
    stufe: Mapped[str] = mapped_column(String(8))
    wish_option: Mapped[str | None] = mapped_column(ForeignKey("anschluss_options.kuerzel"))
    wish_text: Mapped[str] = mapped_column(String(200), default="")
    alternatives: Mapped[list] = mapped_column(JSON, default=list)
    berufsfelder: Mapped[list] = mapped_column(JSON, default=list)
    contacts: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The guardians confirm through their link (families); the PDF names who confirmed when.
    guardian_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    next_steps: Mapped[list[NextStep]] = relationship(
        back_populates="agreement", order_by="NextStep.position", cascade="all, delete-orphan"
    )


class NextStep(db.Model):
    """A next step of an agreement version: what, by when, and who does it."""

    __tablename__ = "anschluss_next_steps"
    __table_args__ = (
        CheckConstraint(_in("owner", STEP_OWNERS), name="owner"),
        Index("ix_anschluss_next_steps_pupil_open", "pupil_id", "done_at", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("anschlussvereinbarungen.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(8))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    agreement: Mapped[Anschlussvereinbarung] = relationship(back_populates="next_steps")


# Cohort queries select the leaving classes of one school (or all schools of a Kommune) in one
# school year; this index on the shared classes table makes that lookup a single index range.
Index(
    "ix_classes_school_year_jahrgang",
    SchoolClass.school_id,
    SchoolClass.school_year_id,
    SchoolClass.jahrgang,
)
