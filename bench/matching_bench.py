"""Scoring + matching of one questionnaire over all occupations (issue 3: budget 20 ms).

    python -m bench.matching_bench [--database-url URL] [--runs 500]

Prints p50/p95 for matching with the occupations already loaded, and including loading them
from the database, on random answer sets (deterministic seed).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time

from app import create_app
from app.extensions import db
from app.interests import catalog
from app.interests.services import evaluate, occupation_profiles


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def _timed(fn, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/matching.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        from seeds.loader import load_reference

        load_reference()
        db.session.commit()
        rng = random.Random(20261130)
        items = list(catalog.item_types())
        answer_sets = [{item: rng.randint(1, 5) for item in items} for _ in range(50)]
        profiles = occupation_profiles()
        pick = itertools.cycle(answer_sets)
        in_memory = _timed(lambda: evaluate(next(pick), profiles), args.runs)
        with_load = _timed(lambda: evaluate(next(pick), occupation_profiles()), args.runs)
    for name, samples in (("in memory", in_memory), ("incl. loading", with_load)):
        p50, p95 = _percentiles(samples)
        print(
            f"scoring + matching over {len(profiles)} occupations, {name}: "
            f"p50 {p50:.2f} ms, p95 {p95:.2f} ms ({args.runs} runs)"
        )


if __name__ == "__main__":
    main()
