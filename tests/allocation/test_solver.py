"""The solver: capacity, optimality (against brute force), determinism, and the FCFS baseline."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.allocation.solver import Problem, first_come_first_served, solve, summary


@st.composite
def problems(draw, max_pupils=6, max_slots=4):
    n_slots = draw(st.integers(1, max_slots))
    capacities = draw(st.lists(st.integers(0, 2), min_size=n_slots, max_size=n_slots))
    n_pupils = draw(st.integers(0, max_pupils))
    edges = []
    for pupil in range(n_pupils):
        ranked = draw(st.permutations(range(n_slots)))
        count = draw(st.integers(0, min(3, n_slots)))
        edges += [(pupil, slot, r) for r, slot in enumerate(ranked[:count], start=1)]
    arr = np.array(edges, dtype=np.int64).reshape(-1, 3)
    return Problem(
        n_pupils=n_pupils,
        capacities=np.array(capacities, dtype=np.int64),
        edge_pupil=arr[:, 0],
        edge_slot=arr[:, 1],
        edge_rank=arr[:, 2],
        max_choices=3,
    )


def _choices(problem):
    per_pupil = [[None] for _ in range(problem.n_pupils)]
    for p, s, r in zip(problem.edge_pupil, problem.edge_slot, problem.edge_rank, strict=True):
        per_pupil[p].append((int(s), int(r)))
    return per_pupil


def brute_force_best(problem) -> tuple[int, int]:
    """(placed pupils, -sum of ranks), maximised over every feasible assignment."""
    best = (0, 0)
    for combo in itertools.product(*_choices(problem)):
        used = np.zeros(len(problem.capacities), dtype=np.int64)
        for choice in combo:
            if choice is not None:
                used[choice[0]] += 1
        if (used > problem.capacities).any():
            continue
        placed = [c for c in combo if c is not None]
        best = max(best, (len(placed), -sum(r for _, r in placed)))
    return best


def _score(allocation) -> tuple[int, int]:
    return int((allocation.slot >= 0).sum()), -int(allocation.rank.sum())


def _respects_capacity_and_choices(problem, allocation) -> None:
    placed = allocation.slot[allocation.slot >= 0]
    assert (np.bincount(placed, minlength=len(problem.capacities)) <= problem.capacities).all()
    allowed = {
        (int(p), int(s), int(r))
        for p, s, r in zip(problem.edge_pupil, problem.edge_slot, problem.edge_rank, strict=True)
    }
    for pupil, (slot, rank) in enumerate(zip(allocation.slot, allocation.rank, strict=True)):
        if slot >= 0:
            assert (pupil, int(slot), int(rank)) in allowed


@settings(max_examples=150, deadline=None)
@given(problems(), st.integers(0, 2**31 - 1))
def test_is_the_solver_optimal_on_small_instances(problem, seed):
    """Does the solver place as many pupils as possible, then with the smallest rank sum?"""
    allocation = solve(problem, seed)
    _respects_capacity_and_choices(problem, allocation)
    assert _score(allocation) == brute_force_best(problem)


@settings(max_examples=60, deadline=None)
@given(problems(max_pupils=12, max_slots=5), st.integers(0, 2**31 - 1))
def test_is_capacity_respected_and_never_worse_than_fcfs(problem, seed):
    """Is every slot within capacity, and is the optimum at least as good as FCFS?"""
    optimal, fcfs = solve(problem, seed), first_come_first_served(problem, seed)
    _respects_capacity_and_choices(problem, optimal)
    _respects_capacity_and_choices(problem, fcfs)
    assert _score(optimal) >= _score(fcfs)


def _tied_problem(n=8):
    """n pupils all ranking the same two one-seat slots: many equally good results."""
    edges = [(p, s, s + 1) for p in range(n) for s in range(2)]
    arr = np.array(edges, dtype=np.int64)
    return Problem(
        n_pupils=n,
        capacities=np.array([1, 1]),
        edge_pupil=arr[:, 0],
        edge_slot=arr[:, 1],
        edge_rank=arr[:, 2],
        max_choices=2,
    )


def test_does_the_same_seed_give_the_same_result():
    """Are ties broken the same way every time for the same seed?"""
    problem = _tied_problem()
    first = solve(problem, 1234)
    for _ in range(5):
        again = solve(problem, 1234)
        assert (again.slot == first.slot).all()


def test_do_different_seeds_break_ties_differently():
    """Does the seed actually decide who wins a tie (not the input order)?"""
    problem = _tied_problem()
    winners = {tuple(np.flatnonzero(solve(problem, seed).slot == 0)) for seed in range(40)}
    assert len(winners) > 3


def test_does_the_summary_report_shares_and_satisfaction():
    """Are the shares of 1st/2nd choices and unassigned pupils reported correctly?"""
    problem = _tied_problem(4)
    figures = summary(solve(problem, 1), 2)
    assert figures["assigned"] == 2 and figures["unassigned"] == 2
    assert figures["by_rank"] == [
        {"rank": 1, "count": 1, "share": 0.25},
        {"rank": 2, "count": 1, "share": 0.25},
    ]
    assert figures["satisfaction"] == round((2 + 1) / (4 * 2), 4)


def test_does_the_bench_meet_its_target_quickly_at_small_scale():
    """Does the benchmark's generator and solver run end to end (reduced size)?"""
    from bench.allocation_bench import run

    figures = run(pupils=500, slots=80, choices=6, seed=3)
    assert figures["optimal"]["assigned"] >= figures["fcfs"]["assigned"]
    assert figures["optimal"]["satisfaction"] >= figures["fcfs"]["satisfaction"]
