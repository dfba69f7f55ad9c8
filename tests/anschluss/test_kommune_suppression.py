"""Can anyone recompute a masked cell of the Kommune summary? (M2: no.)

The attacker reads only the published summary. They know its structure — a school's leavers
are its secured plus unsecured leavers, the totals are sums over schools, over statuses
(secured statuses give the secured total) and over certificate × option, the current trend
week is the total — and that counts are non-negative. For every masked cell a linear
programme finds the smallest and largest value consistent with all that; the cell leaks when
both agree. Trend points shown side by side never differ by 1 … 4.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from app.anschluss.models import SECURED_STATUSES, STATUSES
from app.dashboards.kommune import summarise
from app.dashboards.suppression import MASK

WEEK = date(2026, 11, 30)
OPTIONS = ("", "DUAL", "BFS", "GY")
CERTIFICATES = ("", "SBO_10_7_3", "SBO_10_7_5")


@st.composite
def cohorts(draw):
    """A small Kommune: 1–4 schools, leavers by status and certificate × option, past weeks."""
    n_schools = draw(st.integers(1, 4))
    school_statuses = {
        sid: {
            s: draw(st.integers(0, 7))
            for s in draw(st.sets(st.sampled_from(STATUSES), min_size=1, max_size=3))
        }
        for sid in range(1, n_schools + 1)
    }
    by_status = dict.fromkeys(STATUSES, 0)
    for statuses in school_statuses.values():
        for status, count in statuses.items():
            by_status[status] += count
    total = sum(by_status.values())
    # spread the same leavers over certificate × option cells
    crosstab: dict = {}
    for _ in range(total):
        key = (draw(st.sampled_from(CERTIFICATES)), draw(st.sampled_from(OPTIONS)))
        crosstab[key] = crosstab.get(key, 0) + 1
    schools = {
        sid: (sum(c for s, c in st_.items() if s in SECURED_STATUSES), sum(st_.values()))
        for sid, st_ in school_statuses.items()
    }
    weeks = draw(st.integers(0, 3))
    past = []
    for i in range(weeks, 0, -1):
        week_total = max(0, total - draw(st.integers(0, 8)))
        past.append((WEEK - timedelta(weeks=i), week_total, draw(st.integers(0, week_total))))
    return schools, by_status, crosstab, past


def _equations(summary: dict) -> tuple[dict, list]:
    """Cells (key → published string) and the sums an attacker knows, from the output only."""
    cells: dict = {}
    equations: list = []

    def pair(prefix, item):
        for name in ("leavers", "secured", "without_anschluss"):
            cells[(*prefix, name)] = item[name]
        equations.append(
            ((*prefix, "leavers"), [(*prefix, "secured"), (*prefix, "without_anschluss")])
        )

    pair(("total",), summary)
    for school in summary["by_school"]:
        pair(("school", school["school_id"]), school)
    for name in ("leavers", "secured", "without_anschluss"):
        equations.append(
            (("total", name), [("school", s["school_id"], name) for s in summary["by_school"]])
        )
    for status, value in summary["by_status"].items():
        cells[("status", status)] = value
    statuses = list(summary["by_status"])
    equations.append((("total", "leavers"), [("status", s) for s in statuses]))
    equations.append(
        (("total", "secured"), [("status", s) for s in statuses if s in SECURED_STATUSES])
    )
    equations.append(
        (
            ("total", "without_anschluss"),
            [("status", s) for s in statuses if s not in SECURED_STATUSES],
        )
    )
    crosstab = summary["certificate_by_option"]
    options = [o["option_code"] for o in crosstab["options"]]
    for option in crosstab["options"]:
        cells[("option", option["option_code"])] = option["count"]
    for code, value in summary["by_option"].items():
        assert cells[("option", code)] == value
    for row in crosstab["rows"]:
        cert = row["certificate"]
        cells[("certificate", cert)] = row["count"]
        for cell in row["cells"]:
            cells[("cell", cert, cell["option_code"])] = cell["count"]
        equations.append((("certificate", cert), [("cell", cert, o) for o in options]))
    for option in options:
        equations.append(
            (("option", option), [("cell", r["certificate"], option) for r in crosstab["rows"]])
        )
    equations.append(
        (("total", "leavers"), [("certificate", r["certificate"]) for r in crosstab["rows"]])
    )
    equations.append((("total", "leavers"), [("option", o) for o in options]))
    *past, live = summary["trend"]
    assert [live[k] for k in ("leavers", "secured", "without_anschluss")] == [
        summary[k] for k in ("leavers", "secured", "without_anschluss")
    ]
    for point in past:
        pair(("week", point["week_start"]), point)
    return cells, equations


def _leaks(cells: dict, equations: list) -> list:
    unknown = [key for key, value in cells.items() if value == MASK]
    if not unknown:
        return []
    index = {key: i for i, key in enumerate(unknown)}
    a_eq, b_eq = [], []
    for total, parts in equations:
        row, rhs = np.zeros(len(unknown)), 0.0
        for key, sign in [(p, 1) for p in parts] + [(total, -1)]:
            if key in index:
                row[index[key]] += sign
            else:
                rhs -= sign * int(cells[key])
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
        else:
            assert rhs == 0
    leaks = []
    for key, i in index.items():
        objective = np.zeros(len(unknown))
        objective[i] = 1
        bounds = [(0, None)] * len(unknown)
        low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
        high = linprog(-objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
        assert low.status == 0
        if high.status == 0 and abs(high.fun + low.fun) < 1e-6:
            leaks.append((key, low.fun))
    return leaks


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_no_masked_cell_is_derivable(cohort):
    """For random small cohorts: is every masked cell free, and every small cell masked?"""
    schools, by_status, crosstab, past = cohort
    names = {sid: f"Schule {sid}" for sid in schools}
    summary = summarise(1, names, schools, by_status, crosstab, past, WEEK)
    cells, equations = _equations(summary)
    assert all(value == MASK or int(value) >= 5 for value in cells.values())
    assert _leaks(cells, equations) == []
    for name in ("leavers", "secured", "without_anschluss"):
        shown = [int(p[name]) for p in summary["trend"] if p[name] != MASK]
        assert all(abs(a - b) == 0 or abs(a - b) >= 5 for a in shown for b in shown)


def test_the_example_of_the_review_no_longer_leaks():
    """62 leavers in the Kommune, 60 in the other schools: are a school's 2 leavers hidden?"""
    schools = {1: (30, 40), 2: (15, 20), 3: (1, 2)}
    by_status = dict.fromkeys(STATUSES, 0)
    by_status["nokean"], by_status["zugesagt"] = 16, 46
    summary = summarise(1, {1: "A", 2: "B", 3: "C"}, schools, by_status, {("", ""): 62}, [], WEEK)
    shown = {s["school_name"]: s["leavers"] for s in summary["by_school"]}
    assert shown["C"] == MASK
    assert summary["leavers"] == MASK or MASK in (shown["A"], shown["B"])
