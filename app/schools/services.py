"""Reading schools, classes and class lists within a user's scope."""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import EnrolmentCode, User, WebAuthnCredential
from app.core import audit, clock
from app.core.pagination import paginate
from app.core.provided import Provided
from app.extensions import db
from app.schools.models import ClassMembership, School, SchoolClass, SchoolYear
from app.schools.teaching import taught_class_ids

# A provider user's Kommune is that of its provider, which the internships feature owns.
provider_kommune_id = Provided("Kommune of a provider (internships.scopes.provider_kommune_id)")


def class_ids_of(user) -> list[int]:
    """The classes a pupil learns in or a teacher teaches now (for the account summary)."""
    if user.role == "pupil":
        query = select(ClassMembership.class_id).where(ClassMembership.pupil_id == user.id)
    elif user.role == "teacher":
        query = taught_class_ids(user.id)
    else:
        return []
    return list(db.session.scalars(query))


def visible_schools_query(user):
    query = select(School)
    if user.role == "admin":
        return query
    if user.role in ("kommune_coordinator", "provider"):
        kommune_id = user.kommune_id
        if user.role == "provider" and kommune_id is None:
            kommune_id = provider_kommune_id(user.provider_id)
        return query.where(School.kommune_id == kommune_id)
    return query.where(School.id == user.school_id)


def list_schools(user, page: int, per_page: int, kommune_id=None, schulform=None) -> dict:
    query = visible_schools_query(user)
    if kommune_id:
        query = query.where(School.kommune_id == kommune_id)
    if schulform:
        query = query.where(School.schulform == schulform)
    return paginate(query.order_by(School.name, School.id), page, per_page)


def _class_rows(query) -> list[dict]:
    pupil_count = (
        select(func.count(ClassMembership.id))
        .where(ClassMembership.class_id == SchoolClass.id)
        .correlate(SchoolClass)
        .scalar_subquery()
    )
    rows = db.session.execute(
        query.add_columns(SchoolYear.label, pupil_count)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .order_by(SchoolYear.starts_on.desc(), SchoolClass.name)
    ).all()
    return [
        {
            "id": c.id,
            "name": c.name,
            "jahrgang": c.jahrgang,
            "school_id": c.school_id,
            "school_year": label,
            "pupil_count": count,
            "is_leaving_class": c.is_leaving_class,
            "course_type": c.course_type,
        }
        for c, label, count in rows
    ]


def list_classes(user, school_id: int) -> list[dict]:
    """Classes of a school; a teacher sees only the classes they teach now."""
    query = select(SchoolClass).where(SchoolClass.school_id == school_id)
    if user.role == "teacher":
        query = query.where(SchoolClass.id.in_(taught_class_ids(user.id)))
    return _class_rows(query)


def class_pupils(user, class_id: int) -> list[dict]:
    """The pupils of a class with enrolment state, in one query; the read is audited."""
    now = clock.now()
    passkeys = (
        select(func.count(WebAuthnCredential.id))
        .where(WebAuthnCredential.user_id == User.id)
        .correlate(User)
        .scalar_subquery()
    )
    open_codes = (
        select(func.count(EnrolmentCode.id))
        .where(
            EnrolmentCode.pupil_id == User.id,
            EnrolmentCode.used_at.is_(None),
            EnrolmentCode.revoked_at.is_(None),
            EnrolmentCode.expires_at > now,
        )
        .correlate(User)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(User, passkeys, open_codes)
        .join(ClassMembership, ClassMembership.pupil_id == User.id)
        .where(ClassMembership.class_id == class_id)
        .order_by(User.last_name, User.first_name, User.id)
    ).all()
    result = [
        {
            "id": pupil.id,
            "first_name": pupil.first_name,
            "last_name": pupil.last_name,
            "display_name": pupil.display_name,
            "birth_date": pupil.birth_date,
            "external_id": pupil.external_id,
            "enrolled": bool(pupil.password_hash) or passkey_count > 0,
            "passkey_count": passkey_count,
            "open_enrolment_code": code_count > 0,
        }
        for pupil, passkey_count, code_count in rows
    ]
    audit.record(
        user,
        "read",
        "class_pupils",
        [row["id"] for row in result],
        audit.Purpose.CLASS_MANAGEMENT,
        categories=("identity", "enrolment"),
    )
    return result
