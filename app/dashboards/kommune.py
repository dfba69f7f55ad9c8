"""The Kommune's aggregate over all its schools — no personal data, no recomputable small cell.

Every count below 5 (including 0) is hidden, and so is every count that could be recomputed
from the published ones: schools × (secured, without Anschluss) with their totals, the status
and certificate × option breakdowns of the same total, and the weekly trend (whose current week
is that total, and whose week-to-week changes must not be small either). `suppression.py`
chooses the complementary cells; a hidden cell is published as "masked".
"""

from __future__ import annotations

from app.anschluss import reference
from app.anschluss.models import SECURED_STATUSES, STATUSES
from app.dashboards import leavers, snapshots
from app.dashboards.suppression import MASK, SMALL, Table, publish, small_changes, suppress

TOTAL = ("total",)
PARTS = ("secured", "without_anschluss")


def masked(count: int) -> str:
    """A lone count without any sum beside it: hidden when small."""
    return MASK if count < SMALL else str(count)


def mask_breakdown(counts: dict[str, int]) -> dict[str, str]:
    """A breakdown published with its total: small cells and their complements hidden."""
    table = Table()
    parts = [table.add(("part", key), value) for key, value in counts.items()]
    table.equation(table.add(TOTAL, sum(counts.values())), parts)
    hidden = suppress(table)
    return {key: publish(table, hidden, ("part", key)) for key in counts}


def _pair(table: Table, prefix: tuple, secured: int, total: int) -> None:
    """leavers = secured + without Anschluss, as three cells under `prefix`."""
    table.add((*prefix, "secured"), secured)
    table.add((*prefix, "without_anschluss"), total - secured)
    table.add((*prefix, "leavers"), total)
    table.equation((*prefix, "leavers"), [(*prefix, part) for part in PARTS])


def _pair_view(table: Table, hidden: set, prefix: tuple) -> dict:
    view = {name: publish(table, hidden, (*prefix, name)) for name in ("leavers", *PARTS)}
    shown = MASK not in (view["leavers"], view["secured"])
    total = table.values[(*prefix, "leavers")]
    share = round(table.values[(*prefix, "secured")] / total, 3) if shown and total else None
    return {**view, "secured_share": share}


def build_table(schools: dict, by_status: dict, crosstab: dict, past_weeks: list) -> Table:
    """The cells and equations of the summary (pure: the property test feeds it directly).

    schools: id → (secured, total); by_status: status → count; crosstab: (certificate, option)
    → count; past_weeks: [(week_start, leavers, secured)] before the current week."""
    table = Table()
    total = sum(t for _s, t in schools.values())
    secured = sum(s for s, _t in schools.values())
    _pair(table, TOTAL, secured, total)
    for school_id, (school_secured, school_total) in schools.items():
        _pair(table, ("school", school_id), school_secured, school_total)
    for part in (*PARTS, "leavers"):
        table.equation((*TOTAL, part), [("school", sid, part) for sid in schools])
    for status, count in by_status.items():
        table.add(("status", status), count)
    table.equation((*TOTAL, "leavers"), [("status", s) for s in by_status])
    table.equation((*TOTAL, "secured"), [("status", s) for s in by_status if s in SECURED_STATUSES])
    table.equation(
        (*TOTAL, "without_anschluss"),
        [("status", s) for s in by_status if s not in SECURED_STATUSES],
    )
    _crosstab(table, crosstab)
    for week, week_total, week_secured in past_weeks:
        _pair(table, ("week", week), week_secured, week_total)
    return table


def _axes(crosstab: dict) -> tuple[list, list]:
    """Certificates and options of the table; "none yet" is always a row and a column."""
    return sorted({"", *(c for c, _o in crosstab)}), sorted({"", *(o for _c, o in crosstab)})


