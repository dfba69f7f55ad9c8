"""The StuBO's cohort summary: counts by status, option and class, and the weekly trend."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from app.anschluss import reference
from app.anschluss.models import SECURED_STATUSES, STATUSES, AnschlussReport, NextStep
from app.anschluss.models import Anschlussvereinbarung as Agreement
from app.dashboards import cohort, leavers, snapshots
from app.extensions import db
from app.schools.models import ClassMembership, SchoolClass
from app.verantwortungskette.models import CASE_STATUSES


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _attention_counts(school_id: int, year_id: int) -> tuple[int, int]:
    """Leavers with overdue next steps, and pending pupil reports — one query."""
    leaver_ids = (
        select(ClassMembership.pupil_id)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(
            SchoolClass.school_id == school_id,
            SchoolClass.school_year_id == year_id,
            cohort.leaver_clause(),
        )
    )
    overdue = (
        select(func.count(func.distinct(NextStep.pupil_id)))
        .join(Agreement, Agreement.id == NextStep.agreement_id)
        .where(
            NextStep.pupil_id.in_(leaver_ids),
            Agreement.is_current,
            NextStep.done_at.is_(None),
            NextStep.due_on < reference.today(),
        )
        .scalar_subquery()
    )
    pending = (
        select(func.count(AnschlussReport.id))
        .where(AnschlussReport.pupil_id.in_(leaver_ids), AnschlussReport.state == "pending")
        .scalar_subquery()
    )
    row = db.session.execute(select(overdue, pending)).one()
    return int(row[0] or 0), int(row[1] or 0)


def _case_status_counts(school_id: int, year_id: int) -> dict[str, int]:
    """Handed-over leavers by the outcome of their Verantwortungskette case — one query."""
    pupils = cohort.cohort_pupils(school_id=school_id, school_year_id=year_id)
    counts = dict.fromkeys(CASE_STATUSES, 0)
    for status in cohort.case_outcomes(pupils).values():
        counts[status] = counts.get(status, 0) + 1
    return counts


def school_summary(school_id: int, query: dict) -> dict:
    year_id = leavers.school_year_id(query.get("school_year_id"))
    rows = (
        snapshots.grouped_counts(year_id, school_id=school_id, by=("class", "status", "option"))
        if year_id
        else []
    )
    by_status = dict.fromkeys(STATUSES, 0)
    by_option: dict[str, int] = defaultdict(int)
    classes: dict[int, dict] = {}
    for row in rows:
        by_status[row.status] += row.count
        if row.option_code:
            by_option[row.option_code] += row.count
        entry = classes.setdefault(
            row.class_id,
            {"class_id": row.class_id, "class_name": row.class_name, "leavers": 0, "secured": 0},
        )
        entry["leavers"] += row.count
        entry["secured"] += row.count if row.status in SECURED_STATUSES else 0
    total = sum(by_status.values())
    secured = sum(by_status[s] for s in SECURED_STATUSES)
    overdue, pending = _attention_counts(school_id, year_id) if year_id else (0, 0)
    by_case_status = _case_status_counts(school_id, year_id) if year_id else {}
    return {
        "school_id": school_id,
        "leavers": total,
        "secured": secured,
        "secured_share": share(secured, total),
        "without_anschluss": total - secured,
        "by_status": by_status,
        "by_option": [
            {"option_code": code, "count": count} for code, count in sorted(by_option.items())
        ],
        "by_class": sorted(classes.values(), key=lambda c: c["class_name"]),
        "pupils_with_overdue_steps": overdue,
        "pending_reports": pending,
        "handed_over": sum(by_case_status.values()),
        "by_case_status": by_case_status,
        "trend": snapshots.trend(year_id, rows, school_id=school_id) if year_id else [],
    }
