"""Is scoring plus matching over all occupations fast enough for a phone on a bus?"""

from __future__ import annotations

import statistics
import time

from interest_answers import submission

from app.interests.services import evaluate, occupation_profiles

BUDGET_MS = 20.0


def _median_ms(fn, runs: int = 40) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def test_do_scoring_and_matching_stay_under_20_ms(db, reference):
    """Do loading all occupations, scoring and matching take less than 20 ms (median)?"""
    answers = submission()["answers"]
    assert len(occupation_profiles()) == reference["occupations"]
    elapsed = _median_ms(lambda: evaluate(answers, occupation_profiles()))
    print(f"scoring + matching over {reference['occupations']} occupations: {elapsed:.2f} ms")
    assert elapsed < BUDGET_MS
