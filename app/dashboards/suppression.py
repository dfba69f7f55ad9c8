"""Complementary cell suppression for published counts (docs/security.md, M2).

A published aggregate is a set of cells tied together by sum equations (a school's leavers are
its secured plus its unsecured leavers; the Kommune total is the sum over schools, over
statuses and over certificate × option). Hiding the small cells is not enough: one hidden cell
in an equation whose other members are all shown is recovered by subtraction, and several
hidden cells can be pinned by combining equations. So:

1. *primary*: every count below `SMALL` is hidden, and so is every point of a trend series
   whose difference to another shown point of the same series is 1 … SMALL − 1 (a small
   week-to-week change is a small cell, too);
2. *complementary*: while some hidden cell is still determined by the shown ones — linearly
   (it has no freedom in the null space of the equations over the hidden cells) or because an
   equation's hidden parts must all be 0 — the smallest shown cell of such an equation is
   hidden as well.

An attacker then knows only that hidden cells are non-negative and satisfy the equations; the
property test in tests/dashboards checks exactly that with a linear programme per hidden cell.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog

SMALL = 5
MASK = "masked"
_TOL = 1e-9


@dataclass
class Table:
    """Cells (key → count) and equations `total = sum(parts)` between them.

    `hidden` cells take part in equations but are never published (e.g. the leavers without
    an option): they are unknowns for an attacker, and nothing needs to protect them."""

    values: dict[Hashable, int] = field(default_factory=dict)
    equations: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    hidden: set[Hashable] = field(default_factory=set)

    def add(self, key: Hashable, value: int) -> Hashable:
        self.values[key] = int(value)
        return key

    def equation(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        self.equations.append((total, tuple(parts)))


def small_changes(series: Sequence[tuple[Hashable, int]]) -> set[Hashable]:
    """Points of one trend series to hide so no two shown points differ by 1 … SMALL − 1.

    `series` is ordered from the point that matters most (the current week) backwards; a point
    is kept only if it is no small count itself and keeps a safe distance to every kept one."""
    kept: list[int] = []
    hide = set()
    for key, value in series:
        if value >= SMALL and all(
            abs(value - other) in (0,) or abs(value - other) >= SMALL for other in kept
        ):
            kept.append(value)
        else:
            hide.add(key)
    return hide


def _system(table: Table, masked: set) -> tuple[list, np.ndarray, np.ndarray]:
    """The equations over the unknown cells: A x = b (published cells moved to b)."""
    unknown = sorted(masked | table.hidden, key=repr)
    index = {key: i for i, key in enumerate(unknown)}
    rows, rhs = [], []
    for total, parts in table.equations:
        row, value = np.zeros(len(unknown)), 0.0
        for key, sign in [(p, 1.0) for p in parts] + [(total, -1.0)]:
            if key in index:
                row[index[key]] += sign
            else:
                value -= sign * table.values[key]
        if row.any():
            rows.append(row)
            rhs.append(value)
    shape = (len(rows), len(unknown))
    return unknown, np.array(rows).reshape(shape), np.array(rhs)


def _always_zero(table: Table, unknown: list, a: np.ndarray, b: np.ndarray) -> list[int]:
    """Unknowns that are 0 in every non-negative solution (their value is 0 and nothing can
    lift it): one LP lifts as many zero cells as it can, the rest are tried one by one."""
    zeros = [i for i, key in enumerate(unknown) if table.values[key] == 0]
    if not zeros or not len(a):
        return []
    n = len(unknown)
    objective = np.zeros(n)
    objective[zeros] = -1
    bounds = [(0, 1) if i in zeros else (0, None) for i in range(n)]
    result = linprog(objective, A_eq=a, b_eq=b, bounds=bounds)
    lifted = result.x if result.status == 0 else np.zeros(n)
    pinned = []
    for i in zeros:
        if lifted[i] > _TOL:
            continue
        objective = np.zeros(n)
        objective[i] = -1
        single = linprog(objective, A_eq=a, b_eq=b, bounds=[(0, 1)] * n)
        if single.status != 0 or -single.fun <= _TOL:
            pinned.append(i)
    return pinned


def determined(table: Table, masked: set) -> set:
    """Masked cells an attacker recomputes from the published cells, the equations and the
    fact that counts are non-negative."""
    if not masked:
        return set()
    unknown, a, b = _system(table, masked)
    pinned = _always_zero(table, unknown, a, b)
    rows = [a] if len(a) else []
    for i in pinned:  # a cell stuck at 0 is known, and so is what it determines
        row = np.zeros(len(unknown))
        row[i] = 1
        rows.append(row[None, :])
    if not rows:
        return set()
    basis = null_space(np.vstack(rows))
    free = np.abs(basis).max(axis=1) > _TOL if basis.size else np.zeros(len(unknown), dtype=bool)
    return {key for i, key in enumerate(unknown) if key in masked and not free[i]}


def _complement(table: Table, masked: set, cell) -> Hashable | None:
    """The smallest shown cell sharing an equation with `cell` (parts before totals)."""
    candidates = []
    for total, parts in table.equations:
        if cell != total and cell not in parts:
            continue
        for rank, key in [(0, p) for p in parts] + [(1, total)]:
            if key != cell and key not in masked and key not in table.hidden:
                candidates.append((rank, table.values[key], repr(key), key))
    return min(candidates)[3] if candidates else None


def suppress(table: Table, primary: Iterable[Hashable] = ()) -> set:
    """The cells to hide: small ones, `primary` ones, and their complements."""
    masked = {k for k, v in table.values.items() if v < SMALL and k not in table.hidden}
    masked |= set(primary) - table.hidden
    while True:
        exposed = sorted(determined(table, masked), key=repr)
        if not exposed:
            return masked
        added = False
        for cell in exposed:
            extra = _complement(table, masked, cell)
            if extra is not None:
                masked.add(extra)
                added = True
                break
        if not added:  # nothing left to hide beside it: hide every published cell
            rest = {k for k in table.values if k not in masked and k not in table.hidden}
            if not rest:
                return masked
            masked |= rest


def publish(table: Table, masked: set, key: Hashable) -> str:
    return MASK if key in masked else str(table.values[key])
