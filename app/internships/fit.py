"""Fit between an offer and a pupil's interest profile ("passt zu deinem Profil, weil …").

`berufsfeld_scores(pupil_id)` reads the pupil's newest interest profile (its stored Berufsfeld
ranking, 0–100) as {kuerzel: score in 0..1}; None without a profile (offers are then sorted by
date, no fit is shown).
"""

from __future__ import annotations

from app.interests.services import pupil_profiles

FIT_THRESHOLD = 0.5  # a field counts as a reason when its score reaches this


def berufsfeld_scores(pupil_id: int) -> dict[str, float] | None:
    latest = next(iter(pupil_profiles(pupil_id)), None)
    if latest is None or not latest.berufsfelder:
        return None
    # Stored ranking rows: {"kuerzel": "SP", "score": 0..100, ...}
    return {row["kuerzel"]: float(row["score"]) / 100 for row in latest.berufsfelder}


def offer_fit(scores: dict[str, float] | None, fields: list[str]) -> dict | None:
    """{'score': best field score, 'reasons': fields that match well, best first}."""
    if not scores or not fields:
        return None
    ranked = sorted(fields, key=lambda f: scores.get(f, 0.0), reverse=True)
    best = scores.get(ranked[0], 0.0)
    reasons = [f for f in ranked if scores.get(f, 0.0) >= FIT_THRESHOLD]
    return {"score": round(best, 3), "reasons": reasons}
