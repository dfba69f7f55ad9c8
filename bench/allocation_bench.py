"""Allocation-round benchmark: 10,000 pupils × 6 ranked choices over 1,500 slots.

Stand-alone (no database): `python -m bench.allocation_bench [--pupils N --slots M --seed S]`.
Builds a synthetic round with realistic skew (a few popular companies, most slots with 4–12
places, seats ≈ 0.95 × pupils), then times the optimal solver (the same code the app runs)
and first-come-first-served on the same input, and prints both satisfaction figures.
Target: the solver finishes in under 10 s.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from app.allocation.solver import Problem, first_come_first_served, solve, summary

TARGET_SECONDS = 10.0


def synthetic_problem(pupils: int, slots: int, choices: int, seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    capacities = rng.integers(4, 13, size=slots)
    # Scale seats to ≈95 % of the pupils, so some slots are over-demanded and a few pupils
    # cannot be placed at all, as in a real BFE week.
    capacities = np.maximum(1, np.round(capacities * 0.95 * pupils / capacities.sum())).astype(
        np.int64
    )
    popularity = 1.0 / (np.arange(slots) + 10.0) ** 0.9
    popularity /= popularity.sum()
    ranked = np.array(
        [rng.choice(slots, size=choices, replace=False, p=popularity) for _ in range(pupils)]
    )
    edge_pupil = np.repeat(np.arange(pupils), choices)
    edge_rank = np.tile(np.arange(1, choices + 1), pupils)
    return Problem(
        n_pupils=pupils,
        capacities=capacities,
        edge_pupil=edge_pupil,
        edge_slot=ranked.ravel(),
        edge_rank=edge_rank,
        max_choices=choices,
    )


def run(pupils: int, slots: int, choices: int, seed: int) -> dict:
    problem = synthetic_problem(pupils, slots, choices, seed)
    started = time.perf_counter()
    optimal = solve(problem, seed)
    solver_seconds = time.perf_counter() - started
    started = time.perf_counter()
    fcfs = first_come_first_served(problem, seed)
    fcfs_seconds = time.perf_counter() - started
    used = np.bincount(optimal.slot[optimal.slot >= 0], minlength=slots)
    assert (used <= problem.capacities).all(), "capacity exceeded"
    return {
        "pupils": pupils,
        "slots": slots,
        "choices": choices,
        "seats": int(problem.capacities.sum()),
        "seed": seed,
        "solver_seconds": round(solver_seconds, 3),
        "fcfs_seconds": round(fcfs_seconds, 3),
        "optimal": summary(optimal, choices),
        "fcfs": summary(fcfs, choices),
    }


def _line(name: str, figures: dict) -> str:
    shares = " ".join(f"{row['rank']}.:{row['share']:.1%}" for row in figures["by_rank"][:3])
    return (
        f"{name:<8} placed {figures['assigned']:>6} / {figures['participants']}, "
        f"unassigned {figures['unassigned']:>5}, mean rank {figures['mean_rank']}, "
        f"satisfaction {figures['satisfaction']:.3f}  ({shares})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=10_000)
    parser.add_argument("--slots", type=int, default=1_500)
    parser.add_argument("--choices", type=int, default=6)
    parser.add_argument("--seed", type=int, default=20260202)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = run(args.pupils, args.slots, args.choices, args.seed)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{figures['pupils']} pupils × {figures['choices']} choices over {figures['slots']} "
        f"slots ({figures['seats']} seats), seed {figures['seed']}"
    )
    print(
        f"solver  {figures['solver_seconds']:.2f} s (target < {TARGET_SECONDS:.0f} s)   "
        f"fcfs {figures['fcfs_seconds']:.2f} s"
    )
    print(_line("optimal", figures["optimal"]))
    print(_line("fcfs", figures["fcfs"]))
    if figures["solver_seconds"] >= TARGET_SECONDS:
        raise SystemExit("allocation bench: slower than the target")


if __name__ == "__main__":
    main()
