"""The Kommune's aggregate over all its schools — no personal data, small counts masked.

Every count below 5 (including 0) is shown as "<5". Where a breakdown sits beside its total,
one masked cell could be recovered by subtraction, so the next-smallest cell is masked too.
"""

from __future__ import annotations

from app.anschluss.models import SECURED_STATUSES, STATUSES
from app.dashboards import leavers, snapshots

SMALL = 5
MASK = "<5"


def masked(count: int) -> str:
    return MASK if count < SMALL else str(count)


def mask_breakdown(counts: dict[str, int]) -> dict[str, str]:
    """Mask small cells; if exactly one is masked, also mask the smallest other cell."""
    small = [key for key, value in counts.items() if value < SMALL]
    if len(small) == 1 and len(counts) > 1:
        others = sorted((value, key) for key, value in counts.items() if key not in small)
        small.append(others[0][1])
    return {key: MASK if key in small else str(value) for key, value in counts.items()}


def masked_share(secured: int, total: int) -> float | None:
    """A share reveals both parts, so it is shown only when neither part is small."""
    if secured < SMALL or total - secured < SMALL:
        return None
    return round(secured / total, 3)


def _secured_pair(secured: int, total: int) -> dict:
    pair = mask_breakdown({"secured": secured, "without_anschluss": total - secured})
    return {"leavers": masked(total), **pair, "secured_share": masked_share(secured, total)}


def kommune_summary(kommune_id: int, query: dict) -> dict:
    """Counted in SQL per school and status and per option: one scan, tens of rows."""
    year_id = leavers.school_year_id(query.get("school_year_id"))
    rows, options = [], []
    if year_id:
        rows, options = snapshots.grouped_count_sets(
            year_id, kommune_id=kommune_id, sets=(("school", "school_name", "status"), ("option",))
        )
    by_status = dict.fromkeys(STATUSES, 0)
    schools: dict[int, list] = {}
    for row in rows:
        by_status[row.status] += row.count
        school = schools.setdefault(row.school_id, [row.school_name, 0, 0])
        school[1] += row.count
        school[2] += row.count if row.status in SECURED_STATUSES else 0
    by_option = {row.option_code: row.count for row in options if row.option_code}
    total = sum(by_status.values())
    secured = sum(by_status[s] for s in SECURED_STATUSES)
    trend = snapshots.trend(year_id, rows, kommune_id=kommune_id) if year_id else []
    return {
        "kommune_id": kommune_id,
        "schools": len(schools),
        **_secured_pair(secured, total),
        "by_status": mask_breakdown(by_status),
        "by_option": mask_breakdown(dict(sorted(by_option.items()))),
        "by_school": [
            {"school_id": sid, "school_name": name, **_secured_pair(sec, tot)}
            for sid, (name, tot, sec) in sorted(schools.items(), key=lambda i: i[1][0])
        ],
        "trend": [
            {"week_start": p["week_start"], **_secured_pair(p["secured"], p["leavers"])}
            for p in trend
        ],
    }
