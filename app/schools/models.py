"""Kommunen, schools, school years, classes and who belongs to which class."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

# Jahrgänge a class can have: Sek I grades from 8, the three upper-school years, and
# Berufskolleg courses (BK) whose last year is their leaving year.
JAHRGAENGE = ("8", "9", "10", "EF", "Q1", "Q2", "BK1", "BK2", "BK3")
LEAVING_JAHRGAENGE = ("10", "Q2")


class Kommune(db.Model):
    """A municipality (Kreis or kreisfreie Stadt) with its Kommunale Koordinierung."""

    __tablename__ = "kommunen"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    regional_key: Mapped[str | None] = mapped_column(String(12), unique=True)
    coordination_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    schools: Mapped[list[School]] = relationship(back_populates="kommune")


class School(db.Model):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    schulnummer: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    schulform: Mapped[str] = mapped_column(String(8))
    kommune_id: Mapped[int] = mapped_column(ForeignKey("kommunen.id"), index=True)
    postcode: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    kommune: Mapped[Kommune] = relationship(back_populates="schools")

    @property
    def is_berufskolleg(self) -> bool:
        return self.schulform == "BK"


class SchoolYear(db.Model):
    """A school year runs from 1 August to 31 July; `label` is e.g. "2026/27"."""

    __tablename__ = "school_years"
    __table_args__ = (CheckConstraint("starts_on < ends_on", name="ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(7), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    @staticmethod
    def bounds_for(day: date) -> tuple[str, date, date]:
        start_year = day.year if day.month >= 8 else day.year - 1
        label = f"{start_year}/{str(start_year + 1)[-2:]}"
        return label, date(start_year, 8, 1), date(start_year + 1, 7, 31)


class SchoolClass(db.Model):
    __tablename__ = "classes"
    __table_args__ = (
        UniqueConstraint("school_id", "school_year_id", "name"),
        CheckConstraint(
            "jahrgang IN (" + ", ".join(f"'{j}'" for j in JAHRGAENGE) + ")", name="jahrgang"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"), index=True)
    name: Mapped[str] = mapped_column(String(20))
    jahrgang: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # Set by the school-year rollover on a leaving class: kept as history, no longer current.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    school: Mapped[School] = relationship()
    school_year: Mapped[SchoolYear] = relationship()

    @property
    def is_leaving_class(self) -> bool:
        return self.jahrgang in LEAVING_JAHRGAENGE or self.jahrgang.startswith("BK")


class ClassMembership(db.Model):
    """A pupil in a class (one class per pupil and school year)."""

    __tablename__ = "class_memberships"
    __table_args__ = (UniqueConstraint("pupil_id", "school_year_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))

    school_class: Mapped[SchoolClass] = relationship()


class ClassTeacher(db.Model):
    """A teacher responsible for a class (a class may have two, a teacher several classes)."""

    __tablename__ = "class_teachers"
    __table_args__ = (UniqueConstraint("teacher_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