def _crosstab(table: Table, crosstab: dict) -> None:
    """Every certificate × option combination is a cell (an empty one is a small count)."""
    certificates, options = _axes(crosstab)
    for certificate in certificates:
        for option in options:
            table.add(("cell", certificate, option), crosstab.get((certificate, option), 0))
    for certificate in certificates:
        row = [("cell", certificate, option) for option in options]
        table.add(("certificate", certificate), sum(table.values[key] for key in row))
        table.equation(("certificate", certificate), row)
    for option in options:
        column = [("cell", certificate, option) for certificate in certificates]
        table.add(("option", option), sum(table.values[key] for key in column))
        table.equation(("option", option), column)
    table.equation((*TOTAL, "leavers"), [("certificate", c) for c in certificates])
    table.equation((*TOTAL, "leavers"), [("option", o) for o in options])


def trend_primary(table: Table, past_weeks: list) -> set:
    """Trend points whose change to another shown point of their series would be small."""
    hide = set()
    for part in ("leavers", *PARTS):
        series = [((*TOTAL, part), table.values[(*TOTAL, part)])]
        series += [
            (("week", week, part), table.values[("week", week, part)])
            for week, *_ in reversed(past_weeks)
        ]
        hide |= small_changes(series)
    return hide


def summarise(
    kommune_id: int,
    names: dict,
    schools: dict,
    by_status: dict,
    crosstab: dict,
    past_weeks: list,
    live_week,
) -> dict:
    table = build_table(schools, by_status, crosstab, past_weeks)
    hidden = suppress(table, trend_primary(table, past_weeks))
    certificates, option_codes = _axes(crosstab)
    return {
        "kommune_id": kommune_id,
        "schools": len(schools),
        **_pair_view(table, hidden, TOTAL),
        "by_status": {s: publish(table, hidden, ("status", s)) for s in by_status},
        "by_option": {o: publish(table, hidden, ("option", o)) for o in option_codes if o},
        "certificate_by_option": {
            "options": [
                {"option_code": o or None, "count": publish(table, hidden, ("option", o))}
                for o in option_codes
            ],
            "rows": [
                {
                    "certificate": c or None,
                    "count": publish(table, hidden, ("certificate", c)),
                    "cells": [
                        {"option_code": o or None, "count": publish(table, hidden, ("cell", c, o))}
                        for o in option_codes
                    ],
                }
                for c in certificates
            ],
        },
        "by_school": [
            {
                "school_id": sid,
                "school_name": names[sid],
                **_pair_view(table, hidden, ("school", sid)),
            }
            for sid in sorted(schools, key=lambda sid: names[sid])
        ],
        "trend": [
            {"week_start": week, **_pair_view(table, hidden, ("week", week))}
            for week, *_ in past_weeks
        ]
        + ([{"week_start": live_week, **_pair_view(table, hidden, TOTAL)}] if live_week else []),
    }


def kommune_summary(kommune_id: int, query: dict) -> dict:
    """Counted in SQL per school and status and per certificate × option: one scan."""
    year_id = leavers.school_year_id(query.get("school_year_id"))
    rows, cells = [], []
    if year_id:
        rows, cells = snapshots.grouped_count_sets(
            year_id,
            kommune_id=kommune_id,
            sets=(("school", "school_name", "status"), ("certificate", "option")),
        )
    by_status = dict.fromkeys(STATUSES, 0)
    schools: dict[int, list] = {}
    names: dict[int, str] = {}
    for row in rows:
        by_status[row.status] += row.count
        names[row.school_id] = row.school_name
        school = schools.setdefault(row.school_id, [0, 0])
        school[1] += row.count
        school[0] += row.count if row.status in SECURED_STATUSES else 0
    crosstab = {(row.certificate, row.option_code): row.count for row in cells}
    past_weeks, live_week = [], None
    if year_id:
        live_week = reference.week_start(reference.today())
        trend = snapshots.trend(year_id, [], kommune_id=kommune_id)
        past_weeks = [(p["week_start"], p["leavers"], p["secured"]) for p in trend]
    return summarise(
        kommune_id,
        names,
        {sid: tuple(v) for sid, v in schools.items()},
        by_status,
        crosstab,
        past_weeks,
        live_week,
    )
