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

SMALL = 5
MASK = "masked"


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
    # numpy/scipy: loaded by the first summary that hides a cell, not at start-up
    from app.dashboards.suppression_algebra import determined

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
