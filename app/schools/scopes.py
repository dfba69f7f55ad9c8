"""Scope predicates for the access policy: is this school/class/pupil within the user's reach?

Each returns None when the object does not exist (404), else True/False (allowed/403).
"""

from __future__ import annotations

from sqlalchemy import exists, select

from app.auth.models import User
from app.extensions import db
from app.schools.models import ClassMembership, ClassTeacher, School, SchoolClass


def _school(school_id) -> School | None:
    return db.session.get(School, school_id) if isinstance(school_id, int) else None


def _class(class_id) -> SchoolClass | None:
    return db.session.get(SchoolClass, class_id) if isinstance(class_id, int) else None


def teaches_class(teacher_id: int, class_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    ClassTeacher.teacher_id == teacher_id, ClassTeacher.class_id == class_id
                )
            )
        )
    )


def pupil_class_ids(pupil_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(ClassMembership.class_id).where(ClassMembership.pupil_id == pupil_id)
        )
    )


# -- schools ---------------------------------------------------------------------------


def school_is_own(user, args) -> bool | None:
    school = _school(args.get("school_id"))
    return None if school is None else school.id == user.school_id


def school_in_own_kommune(user, args) -> bool | None:
    school = _school(args.get("school_id"))
    return None if school is None else school.kommune_id == user.kommune_id


def school_exists(_user, args) -> bool | None:
    return None if _school(args.get("school_id")) is None else True


# -- classes ---------------------------------------------------------------------------


def class_taught(user, args) -> bool | None:
    school_class = _class(args.get("class_id"))
    return None if school_class is None else teaches_class(user.id, school_class.id)


def class_in_own_school(user, args) -> bool | None:
    school_class = _class(args.get("class_id"))
    return None if school_class is None else school_class.school_id == user.school_id


def class_exists(_user, args) -> bool | None:
    return None if _class(args.get("class_id")) is None else True


# -- pupils ----------------------------------------------------------------------------


def _pupil(pupil_id) -> User | None:
    if not isinstance(pupil_id, int):
        return None
    user = db.session.get(User, pupil_id)
    return user if user is not None and user.role == "pupil" else None


def pupil_is_self(user, args) -> bool | None:
    pupil = _pupil(args.get("pupil_id"))
    return None if pupil is None else pupil.id == user.id


def pupil_in_taught_class(user, args) -> bool | None:
    pupil = _pupil(args.get("pupil_id"))
    if pupil is None:
        return None
    return any(teaches_class(user.id, class_id) for class_id in pupil_class_ids(pupil.id))


def pupil_in_own_school(user, args) -> bool | None:
    pupil = _pupil(args.get("pupil_id"))
    return None if pupil is None else pupil.school_id == user.school_id


def pupil_exists(_user, args) -> bool | None:
    return None if _pupil(args.get("pupil_id")) is None else True
