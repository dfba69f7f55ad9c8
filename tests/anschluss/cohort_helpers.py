"""Build leaver cohorts of any size directly in the database (for lists and query counts)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.anschluss.models import Anschluss, Anschlussvereinbarung, NextStep
from app.core import clock
from app.schools.models import ClassMembership, SchoolClass
from app.verantwortungskette.models import CASE_STATUSES, Handover, VkCase
from tests import factories as f

STATUS_CYCLE = (
    ("offen", None),
    ("geplant", "DUAL"),
    ("beworben", "BFSII"),
    ("zugesagt", "DUAL"),
    ("angetreten", "FOS"),
    ("nokean", "NOKEAN"),
    ("unbe", "UNBE"),
)


def add_leavers(db, school_class, count: int, start: int = 0) -> list:
    """`count` pupils in the class, statuses cycling, every third with an overdue step."""
    pupils = []
    yesterday = clock.today() - timedelta(days=1)
    for n in range(start, start + count):
        pupil = f.make_pupil(school_class, first_name=f"P{n}", last_name=f"Leaver{n:04d}")
        status, option = STATUS_CYCLE[n % len(STATUS_CYCLE)]
        if status != "offen":
            db.session.add(
                Anschluss(
                    pupil_id=pupil.id,
                    school_year_id=school_class.school_year_id,
                    status=status,
                    option_code=option,
                    expected_certificate="SBO_10_7_7",
                )
            )
        if n % 3 == 0:
            agreement = Anschlussvereinbarung(
                pupil_id=pupil.id,
                school_year_id=school_class.school_year_id,
                version=1,
                stufe="10",
            )
            agreement.next_steps.append(
                NextStep(pupil_id=pupil.id, description="Bewerben", owner="pupil", due_on=yesterday)
            )
            db.session.add(agreement)
        pupils.append(pupil)
    db.session.flush()
    return pupils


def add_cases(db, pupils, recipient_school) -> None:
    """A Verantwortungskette case (handover to the Berufskolleg) for each of `pupils`."""
    for pupil in pupils:
        handover = Handover(
            pupil_id=pupil.id,
            pupil_pseudonym=f"pseudo-{pupil.id}",
            school_id=pupil_school_id(db, pupil),
            kind="consent",
            legal_basis="Einwilligung",
            recipient_kind="berufskolleg",
            recipient_school_id=recipient_school.id,
            recipient_name=recipient_school.name,
            fields="identity",
        )
        handover.case = VkCase(
            pupil_id=pupil.id,
            recipient_kind="berufskolleg",
            recipient_school_id=recipient_school.id,
            status=CASE_STATUSES[pupil.id % len(CASE_STATUSES)],
        )
        db.session.add(handover)
    db.session.flush()


def pupil_school_id(db, pupil) -> int:
    return db.session.scalar(
        select(SchoolClass.school_id)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .where(ClassMembership.pupil_id == pupil.id)
        .limit(1)
    )
