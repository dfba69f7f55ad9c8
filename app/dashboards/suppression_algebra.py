"""Which hidden cells of a published table an attacker can still recompute (suppression.py).

Linear algebra and linear programmes over the equations that tie the cells together; numpy and
scipy load with the first summary that needs them, not when a worker starts.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog

from app.dashboards.suppression import Table

_TOL = 1e-9


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
