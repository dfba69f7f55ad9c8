"""The StuBO's leaver list ("noch kein Anschluss") and the teacher's class overview."""

from __future__ import annotations

from app.anschluss import reference
from app.core import audit
from app.core.errors import NotFound
from app.dashboards import cohort
from app.extensions import db
from app.schools.models import SchoolYear


def school_year_id(requested: int | None) -> int | None:
    """The requested school year, or the current one (None when none exists yet)."""
    if requested is not None:
        if db.session.get(SchoolYear, requested) is None:
            raise NotFound("No such school year.")
        return requested
    year = reference.current_school_year()
    return year.id if year else None


def leaver_rows(school_id: int, query: dict) -> list[dict]:
    year_id = school_year_id(query.get("school_year_id"))
    if year_id is None:
        return []
    scope = {"school_id": school_id, "school_year_id": year_id}
    rows = cohort.build_rows(
        cohort.rows_query(**scope, filters=query), cohort.cohort_pupils(**scope)
    )
    if query.get("risk_reason"):
        rows = [r for r in rows if query["risk_reason"] in r["risk_reasons"]]
    return cohort.sort_rows(rows, query.get("sort", "risk"))


def list_leavers(user, school_id: int, query: dict) -> dict:
    """One page of the cohort; only the pupils on the page count as read (audited)."""
    rows = leaver_rows(school_id, query)
    page, per_page = query["page"], query["per_page"]
    items = rows[(page - 1) * per_page : page * per_page]
    audit.record(
        user,
        "read",
        "leavers",
        [r["pupil_id"] for r in items],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    return {"items": items, "total": len(rows), "page": page, "per_page": per_page}


def class_overview(user, class_id: int) -> list[dict]:
    """Every pupil of a class with Anschluss, missing steps, overdue steps and traffic light."""
    rows = cohort.build_rows(
        cohort.rows_query(class_id=class_id), cohort.cohort_pupils(class_id=class_id)
    )
    rows = cohort.sort_rows(rows, "name")
    audit.record(
        user,
        "read",
        "class_anschluss",
        [r["pupil_id"] for r in rows],
        audit.Purpose.CAREER_GUIDANCE,
        ("identity", "anschluss"),
    )
    return rows
