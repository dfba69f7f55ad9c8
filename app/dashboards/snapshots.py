"""Grouped cohort counts, weekly snapshots of them and the trend read from the snapshots."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Integer, cast, delete, func, insert, literal, null, select, union_all

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
        # the achieved certificate once recorded, else the expected one ("" = none yet)
        "certificate": [
            func.coalesce(Anschluss.achieved_certificate, Anschluss.expected_certificate, "").label(
                "certificate"
            )
        ],
    }[name]


def _grouped_query(school_year_id: int, *, school_id=None, kommune_id=None, by=()):
    keys = [column for name in by for column in _group_columns(name)]
    query = cohort.membership_join(
        select(*keys, func.count().label("count")).select_from(SchoolClass)
    ).where(SchoolClass.school_year_id == school_year_id, cohort.leaver_clause())
    if school_id is not None:
        query = query.where(SchoolClass.school_id == school_id)
    if kommune_id is not None or "school_name" in by:
        query = query.join(School, School.id == SchoolClass.school_id)
    if kommune_id is not None:
        query = query.where(School.kommune_id == kommune_id)
    return query.group_by(*keys)


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
    query = _grouped_query(school_year_id, school_id=school_id, kommune_id=kommune_id, by=by)
    return db.session.execute(query).all()


def grouped_count_sets(school_year_id: int, *, sets, school_id=None, kommune_id=None):
    """Several breakdowns (`sets` of `by` names) from one scan of the cohort in one statement:
    counted once at the finest grain (a CTE), each breakdown sums that up (UNION ALL).
    Returns one list of rows per set; a row has every key column, NULL where not grouped."""
    names = list(dict.fromkeys(name for keys in sets for name in keys))
    fine = _grouped_query(school_year_id, school_id=school_id, kommune_id=kommune_id, by=names).cte(
        "cohort_counts"
    )
    labels = {name: [column.key for column in _group_columns(name)] for name in names}
    branches = []
    for index, keys in enumerate(sets):
        grouped = [label for name in keys for label in labels[name]]
        columns = [
            fine.c[label] if label in grouped else null().label(label)
            for name in names
            for label in labels[name]
        ]
        total = cast(func.sum(fine.c["count"]), Integer).label("count")
        branches.append(
            select(literal(index).label("breakdown"), *columns, total).group_by(
                *(fine.c[label] for label in grouped)
            )
        )
    result: list[list] = [[] for _ in sets]
    for row in db.session.execute(union_all(*branches)):
        result[row.breakdown].append(row)
    return result


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
