"""The StuBO's view of a leaving cohort through the summer ("Übergang").

One row per leaver of the school's leaving classes of a school year: the record's status and
option, the chosen application with its target and the arrival reported, whether the record
is closed, an open no-show alert and the Schulpflicht flag. One SELECT per page (plus the
COUNT) whatever the cohort's size; the Schulpflicht is computed from the row.

Which cohort by default: from August to January the leavers of the school year that has just
ended (their transition), from February to July the current leavers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, literal, select
from sqlalchemy.orm import aliased

from app.anschluss import reference
from app.anschluss.cohort_terms import record_of_membership, status_column
from app.anschluss.models import Anschluss, Application
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import NotFound
from app.core.pagination import paginate
from app.extensions import db
from app.schools.leaving import leaver_clause
from app.schools.models import ClassMembership, School, SchoolClass, SchoolYear
from app.transition import schulpflicht
from app.transition.models import TransitionAlert

chosen = aliased(Application)
target = aliased(School)


def default_year() -> SchoolYear | None:
    today = clock.today()
    if 2 <= today.month <= 7:
        return reference.current_school_year()
    last_end = date(today.year if today.month >= 8 else today.year - 1, 7, 31)
    return reference.school_year_for(last_end) or reference.current_school_year()


def _year(school_year_id: int | None) -> SchoolYear | None:
    if school_year_id is None:
        return default_year()
    year = db.session.get(SchoolYear, school_year_id)
    if year is None:
        raise NotFound("school-year-not-found")
    return year


def cohort_query(school_id: int, year_id: int, open_only: bool):
    alert = (
        select(literal(1))
        .where(
            TransitionAlert.pupil_id == ClassMembership.pupil_id,
            TransitionAlert.resolved_at.is_(None),
        )
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            ClassMembership.pupil_id,
            User.first_name,
            User.last_name,
            User.birth_date,
            SchoolClass.name.label("class_name"),
            status_column().label("status"),
            Anschluss.option_code,
            Anschluss.closed_reason,
            Anschluss.achieved_certificate,
            chosen.status.label("application_status"),
            chosen.arrival,
            func.coalesce(target.name, chosen.target_name).label("target_name"),
            alert.is_not(None).label("open_alert"),
        )
        .select_from(SchoolClass)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(User, User.id == ClassMembership.pupil_id)
        .outerjoin(Anschluss, record_of_membership())
        .outerjoin(
            chosen,
            and_(
                chosen.pupil_id == ClassMembership.pupil_id,
                chosen.school_year_id == SchoolClass.school_year_id,
                chosen.is_chosen,
            ),
        )
        .outerjoin(target, target.id == chosen.target_school_id)
        .where(
            SchoolClass.school_id == school_id,
            SchoolClass.school_year_id == year_id,
            leaver_clause(),
        )
        .order_by(SchoolClass.name, User.last_name, User.first_name, User.id)
    )
    if open_only:
        query = query.where(Anschluss.closed_at.is_(None))
    return query


def _row(row, today) -> dict:
    facts = schulpflicht.Facts(
        birth_date=row.birth_date,
        status=row.status,
        option_code=row.option_code,
        arrived=row.closed_reason == "arrival_confirmed",
    )
    return {
        "pupil_id": row.pupil_id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "class_name": row.class_name,
        "status": row.status,
        "option_code": row.option_code,
        "achieved_certificate": row.achieved_certificate,
        "closed_reason": row.closed_reason,
        "application_status": row.application_status,
        "target_name": row.target_name,
        "arrival": row.arrival,
        "open_alert": bool(row.open_alert),
        "schulpflicht": schulpflicht.flag(facts, today),
    }


def leaving_cohort(user, school_id: int, query: dict) -> dict:
    year = _year(query.get("school_year_id"))
    if year is None:
        return {"school_year": None, "items": [], "total": 0, "page": 1, "per_page": 50}
    page = paginate(
        cohort_query(school_id, year.id, query.get("open_only", False)),
        query["page"],
        query["per_page"],
        entities=False,
    )
    today = clock.today()
    audit.record(
        user,
        "read",
        "leaving_cohort",
        [row.pupil_id for row in page["items"]],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    return {**page, "school_year": year.label, "items": [_row(r, today) for r in page["items"]]}
