"""The StuBO's leaver list ("noch kein Anschluss") and the teacher's class overview."""

from __future__ import annotations

from app.anschluss import reference
from app.core import audit
from app.core.errors import NotFound
from app.core.pagination import paginate
from app.dashboards import cohort
from app.extensions import db
from app.schools.models import SchoolYear


def school_year_id(requested: int | None) -> int | None:
    """The requested school year, or the current one (None when none exists yet)."""
    if requested is not None:
        if db.session.get(SchoolYear, requested) is None:
            raise NotFound("school-year-not-found")
        return requested
    year = reference.current_school_year()
    return year.id if year else None


def _school_rows_query(school_id: int, query: dict):
    """The school's leaver SELECT for the list's filters and sort, or None without a year."""
    year_id = school_year_id(query.get("school_year_id"))
    if year_id is None:
        return None
    return cohort.rows_query(
        school_id=school_id,
        school_year_id=year_id,
        filters=query,
        sort=query.get("sort", "risk"),
        risk_reason=query.get("risk_reason"),
    )


def leaver_rows(school_id: int, query: dict) -> list[dict]:
    """Every leaver the filters select, in the order of `sort` (exports)."""
    rows_query = _school_rows_query(school_id, query)
    if rows_query is None:
        return []
    return cohort.complete_rows(db.session.execute(rows_query).all())


def list_leavers(user, school_id: int, query: dict) -> dict:
    """One page of the cohort, filtered, sorted and paged in SQL; only the pupils on the page
    count as read (audited)."""
    page, per_page = query["page"], query["per_page"]
    rows_query = _school_rows_query(school_id, query)
    if rows_query is None:
        result = {"items": [], "total": 0, "page": page, "per_page": per_page}
    else:
        result = paginate(rows_query, page, per_page, entities=False)
        result["items"] = cohort.complete_rows(result["items"])
    audit.record(
        user,
        "read",
        "leavers",
        [r["pupil_id"] for r in result["items"]],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    return result


def class_overview(user, class_id: int) -> list[dict]:
    """Every pupil of a class with Anschluss, missing steps, overdue steps and traffic light."""
    rows = db.session.execute(cohort.rows_query(class_id=class_id, sort="name")).all()
    rows = cohort.complete_rows(rows)
    audit.record(
        user,
        "read",
        "class_anschluss",
        [r["pupil_id"] for r in rows],
        audit.Purpose.CAREER_GUIDANCE,
        ("identity", "anschluss"),
    )
    return rows
