"""Which classes a class teacher teaches *now* (issue 9, M1; docs/security.md "Role model").

A `ClassTeacher` row is kept for good (it is the school's record of who taught whom), but it
gives access only while its class is current: the class belongs to the school year that runs
today. The one exception is the leavers' follow-up after the school-year change: the teacher
of a *leaving* class (Jahrgang 10, Q2, Berufskolleg) keeps that class for
CLASS_TEACHER_GRACE_DAYS after its school year ended (default 31: until 31 August), to record
where the leavers arrived. Pupils who stay at school have a new class teacher from 1 August;
after the grace period the StuBO (whole school) follows up the leavers.

Every scope, list and notice that asks "is this the pupil's class teacher?" uses these terms,
so a former class teacher loses access everywhere at the same moment.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, exists, or_, select

from app.core import clock
from app.extensions import db
from app.schools.models import (
    LEAVING_JAHRGAENGE,
    ClassMembership,
    ClassTeacher,
    SchoolClass,
    SchoolYear,
)

DEFAULT_GRACE_DAYS = 31


def grace_days() -> int:
    return int(current_app.config.get("CLASS_TEACHER_GRACE_DAYS", DEFAULT_GRACE_DAYS))


def current_class_clause(today: date | None = None):
    """SQL: the joined SchoolClass/SchoolYear is current for its class teachers today."""
    today = today or clock.today()
    leaving = or_(SchoolClass.jahrgang.in_(LEAVING_JAHRGAENGE), SchoolClass.jahrgang.like("BK%"))
    return and_(
        SchoolYear.starts_on <= today,
        or_(
            SchoolYear.ends_on >= today,
            and_(leaving, SchoolYear.ends_on >= today - timedelta(days=grace_days())),
        ),
    )


def taught_class_ids(teacher_id: int, today: date | None = None):
    """SELECT of the ids of the classes the teacher teaches now (a subquery for IN)."""
    return (
        select(ClassTeacher.class_id)
        .join(SchoolClass, SchoolClass.id == ClassTeacher.class_id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(ClassTeacher.teacher_id == teacher_id, current_class_clause(today))
    )


def teaches_class(teacher_id: int, class_id: int) -> bool:
    taught = taught_class_ids(teacher_id).where(ClassTeacher.class_id == class_id)
    return bool(db.session.scalar(select(taught.exists())))


def teaches_pupil(teacher_id: int, pupil_id: int) -> bool:
    """Is the pupil a member of a class the teacher teaches now? (one statement)"""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    ClassMembership.pupil_id == pupil_id,
                    ClassMembership.class_id.in_(taught_class_ids(teacher_id)),
                )
            )
        )
    )


def current_class_teacher_ids(pupil_id: int) -> list[int]:
    """The teachers who are the pupil's class teachers now (for notices about the pupil)."""
    return list(
        db.session.scalars(
            select(ClassTeacher.teacher_id)
            .join(ClassMembership, ClassMembership.class_id == ClassTeacher.class_id)
            .join(SchoolClass, SchoolClass.id == ClassTeacher.class_id)
            .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
            .where(ClassMembership.pupil_id == pupil_id, current_class_clause())
            .distinct()
            .order_by(ClassTeacher.teacher_id)
        )
    )
