"""Small factories for test data; each returns a flushed model instance."""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select

from app.auth.models import User
from app.core import clock
from app.extensions import db
from app.internships.models import Provider
from app.schools.models import (
    ClassMembership,
    ClassTeacher,
    Kommune,
    School,
    SchoolClass,
    SchoolYear,
)

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def current_school_year() -> SchoolYear:
    label, starts, ends = SchoolYear.bounds_for(clock.today())
    year = db.session.scalars(select(SchoolYear).filter_by(label=label)).one_or_none()
    if year is None:
        year = SchoolYear(label=label, starts_on=starts, ends_on=ends)
        db.session.add(year)
        db.session.flush()
    return year


def make_kommune(name: str | None = None) -> Kommune:
    kommune = Kommune(name=name or f"Kommune {_n()}", coordination_name="Kommunale Koordinierung")
    db.session.add(kommune)
    db.session.flush()
    return kommune


def make_school(kommune: Kommune, schulform: str = "GE", name: str | None = None) -> School:
    n = _n()
    school = School(
        schulnummer=f"{100000 + n:06d}"[-6:],
        name=name or f"Schule {n}",
        schulform=schulform,
        kommune_id=kommune.id,
        postcode="44135",
        city="Dortmund",
    )
    db.session.add(school)
    db.session.flush()
    return school


def make_class(school: School, name: str = "10a", jahrgang: str = "10") -> SchoolClass:
    school_class = SchoolClass(
        school_id=school.id, school_year_id=current_school_year().id, name=name, jahrgang=jahrgang
    )
    db.session.add(school_class)
    db.session.flush()
    return school_class


def make_user(role: str, **fields) -> User:
    n = _n()
    defaults = {
        "username": f"{role}{n}",
        "first_name": fields.pop("first_name", f"Vorname{n}"),
        "last_name": fields.pop("last_name", f"Nachname{n}"),
    }
    user = User(role=role, **{**defaults, **fields})
    db.session.add(user)
    db.session.flush()
    return user


def make_pupil(school_class: SchoolClass, **fields) -> User:
    fields.setdefault("birth_date", date(2010, 5, 17))
    fields.setdefault("external_id", f"EXT{_n()}")
    fields.setdefault("username", None)
    pupil = make_user("pupil", school_id=school_class.school_id, **fields)
    db.session.add(
        ClassMembership(
            pupil_id=pupil.id, class_id=school_class.id, school_year_id=school_class.school_year_id
        )
    )
    db.session.flush()
    return pupil


def make_teacher(*classes: SchoolClass, school: School | None = None, **fields) -> User:
    school_id = school.id if school else classes[0].school_id
    teacher = make_user("teacher", school_id=school_id, **fields)
    for school_class in classes:
        db.session.add(ClassTeacher(teacher_id=teacher.id, class_id=school_class.id))
    db.session.flush()
    return teacher


def make_recipient(kommune: Kommune, kind: str, name: str, school: School | None = None):
    """A recipient organisation of the Kommune's Verantwortungskette."""
    from app.verantwortungskette.models import Recipient

    recipient = Recipient(
        kommune_id=kommune.id, kind=kind, name=name, school_id=school.id if school else None
    )
    db.session.add(recipient)
    db.session.flush()
    return recipient


def make_recipient_coordinator(recipient, **fields) -> User:
    """A coordinator account of one recipient organisation (e.g. the Agentur für Arbeit)."""
    from app.verantwortungskette.models import RecipientCoordinator

    user = make_user("recipient_coordinator", kommune_id=recipient.kommune_id, **fields)
    db.session.add(RecipientCoordinator(user_id=user.id, recipient_id=recipient.id))
    db.session.flush()
    return user


def make_provider(kommune: Kommune, approved: bool = True, name: str | None = None) -> Provider:
    provider = Provider(
        name=name or f"Betrieb {_n()}",
        kommune_id=kommune.id,
        postcode="44137",
        city="Dortmund",
        approved_at=clock.now() if approved else None,
    )
    db.session.add(provider)
    db.session.flush()
    return provider


def admit_to_exam(pupil: User, exam: str = "abitur") -> ClassMembership:
    """Record the pupil's admission to the Abitur (or "fhr") exam on this year's membership."""
    membership = membership_of(pupil)
    membership.exam_admission = exam
    membership.exam_admission_recorded_at = clock.now()
    db.session.flush()
    return membership


def membership_of(pupil: User) -> ClassMembership:
    """The pupil's class membership of the current school year."""
    return db.session.scalars(
        select(ClassMembership).filter_by(
            pupil_id=pupil.id, school_year_id=current_school_year().id
        )
    ).one()
