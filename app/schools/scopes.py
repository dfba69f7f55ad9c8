"""Scope predicates for the access policy: is this school/class/pupil within the user's reach?

Each returns None when the object does not exist (404), else True/False (allowed/403).
A class teacher's reach is the classes they teach *now* (schools/teaching.py).
"""

from __future__ import annotations

from app.auth.models import User
from app.extensions import db
from app.schools.models import Kommune, School, SchoolClass
from app.schools.teaching import teaches_class, teaches_pupil


def _school(school_id) -> School | None:
    return db.session.get(School, school_id) if isinstance(school_id, int) else None


def _class(class_id) -> SchoolClass | None:
    return db.session.get(SchoolClass, class_id) if isinstance(class_id, int) else None


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
    """A class the teacher teaches now (current school year; leaving classes a little longer,
    see schools/teaching.py)."""
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
    return None if pupil is None else teaches_pupil(user.id, pupil.id)


def pupil_in_own_school(user, args) -> bool | None:
    pupil = _pupil(args.get("pupil_id"))
    return None if pupil is None else pupil.school_id == user.school_id


def pupil_exists(_user, args) -> bool | None:
    return None if _pupil(args.get("pupil_id")) is None else True


# -- Kommunen --------------------------------------------------------------------------


def _kommune_id(args) -> int | None:
    kommune_id = args.get("kommune_id")
    if not isinstance(kommune_id, int) or db.session.get(Kommune, kommune_id) is None:
        return None
    return kommune_id


def kommune_is_own(user, args) -> bool | None:
    kommune_id = _kommune_id(args)
    return None if kommune_id is None else kommune_id == user.kommune_id


def kommune_exists(_user, args) -> bool | None:
    return None if _kommune_id(args) is None else True
