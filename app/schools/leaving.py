"""Who leaves school this year (docs/glossary.md, "Abgänger*innen"), as SQL terms over the
joined `SchoolClass` and `ClassMembership` rows — the rule costs no extra statement.

A pupil leaving school from the 10th school year of attendance (Schulbesuchsjahr, not Jahrgang)
counts: a grade-9 pupil who repeated a year and leaves with the Erster Schulabschluss, and a
pupil leaving from EF or Q1, too; grade 10 at a Gymnasium goes on to its EF and does not. At a
Berufskolleg only full-time courses without a vocational qualification count (apprentices have
a placement). Pupils admitted to the Abitur exam (where the Kommune says so also the
Fachhochschulreife exam) are left out of the Verantwortungskette: a recorded fact.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, and_, case, exists, func, not_, or_, select
from sqlalchemy.orm import aliased

from app.schools.models import (
    CHAIN_COURSE_TYPE,
    ClassMembership,
    Kommune,
    School,
    SchoolClass,
    SchoolYear,
)

# The usual school year of attendance of a Jahrgang (4 years of primary school, G9).
DERIVED_ATTENDANCE_YEAR = {"8": 8, "9": 9, "10": 10, "EF": 11, "Q1": 12, "Q2": 13}
FIRST_LEAVING_ATTENDANCE_YEAR = 10
SEK_I = ("8", "9", "10")
# Schools whose grade 10 goes on to the school's own upper level (G9 Gymnasium).
OBERSTUFE_FROM_11 = ("GY",)


def attendance_year_column():
    """The member's school year of attendance: recorded, else derived from the Jahrgang."""
    derived = case(
        *((SchoolClass.jahrgang == jahrgang, n) for jahrgang, n in DERIVED_ATTENDANCE_YEAR.items()),
        else_=None,
    )
    return func.coalesce(ClassMembership.attendance_year, derived)


def _continues_to_oberstufe():
    """Grade 10 of a Gymnasium: its pupils go on to the EF of the same school."""
    gymnasien = select(School.id).where(School.schulform.in_(OBERSTUFE_FROM_11))
    return and_(SchoolClass.jahrgang == "10", SchoolClass.school_id.in_(gymnasien))


def leaves_by_default():
    """Without a recorded answer: Q2 pupils leave, and Sek I pupils (from the 10th year of
    attendance, see `leaver_clause`) except grade 10 at a Gymnasium; EF and Q1 pupils stay."""
    return or_(
        SchoolClass.jahrgang == "Q2",
        and_(SchoolClass.jahrgang.in_(SEK_I), not_(_continues_to_oberstufe())),
    )


def leaver_clause():
    """The member leaves school this year from the 10th school year of attendance or later, or
    attends a Berufskolleg course that counts (full-time, no vocational qualification; a class
    whose course type is not yet set counts, so nobody drops out unseen)."""
    berufskolleg = SchoolClass.jahrgang.like("BK%")
    counting_course = or_(
        SchoolClass.course_type.is_(None), SchoolClass.course_type == CHAIN_COURSE_TYPE
    )
    leaves = func.coalesce(ClassMembership.leaving, leaves_by_default(), type_=Boolean)
    return or_(
        and_(berufskolleg, counting_course, ClassMembership.leaving.is_not(False)),
        and_(
            not_(berufskolleg),
            attendance_year_column() >= FIRST_LEAVING_ATTENDANCE_YEAR,
            leaves,
        ),
    )


def exam_admitted_clause():
    """Admitted to the Abitur exam — or to the Fachhochschulreife exam where the Kommune's
    agreement excludes those too (a recorded fact, never a forecast)."""
    fhr_excluded = (
        select(Kommune.fhr_admission_excludes)
        .join(School, School.kommune_id == Kommune.id)
        .where(School.id == SchoolClass.school_id)
        .scalar_subquery()
    )
    return and_(
        ClassMembership.exam_admission.is_not(None),  # never NULL, so NOT(...) keeps the rest
        or_(
            ClassMembership.exam_admission == "abitur",
            and_(ClassMembership.exam_admission == "fhr", fhr_excluded.is_(True)),
        ),
    )


def _school_year_key(month, day):
    """Order of a calendar day within a school year (1 August first): month index × 100 + day."""
    return ((month + 4) % 12) * 100 + day


def application_period_open(today: date):
    """SQL: the application period of the class's Kommune has opened (its setting, default
    1 February) — or the class's school year is over. Before it, "no application" is no risk."""
    school, kommune, year = aliased(School), aliased(Kommune), aliased(SchoolYear)
    opens = _school_year_key(kommune.application_opens_month, kommune.application_opens_day)
    today_key = _school_year_key(today.month, today.day)
    return exists().where(
        school.id == SchoolClass.school_id,
        kommune.id == school.kommune_id,
        year.id == SchoolClass.school_year_id,
        or_(year.ends_on < today, and_(year.starts_on <= today, opens <= today_key)),
    )
