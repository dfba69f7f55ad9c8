"""A pupil's schooling facts the leaver rule reads (schools/leaving.py): the school year of
attendance, whether the pupil leaves this year, the admission to the Abitur (or
Fachhochschulreife) exam; a Berufskolleg class's course type; the Kommune's settings."""

from __future__ import annotations

import calendar

from sqlalchemy import select

from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.schools.leaving import (
    DERIVED_ATTENDANCE_YEAR,
    attendance_year_column,
    exam_admitted_clause,
    leaver_clause,
)
from app.schools.models import ClassMembership, Kommune, SchoolClass, SchoolYear


def _current_membership(pupil_id: int) -> ClassMembership:
    """The pupil's class membership of the current school year (422 without one)."""
    today = clock.today()
    membership = db.session.scalars(
        select(ClassMembership)
        .join(SchoolYear, SchoolYear.id == ClassMembership.school_year_id)
        .where(
            ClassMembership.pupil_id == pupil_id,
            SchoolYear.starts_on <= today,
            SchoolYear.ends_on >= today,
        )
    ).one_or_none()
    if membership is None:
        raise Invalid("pupil-without-class", field="pupil_id")
    return membership


def view(pupil_id: int) -> dict:
    """The facts and what the leaver rule makes of them — one statement."""
    membership = _current_membership(pupil_id)
    row = db.session.execute(
        select(
            SchoolClass.id,
            SchoolClass.name,
            SchoolClass.jahrgang,
            attendance_year_column().label("attendance_year_effective"),
            leaver_clause().label("leaver"),
            exam_admitted_clause().label("exam_excluded"),
        )
        .select_from(ClassMembership)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(ClassMembership.id == membership.id)
    ).one()
    return {
        "pupil_id": pupil_id,
        "class_id": row.id,
        "class_name": row.name,
        "jahrgang": row.jahrgang,
        "attendance_year": membership.attendance_year,
        "attendance_year_derived": DERIVED_ATTENDANCE_YEAR.get(row.jahrgang),
        "attendance_year_effective": row.attendance_year_effective,
        "leaving": membership.leaving,
        "leaver": bool(row.leaver),
        "exam_admission": membership.exam_admission,
        "exam_admission_recorded_at": membership.exam_admission_recorded_at,
        "excluded_by_exam_admission": bool(row.exam_excluded),
    }


def read(actor, pupil_id: int) -> dict:
    result = view(pupil_id)
    audit.record(
        actor, "read", "schooling", [pupil_id], audit.Purpose.CLASS_MANAGEMENT, ("schooling",)
    )
    return result


def _changed(actor, pupil_id: int, resource: str) -> dict:
    db.session.flush()
    audit.record(
        actor, "update", resource, [pupil_id], audit.Purpose.CLASS_MANAGEMENT, ("schooling",)
    )
    return view(pupil_id)


def update_attendance(actor, pupil_id: int, data: dict) -> dict:
    """Correct the school year of attendance and/or whether the pupil leaves this year
    (null: back to what the class implies)."""
    membership = _current_membership(pupil_id)
    for name in ("attendance_year", "leaving"):
        if name in data:
            setattr(membership, name, data[name])
    return _changed(actor, pupil_id, "school_attendance")


def set_exam_admission(actor, pupil_id: int, data: dict) -> dict:
    """Record the admission to the Abitur ("abitur") or Fachhochschulreife ("fhr") exam, or
    clear it (null): a fact from the admission conference, never a forecast."""
    membership = _current_membership(pupil_id)
    exam = data.get("exam")
    school_class = db.session.get(SchoolClass, membership.class_id)
    if exam is not None and school_class.jahrgang not in EXAM_JAHRGAENGE:
        raise Invalid("exam-admission-not-in-jahrgang", field="exam", jahrgang=school_class.name)
    membership.exam_admission = exam
    membership.exam_admission_recorded_at = clock.now() if exam else None
    membership.exam_admission_recorded_by_id = actor.id if exam else None
    return _changed(actor, pupil_id, "exam_admission")


# The Abitur exam is taken in Q2; the Fachhochschulreife exam also at a Berufskolleg.
EXAM_JAHRGAENGE = ("Q2", "BK1", "BK2", "BK3")


def set_course_type(class_id: int, data: dict) -> SchoolClass:
    """The course type of a Berufskolleg class (who counts as a leaver there)."""
    school_class = db.session.get(SchoolClass, class_id)  # the access scope found it
    if not school_class.jahrgang.startswith("BK"):
        raise Invalid("course-type-only-berufskolleg", field="course_type")
    school_class.course_type = data["course_type"]
    db.session.flush()
    return school_class


LEAP_YEAR = 2028  # 29 February is a valid opening day


def kommune_settings(kommune_id: int) -> Kommune:
    return db.session.get(Kommune, kommune_id)  # the access scope found it


def update_kommune_settings(kommune_id: int, data: dict) -> Kommune:
    kommune = kommune_settings(kommune_id)
    month = data.get("application_opens_month", kommune.application_opens_month)
    day = data.get("application_opens_day", kommune.application_opens_day)
    if day > calendar.monthrange(LEAP_YEAR, month)[1]:
        raise Invalid("day-not-in-month", field="application_opens_day", day=day)
    for name, value in data.items():
        setattr(kommune, name, value)
    db.session.flush()
    return kommune
