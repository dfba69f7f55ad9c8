"""Kommunen, schools, school years, classes and who belongs to which class."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

# Jahrgänge a class can have: Sek I grades from 8, the three upper-school years, and
# Berufskolleg courses (BK) whose last year is their leaving year.
JAHRGAENGE = ("8", "9", "10", "EF", "Q1", "Q2", "BK1", "BK2", "BK3")
LEAVING_JAHRGAENGE = ("10", "Q2")
# Berufskolleg course types (Bildungsgänge, APO-BK): only full-time courses that lead to no
# vocational qualification (Ausbildungsvorbereitung, Berufsfachschule I/II, Fachoberschule 11)
# belong to the Verantwortungskette's population; apprentices (dual) and full-time vocational
# courses (Assistenten, Fachschule) have a placement.
COURSE_TYPES = ("full_time_general", "full_time_vocational", "dual")
CHAIN_COURSE_TYPE = "full_time_general"
# Examinations whose admission takes a pupil out of the Verantwortungskette (a recorded fact):
# the Abitur always, the Fachhochschulreife where the Kommune's agreement says so.
EXAMS = ("abitur", "fhr")


class Kommune(db.Model):
    """A municipality (Kreis or kreisfreie Stadt) with its Kommunale Koordinierung."""

    __tablename__ = "kommunen"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    regional_key: Mapped[str | None] = mapped_column(String(12), unique=True)
    coordination_name: Mapped[str] = mapped_column(String(200), default="")
    # The Kommune's KAoA choices: Praxiselemente (SBO 9.1) in EF/Q1 or Q1/Q2, and whether a
    # Girls'/Boys' Day counts as one Berufsfelderkundung day (app/portfolio/plan.py).
    praxiselemente_window: Mapped[str] = mapped_column(String(8), default="EF_Q1")
    girls_boys_day_counts: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # The Kommune's Verantwortungskette agreement: when the application period opens (month and
    # day within the school year; "no application" counts as a risk only from then on) and
    # whether admission to the Fachhochschulreife exam also excludes from the identification.
    application_opens_month: Mapped[int] = mapped_column(SmallInteger, default=2)
    application_opens_day: Mapped[int] = mapped_column(SmallInteger, default=1)
    fhr_admission_excludes: Mapped[bool] = mapped_column(Boolean, default=False)

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
        CheckConstraint(
            "course_type IS NULL OR course_type IN ("
            + ", ".join(f"'{t}'" for t in COURSE_TYPES)
            + ")",
            name="course_type",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"), index=True)
    name: Mapped[str] = mapped_column(String(20))
    jahrgang: Mapped[str] = mapped_column(String(4))
    # Berufskolleg classes only: the kind of course (COURSE_TYPES), from the roster or the StuBO.
    course_type: Mapped[str | None] = mapped_column(String(24))
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
    __table_args__ = (
        UniqueConstraint("pupil_id", "school_year_id"),
        CheckConstraint(
            "attendance_year IS NULL OR attendance_year BETWEEN 1 AND 20", name="attendance_year"
        ),
        CheckConstraint(
            "exam_admission IS NULL OR exam_admission IN ("
            + ", ".join(f"'{e}'" for e in EXAMS)
            + ")",
            name="exam_admission",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id"))
    # The school year of attendance (Schulbesuchsjahr) this membership is, counted from the
    # first year of primary school; None: derived from the Jahrgang (docs/glossary.md).
    attendance_year: Mapped[int | None] = mapped_column(SmallInteger)
    # Whether the pupil leaves the school at the end of this year; None: the class decides
    # (Q2, Sek I grades in or after the 10th year of attendance, not grade 10 at a Gymnasium).
    leaving: Mapped[bool | None] = mapped_column(Boolean)
    # Admission to the Abitur (or Fachhochschulreife) examination this year: a recorded fact.
    exam_admission: Mapped[str | None] = mapped_column(String(8))
    exam_admission_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    exam_admission_recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    school_class: Mapped[SchoolClass] = relationship()


class ClassTeacher(db.Model):
    """A teacher responsible for a class (a class may have two, a teacher several classes)."""

    __tablename__ = "class_teachers"
    __table_args__ = (UniqueConstraint("teacher_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)


FOERDERSCHWERPUNKTE = ("LE", "ES", "SQ", "GG", "KM", "HK", "SE", "AU")
TARGET_GROUPS = ("sen_learning", "star", "kaoa_kompakt")


class PupilTargetGroup(db.Model):
    """A pupil's KAoA target groups: special educational needs (Förderschwerpunkt, STAR) and
    newly arrived (KAoA-kompakt). Taken from the roster import where SchILD has them
    (Förderschwerpunkt, date of arrival), editable by the class teacher and the StuBO.
    No row: the regular plan."""

    __tablename__ = "pupil_target_groups"
    __table_args__ = (
        CheckConstraint(
            "foerderschwerpunkt IS NULL OR foerderschwerpunkt IN ("
            + ", ".join(f"'{k}'" for k in FOERDERSCHWERPUNKTE)
            + ")",
            name="foerderschwerpunkt",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    foerderschwerpunkt: Mapped[str | None] = mapped_column(String(2))
    arrived_on: Mapped[date | None]
    star: Mapped[bool] = mapped_column(default=False)
    sen_learning: Mapped[bool] = mapped_column(default=False)
    kaoa_kompakt: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(8), default="staff")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    @property
    def groups(self) -> list[str]:
        return [g for g in TARGET_GROUPS if getattr(self, g)]
