"""A booking region for concurrency tests: 50 pupils of one class, one provider, one offer."""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

from app.extensions import db
from tests import factories as f
from tests.internships.helpers import make_offer, make_slot, school_day

BOOKERS = 50
REPETITIONS = 20
FIGURES_FILE = Path(os.environ.get("ANSCHLUSS_FIGURES_DIR", "/tmp")) / "booking_concurrency.json"


def seed_region() -> dict:
    """Create the region in the current app context; returns ids (plain ints, thread-safe)."""
    kommune = f.make_kommune()
    school = f.make_school(kommune, "GE")
    klasse = f.make_class(school, "8a", "8")
    pupils = [f.make_pupil(klasse) for _ in range(BOOKERS)]
    offer = make_offer(f.make_provider(kommune))
    db.session.commit()
    return {"pupil_ids": [p.id for p in pupils], "offer_id": offer.id}


def new_slot(offer_id: int, repetition: int, capacity: int) -> int:
    """A fresh slot on a different school day per repetition (winners keep their day)."""
    from app.internships.models import Offer

    slot = make_slot(
        db.session.get(Offer, offer_id), school_day(10, skip=repetition), capacity=capacity
    )
    db.session.commit()
    return slot.id


def record_figures(label: str, timings: list[float], successes: list[int]) -> dict:
    """Summarise and append the figures to a JSON file for the engineer's note."""
    summary = {
        "label": label,
        "runs": len(timings),
        "bookers": BOOKERS,
        "successes_per_run": sorted(set(successes)),
        "median_s": round(statistics.median(timings), 3),
        "max_s": round(max(timings), 3),
        "total_s": round(sum(timings), 2),
    }
    existing = []
    if FIGURES_FILE.exists():
        try:
            existing = json.loads(FIGURES_FILE.read_text())
        except ValueError:
            existing = []
    existing = [e for e in existing if e.get("label") != label] + [summary]
    FIGURES_FILE.write_text(json.dumps(existing, indent=2))
    print(json.dumps(summary))
    return summary
