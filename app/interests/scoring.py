"""Scoring of the interest questionnaire (rules in app/data/questionnaire/README.md).

Per type: mean of the answered items (1–5), normalised to 0–100 by (mean − 1) / 4 × 100 and
rounded half up to an integer. Exact fractions are used, because with ten answers halves are
common and binary floating point would round 77.5 down. Types are ordered by rounded score,
equal scores by the fixed order R, I, A, S, E, C; the Holland code is the first three letters
and every group of equal scores is reported as a tie, so "S und A gleich stark" can be shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from app.interests.catalog import TYPES

CODE_LENGTH = 3


@dataclass(frozen=True)
class ScoreResult:
    scores: dict[str, int | None]
    code: str | None
    order: tuple[str, ...]
    ties: list[list[str]] = field(default_factory=list)


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def type_score(answers: list[int]) -> int:
    """0–100 score of one type from its answers on the 1–5 scale."""
    mean = Fraction(sum(answers), len(answers))
    return _round_half_up((mean - 1) * 25)


def score(answers: dict[str, int], item_types: dict[str, str], min_per_type: int) -> ScoreResult:
    """Scores, order, code and ties; a type with too few answers gets no score and no code."""
    by_type: dict[str, list[int]] = {t: [] for t in TYPES}
    for item_id, value in answers.items():
        by_type[item_types[item_id]].append(value)
    scores = {
        t: type_score(values) if len(values) >= min_per_type else None
        for t, values in by_type.items()
    }
    if any(value is None for value in scores.values()):
        return ScoreResult(scores=scores, code=None, order=(), ties=[])
    order = tuple(sorted(TYPES, key=lambda t: (-scores[t], TYPES.index(t))))
    return ScoreResult(
        scores=scores, code="".join(order[:CODE_LENGTH]), order=order, ties=ties(scores, order)
    )


def ties(scores: dict[str, int], order: tuple[str, ...]) -> list[list[str]]:
    """Groups of two or more types with the same score, in display order."""
    groups: list[list[str]] = []
    for letter in order:
        if groups and scores[groups[-1][0]] == scores[letter]:
            groups[-1].append(letter)
        else:
            groups.append([letter])
    return [group for group in groups if len(group) > 1]
