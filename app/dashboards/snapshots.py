"""Grouped cohort counts, weekly snapshots of them and the trend read from the snapshots."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select

from app.anschluss import reference
from app.anschluss.models import SECURED_STATUSES, Anschluss
from app.core import clock
from app.dashboards import cohort
from app.dashboards.models import AnschlussSnapshot
from app.extensions import db
from app.schools.models import School, SchoolClass

TREND_WEEKS = 12


def _group_columns(name: str) -> list:
    return {
        "school": [SchoolClass.school_id],
        "school_name": [School.name.label("school_name")],
        "class": [SchoolClass.id.label("class_id"), SchoolClass.name.label("class_name")],
        "status": [cohort.status_column().label("status")],
        "option": [func.coalesce(Anschluss.option_code, "").label("option_code")],
    }[name]


def grouped_counts(
    school_year_id: int,
    *,
    school_id=None,
    kommune_id=None,
    by=("school", "status", "option"),
):
    """Leavers counted per combination of `by` ("school", "school_name", "class", "status",
    "option") in one aggregate query: ask for the breakdown you show, so the database
    returns tens of rows, not one per school × status × option."""
    keys = [column for name in by for column in _group_columns(name)]
    query = cohort.membership_join(
        select(*keys, func.count().label("count")).select_from(SchoolClass)
    ).where(SchoolClass.school_year_id == school_year_id, cohort.leaving_class_clause())
    if school_id is not None:
        query = query.where(SchoolClass.school_id == school_id)
    if kommune_id is not None or "school_name" in by:
        query = query.join(School, School.id == SchoolClass.school_id)
    if kommune_id is not None:
        query = query.where(School.kommune_id == kommune_id)
    return db.session.execute(query.group_by(*keys)).all()


def take_snapshot(day: date | None = None) -> dict:
    """(Re)write this week's snapshot for every school: safe to run daily or weekly."""
    day = day or reference.today()
    year = reference.school_year_for(day)
    if year is None:
        return {"week_start": None, "rows": 0}
    week = reference.week_start(day)
    rows = [
        {
            "school_id": row.school_id,
            "school_year_id": year.id,
            "week_start": week,
            "status": row.status,
            "option_code": row.option_code,
            "count": row.count,
            "taken_at": clock.now(),
        }
        for row in grouped_counts(year.id)
    ]
    db.session.execute(
        delete(AnschlussSnapshot).where(
            AnschlussSnapshot.school_year_id == year.id, AnschlussSnapshot.week_start == week
        )
    )
    if rows:
        db.session.execute(insert(AnschlussSnapshot), rows)
    return {"week_start": week, "rows": len(rows)}


def trend(school_year_id: int, live_rows, *, school_id=None, kommune_id=None) -> list[dict]:
    """Weekly totals from snapshots (last TREND_WEEKS weeks); the current week is live."""
    this_week = reference.week_start(reference.today())
    since = this_week - timedelta(weeks=TREND_WEEKS - 1)
    query = (
        select(
            AnschlussSnapshot.week_start,
            AnschlussSnapshot.status,
            func.sum(AnschlussSnapshot.count),
        )
        .where(
            AnschlussSnapshot.school_year_id == school_year_id,
            AnschlussSnapshot.week_start >= since,
            AnschlussSnapshot.week_start < this_week,
        )
        .group_by(AnschlussSnapshot.week_start, AnschlussSnapshot.status)
    )
    if school_id is not None:
        query = query.where(AnschlussSnapshot.school_id == school_id)
    if kommune_id is not None:
        query = query.join(School, School.id == AnschlussSnapshot.school_id).where(
            School.kommune_id == kommune_id
        )
    weeks: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for week, status, count in db.session.execute(query):
        weeks[week][status] += int(count)
    for row in live_rows:
        weeks[this_week][row.status] += row.count
    return [_point(week, weeks[week]) for week in sorted(weeks)]


def _point(week: date, by_status: dict[str, int]) -> dict:
    leavers = sum(by_status.values())
    secured = sum(by_status.get(s, 0) for s in SECURED_STATUSES)
    return {
        "week_start": week,
        "leavers": leavers,
        "secured": secured,
        "by_status": dict(by_status),
    }
