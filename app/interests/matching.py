"""Matching an interest profile to the 16 KAoA-Berufsfelder and to occupations.

Berufsfelder: the weighted mean of the pupil's six scores with the weights of the documented
table (app/data/riasec_berufsfeld_weights.csv): Σ w_t·score_t / Σ w_t, 0–100. Equal values keep
the table's order. "Entdecke auch" picks fields that call strongly for the pupil's second and
third type and are not among the best three, so results widen the view.

Occupations: O*NET-derived profiles (1–7) are high on R and C for almost every occupation at
skilled-worker level, so each occupation is centred on the mean of all occupations and the
pupil's scores on the pupil's own mean; the similarity is the cosine of the two shapes,
shown as 0–100. The "warum" is the set of the pupil's code letters among the occupation's
three most distinctive types. Nothing but the six scores goes in: no gender, no other data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.interests.catalog import TYPES, FieldWeights

TOP_FIELDS = 3
EXPLORE_FIELDS = 3
EXPLORE_MIN_WEIGHT = 2
TOP_OCCUPATIONS = 10


@dataclass(frozen=True)
class OccupationProfile:
    id: int
    title: str
    berufsfeld: str | None
    values: tuple[float, ...]  # R, I, A, S, E, C on the O*NET 1–7 scale


def rank_berufsfelder(scores: dict[str, int], table: Sequence[FieldWeights]) -> list[dict]:
    """All fields, best first, each with its 0–100 match and the reasons of the table."""
    rows = []
    for row in table:
        total = sum(row.weights.values())
        value = sum(row.weights[t] * scores[t] for t in TYPES) / total if total else 0.0
        rows.append((value, row))
    rows.sort(key=lambda pair: (-pair[0], pair[1].order))
    return [
        {
            "kuerzel": row.kuerzel,
            "text": row.text,
            "score": math.floor(value + 0.5),
            "core_types": "".join(t for t in TYPES if row.weights[t] >= EXPLORE_MIN_WEIGHT),
            "reason_de": row.reason_de,
            "reason_en": row.reason_en,
        }
        for value, row in rows
    ]


def explore_also(
    order: Sequence[str], ranked: list[dict], table: Sequence[FieldWeights]
) -> list[dict]:
    """Two or three fields for the second and third type, outside the best three."""
    taken = {field["kuerzel"] for field in ranked[:TOP_FIELDS]}
    position = {field["kuerzel"]: index for index, field in enumerate(ranked)}
    picks: list[dict] = []
    for letter in (order[1], order[2], order[1], order[2]):
        candidates = [
            row
            for row in table
            if row.kuerzel not in taken and row.weights[letter] >= EXPLORE_MIN_WEIGHT
        ]
        if not candidates:
            continue
        best = min(candidates, key=lambda row: (-row.weights[letter], position[row.kuerzel]))
        taken.add(best.kuerzel)
        picks.append(
            {
                "kuerzel": best.kuerzel,
                "text": best.text,
                "via_type": letter,
                "reason_de": best.reason_de,
                "reason_en": best.reason_en,
            }
        )
        if len(picks) == EXPLORE_FIELDS:
            break
    return picks


def _centred(values: Sequence[float], centre: Sequence[float]) -> list[float]:
    return [v - c for v, c in zip(values, centre, strict=True)]


def _top_letters(vector: Sequence[float], count: int = 3) -> str:
    order = sorted(range(len(TYPES)), key=lambda k: (-vector[k], k))
    return "".join(TYPES[k] for k in order[:count])


def rank_occupations(
    scores: dict[str, int],
    code: str,
    occupations: Iterable[OccupationProfile],
    limit: int = TOP_OCCUPATIONS,
) -> list[dict]:
    """The `limit` occupations whose centred profile is most similar to the pupil's."""
    occupations = list(occupations)
    if not occupations:
        return []
    count = len(occupations)
    means = [sum(o.values[k] for o in occupations) / count for k in range(len(TYPES))]
    pupil = [float(scores[t]) for t in TYPES]
    pupil_mean = sum(pupil) / len(pupil)
    pupil = [v - pupil_mean for v in pupil]
    pupil_norm = math.sqrt(sum(v * v for v in pupil))
    ranked = []
    for occupation in occupations:
        shape = _centred(occupation.values, means)
        norm = math.sqrt(sum(v * v for v in shape))
        cosine = (
            sum(a * b for a, b in zip(pupil, shape, strict=True)) / (pupil_norm * norm)
            if pupil_norm and norm
            else 0.0
        )
        ranked.append((cosine, occupation, shape))
    ranked.sort(key=lambda entry: (-entry[0], entry[1].title, entry[1].id))
    result = []
    for cosine, occupation, shape in ranked[:limit]:
        distinctive = _top_letters(shape)
        result.append(
            {
                "id": occupation.id,
                "title": occupation.title,
                "berufsfeld": occupation.berufsfeld,
                "similarity": math.floor((cosine + 1) * 50 + 0.5),
                "occupation_types": distinctive,
                "shared_types": "".join(letter for letter in code if letter in distinctive),
            }
        )
    return result
