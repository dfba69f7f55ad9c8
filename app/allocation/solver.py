"""The assignment of pupils to slots: optimal (scipy) and first-come-first-served (comparison).

Pure functions on arrays, no database: the run service, tests and the benchmark share them.

Optimal: a minimum-cost full matching in a sparse bipartite graph (scipy's LAPJVsp,
`scipy.sparse.csgraph.min_weight_full_bipartite_matching`) — rows are pupils, columns are
seats (a slot with capacity c becomes c interchangeable seat columns, capped at its demand)
plus one private "no place" column per pupil, so a full matching always exists. Integer
costs make the objective lexicographic and exact in float64:
  1. as many pupils as possible get a place (the "no place" column costs more than any
     reshuffle of the others could save),
  2. then the sum of ranks is minimal (1st choice = 1, 2nd = 2 …),
  3. then ties are broken by a random priority drawn from the round's published seed.
Each pupil gets at most one slot per round, so "one slot per day" and "different
Berufsfelder" hold within the round; choices that clash with a pupil's existing bookings
(same day, Berufsfeld already covered) are removed before solving (see running.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

# Keep every objective value an exact integer in float64 (2**53), with a safety margin.
EXACT_LIMIT = 2**50
MAX_TIE_RANGE = 1024


@dataclass(frozen=True)
class Problem:
    """Pupils 0..n-1, slots 0..m-1; edges sorted by (pupil, rank); ranks start at 1."""

    n_pupils: int
    capacities: np.ndarray  # int, per slot (free seats)
    edge_pupil: np.ndarray
    edge_slot: np.ndarray
    edge_rank: np.ndarray
    max_choices: int


@dataclass(frozen=True)
class Allocation:
    slot: np.ndarray  # per pupil: slot index or -1
    rank: np.ndarray  # per pupil: rank of the assigned choice or 0


def _streams(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    tie_seq, order_seq = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(tie_seq), np.random.default_rng(order_seq)


def _tie_range(n: int, max_choices: int) -> int:
    """Largest random-priority range whose costs stay exact (≥ 1: then ties by order only)."""
    room = EXACT_LIMIT // max(n**3 * (max_choices + 2), 1)
    return int(max(1, min(MAX_TIE_RANGE, room)))


def _empty(n: int) -> Allocation:
    return Allocation(slot=np.full(n, -1, dtype=np.int64), rank=np.zeros(n, dtype=np.int64))


def solve(problem: Problem, seed: int) -> Allocation:
    """The optimal assignment (see module docstring); deterministic for problem + seed."""
    n = problem.n_pupils
    result = _empty(n)
    if n == 0:
        return result
    demand = np.bincount(problem.edge_slot, minlength=len(problem.capacities))
    seats = np.minimum(np.maximum(problem.capacities, 0), demand).astype(np.int64)
    seat_start = np.concatenate(([0], np.cumsum(seats)))
    n_seats = int(seat_start[-1])

    tie_rng, _ = _streams(seed)
    k = _tie_range(n, problem.max_choices)
    scale = n * k + 1  # one rank step outweighs every tie-break together
    priority = tie_rng.integers(0, k, size=len(problem.edge_rank)) if k > 1 else 0
    edge_cost = problem.edge_rank.astype(np.int64) * scale + priority
    no_place = n * (problem.max_choices + 1) * scale  # placing one more pupil always wins

    reps = seats[problem.edge_slot]
    rows = np.repeat(problem.edge_pupil, reps)
    first = np.repeat(np.cumsum(reps) - reps, reps)
    cols = np.repeat(seat_start[problem.edge_slot], reps) + (np.arange(int(reps.sum())) - first)
    costs = np.repeat(edge_cost, reps)
    rows = np.concatenate((rows, np.arange(n)))
    cols = np.concatenate((cols, n_seats + np.arange(n)))
    costs = np.concatenate((costs, np.full(n, no_place, dtype=np.int64))).astype(np.float64)
    graph = csr_matrix((costs, (rows, cols)), shape=(n, n_seats + n))

    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    placed = col_ind < n_seats
    pupils = row_ind[placed]
    slots = np.searchsorted(seat_start, col_ind[placed], side="right") - 1
    result.slot[pupils] = slots
    result.rank[pupils] = _ranks_of(problem, pupils, slots)
    return result


def _ranks_of(problem: Problem, pupils: np.ndarray, slots: np.ndarray) -> np.ndarray:
    lookup = {
        (int(p), int(s)): int(r)
        for p, s, r in zip(problem.edge_pupil, problem.edge_slot, problem.edge_rank, strict=True)
    }
    return np.array(
        [lookup[(int(p), int(s))] for p, s in zip(pupils, slots, strict=True)], dtype=np.int64
    )


def first_come_first_served(problem: Problem, seed: int) -> Allocation:
    """Pupils in a seeded random order each take their best choice that still has a seat."""
    n = problem.n_pupils
    result = _empty(n)
    _, order_rng = _streams(seed)
    remaining = np.maximum(problem.capacities, 0).astype(np.int64).copy()
    starts = np.searchsorted(problem.edge_pupil, np.arange(n + 1))
    for pupil in order_rng.permutation(n):
        for e in range(starts[pupil], starts[pupil + 1]):
            slot = problem.edge_slot[e]
            if remaining[slot] > 0:
                remaining[slot] -= 1
                result.slot[pupil], result.rank[pupil] = slot, problem.edge_rank[e]
                break
    return result


def summary(allocation: Allocation, max_choices: int) -> dict:
    """Shares of 1st/2nd/… choices, unassigned count, mean rank and a 0–1 satisfaction."""
    n = len(allocation.rank)
    by_rank = np.bincount(allocation.rank, minlength=max_choices + 1)
    assigned = int(n - by_rank[0])
    # Satisfaction: 1 for a first choice, falling linearly, 0 for no place.
    points = np.where(allocation.rank > 0, max_choices + 1 - allocation.rank, 0)
    return {
        "participants": n,
        "assigned": assigned,
        "unassigned": int(by_rank[0]),
        "by_rank": [
            {"rank": r, "count": int(by_rank[r]), "share": round(by_rank[r] / n, 4) if n else 0.0}
            for r in range(1, max_choices + 1)
        ],
        "mean_rank": round(float(allocation.rank[allocation.rank > 0].mean()), 4)
        if assigned
        else None,
        "satisfaction": round(float(points.sum() / (n * max_choices)), 4) if n else 0.0,
    }
