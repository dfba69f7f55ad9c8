"""The endpoints the bench measures. Feature engineers: add a BenchCase here.

`role` names the subject who sends the request (see `Subjects`); `path_fn` builds the path
from the subjects' ids, e.g. `lambda s: f"/api/v1/classes/{s.class_id}/pupils"`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.schools.models import ClassMembership, ClassTeacher, School, SchoolClass


@dataclass(frozen=True)
class Subjects:
    """Ids in the generated region: one class of typical size, its school and people."""

    class_id: int
    class_size: int
    school_id: int
    kommune_id: int
    berufskolleg_id: int  # a Berufskolleg of the same Kommune (its coordinator is a subject)
    users: dict[str, int]  # role → user id


@dataclass(frozen=True)
class BenchCase:
    name: str
    role: str
    path_fn: Callable[[Subjects], str]
    method: str = "GET"


CASES = [
    BenchCase("auth/me (teacher)", "teacher", lambda s: "/api/v1/auth/me"),
    BenchCase("auth/me (pupil)", "pupil", lambda s: "/api/v1/auth/me"),
    BenchCase(
        "class pupils (teacher)", "teacher", lambda s: f"/api/v1/classes/{s.class_id}/pupils"
    ),
    BenchCase("class pupils (stubo)", "stubo", lambda s: f"/api/v1/classes/{s.class_id}/pupils"),
    BenchCase(
        "school classes (stubo)", "stubo", lambda s: f"/api/v1/schools/{s.school_id}/classes"
    ),
    BenchCase("schools (kommune)", "kommune_coordinator", lambda s: "/api/v1/schools"),
    BenchCase("schools (admin)", "admin", lambda s: "/api/v1/schools?per_page=50"),
    BenchCase(
        "class progress (teacher)", "teacher", lambda s: f"/api/v1/classes/{s.class_id}/progress"
    ),
    BenchCase("portfolio (pupil)", "pupil", lambda s: "/api/v1/me/portfolio"),
    BenchCase("interest profiles (pupil)", "pupil", lambda s: "/api/v1/me/interest-profiles"),
    BenchCase(
        "leavers unsecured (stubo)",
        "stubo",
        lambda s: f"/api/v1/schools/{s.school_id}/leavers?unsecured=true&sort=risk&per_page=50",
    ),
    BenchCase(
        "leavers summary (stubo)",
        "stubo",
        lambda s: f"/api/v1/schools/{s.school_id}/leavers/summary",
    ),
    BenchCase(
        "kommune summary (kommune)",
        "kommune_coordinator",
        lambda s: f"/api/v1/kommunen/{s.kommune_id}/summary",
    ),
    BenchCase(
        "class anschluss (teacher)", "teacher", lambda s: f"/api/v1/classes/{s.class_id}/anschluss"
    ),
    BenchCase(
        "leaving cohort (stubo)",
        "stubo",
        lambda s: f"/api/v1/schools/{s.school_id}/transition?per_page=50",
    ),
    BenchCase(
        "incoming pupils (berufskolleg)",
        "bk_coordinator",
        lambda s: f"/api/v1/schools/{s.berufskolleg_id}/incoming?per_page=50",
    ),
]


def find_subjects() -> Subjects:
    """The first Gesamtschule's first class in Jahrgang 10 and the people around it."""
    school = db.session.scalars(
        select(School).where(School.schulform == "GE").order_by(School.id).limit(1)
    ).one()
    school_class = db.session.scalars(
        select(SchoolClass)
        .where(SchoolClass.school_id == school.id, SchoolClass.jahrgang == "10")
        .order_by(SchoolClass.id)
        .limit(1)
    ).one()
    size = db.session.scalar(
        select(func.count()).where(ClassMembership.class_id == school_class.id)
    )
    pupil = db.session.scalar(
        select(ClassMembership.pupil_id).where(ClassMembership.class_id == school_class.id).limit(1)
    )
    teacher = db.session.scalar(
        select(ClassTeacher.teacher_id).where(ClassTeacher.class_id == school_class.id).limit(1)
    )

    def first(role: str, **where) -> int:
        query = select(User.id).where(User.role == role).order_by(User.id).limit(1)
        for column, value in where.items():
            query = query.where(getattr(User, column) == value)
        return db.session.scalar(query)

    users = {
        "pupil": pupil,
        "teacher": teacher,
        "stubo": first("stubo", school_id=school.id),
        "kommune_coordinator": first("kommune_coordinator", kommune_id=school.kommune_id),
        "bk_coordinator": first("bk_coordinator", kommune_id=school.kommune_id),
        "admin": first("admin"),
    }
    berufskolleg_id = db.session.scalar(
        select(User.school_id).where(User.id == users["bk_coordinator"])
    )
    return Subjects(school_class.id, size, school.id, school.kommune_id, berufskolleg_id, users)
