"""Ranking vacancies for youths, vectorised over all pairs (numpy; no database here).

Each pair (youth, vacancy) gets a score in 0..1 from four parts, weighted by WEIGHTS:
- interest: the cosine of the youth's centred RIASEC scores and the occupation's centred profile
  (as the interest feature ranks occupations), mapped to 0..1; without an occupation profile the
  youth's stored match with the vacancy's Berufsfeld; without an interest profile 0.5;
- certificate: certificates.fit of the youth's (achieved, else expected) certificate with the
  one the company usually expects — two or more levels short excludes the vacancy;
- distance: 1 at the door, 0 at MAX_KM (further away is excluded); unknown 0.5;
- start: 1 when it starts within a year, less the later it starts; a vacancy that began more
  than LATE_START_DAYS ago is excluded; no date 0.5.
The best TOP per youth are kept, best first (ties: earlier start, then id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from app.vacancies import certificates

TYPES = ("R", "I", "A", "S", "E", "C")
WEIGHTS = {"interest": 0.45, "certificate": 0.25, "distance": 0.2, "start": 0.1}
MAX_KM = 50.0
LATE_START_DAYS = 60
TOP = 10
PROFILE_REASON_AT = 0.6  # interest from which the explanation names the profile
# The kinds of reason explain() gives (the screens word each one, de/en).
REASON_KINDS = (
    "profile",
    "berufsfeld",
    "certificate-enough",
    "certificate-ask",
    "certificate-short",
    "certificate-usual",
    "distance",
    "start",
)
CHUNK = 512  # youths per block: keeps the pair matrices small whatever the Kommune's size


@dataclass
class Youths:
    """Column arrays of n youths (index i)."""

    keys: list  # pupil ids or case ids
    riasec: np.ndarray  # n×6, NaN row without a profile
    codes: list[str]  # interest code ("SAE"), "" without a profile
    fields: np.ndarray  # n×len(field_order) Berufsfeld matches 0..1, NaN without a profile
    levels: np.ndarray  # certificate level, NaN unknown
    xy: np.ndarray  # n×2 position in metres, NaN unknown


@dataclass
class Vacancies:
    """Column arrays of m vacancies (index j)."""

    ids: np.ndarray
    shapes: np.ndarray  # m×6 centred occupation profile, NaN without an occupation
    distinctive: list[str]  # the occupation's three most distinctive types
    field_index: np.ndarray  # index into the Berufsfeld order, -1 unknown
    levels: np.ndarray  # usual certificate level, NaN unknown
    usual: list[str | None]  # usual certificate key
    xy: np.ndarray  # m×2, NaN unknown
    start_days: np.ndarray  # days from today to the start, NaN unknown
    starts_on: list[date | None] = field(default_factory=list)
    berufsfelder: list[str | None] = field(default_factory=list)


def _interest(youths: Youths, rows: slice, vac: Vacancies) -> tuple[np.ndarray, np.ndarray]:
    """(interest 0..1, True where it came from the occupation profile) for a block of youths."""
    pupil = youths.riasec[rows]
    pupil = pupil - pupil.mean(axis=1, keepdims=True)
    pupil_norm = np.linalg.norm(pupil, axis=1, keepdims=True)
    shapes = np.nan_to_num(vac.shapes)
    shape_norm = np.linalg.norm(shapes, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = (np.nan_to_num(pupil) @ shapes.T) / (pupil_norm * shape_norm[None, :])
    from_profile = np.isfinite(cosine)
    interest = (cosine + 1.0) / 2.0
    known_field = vac.field_index >= 0
    field_scores = youths.fields[rows][:, np.where(known_field, vac.field_index, 0)]
    fallback = np.where(known_field[None, :], field_scores, np.nan)
    interest = np.where(from_profile, interest, fallback)
    return np.nan_to_num(interest, nan=0.5), from_profile


def _certificate(youths: Youths, rows: slice, vac: Vacancies) -> np.ndarray:
    gap = vac.levels[None, :] - youths.levels[rows][:, None]
    fit = np.where(gap <= 0, certificates.ENOUGH, np.where(gap == 1, certificates.ONE_SHORT, -1.0))
    return np.where(np.isnan(gap), certificates.UNKNOWN, fit)


def _distance_km(youths: Youths, rows: slice, vac: Vacancies) -> np.ndarray:
    delta = youths.xy[rows][:, None, :] - vac.xy[None, :, :]
    return np.hypot(delta[..., 0], delta[..., 1]) / 1000.0


def _start(vac: Vacancies) -> np.ndarray:
    days = vac.start_days
    score = np.clip(1.0 - (days - 365.0) / 365.0, 0.0, 1.0)
    score = np.where(days < -LATE_START_DAYS, -1.0, score)
    return np.where(np.isnan(days), 0.5, score)


def rank(youths: Youths, vac: Vacancies, top: int = TOP) -> list[list[dict]]:
    """Per youth (in order) the best `top` matches: {index, score, parts…} for explain()."""
    result: list[list[dict]] = []
    if len(vac.ids) == 0:
        return [[] for _ in youths.keys]
    start = _start(vac)
    for begin in range(0, len(youths.keys), CHUNK):
        rows = slice(begin, begin + CHUNK)
        interest, from_profile = _interest(youths, rows, vac)
        certificate = _certificate(youths, rows, vac)
        km = _distance_km(youths, rows, vac)
        distance = np.where(np.isnan(km), 0.5, np.clip(1.0 - km / MAX_KM, 0.0, 1.0))
        score = (
            WEIGHTS["interest"] * interest
            + WEIGHTS["certificate"] * certificate
            + WEIGHTS["distance"] * distance
            + WEIGHTS["start"] * start[None, :]
        )
        excluded = (certificate < 0) | (km > MAX_KM) | (start[None, :] < 0)
        score = np.where(excluded, -np.inf, score)
        result.extend(_best(score, interest, from_profile, km, top))
    return result


def _best(score, interest, from_profile, km, top: int) -> list[list[dict]]:
    count = min(top, score.shape[1])
    picks = np.argpartition(-score, count - 1, axis=1)[:, :count]
    block = []
    for i, row in enumerate(picks):
        ordered = sorted(row, key=lambda j: -score[i, j])
        block.append(
            [
                {
                    "index": int(j),
                    "score": float(score[i, j]),
                    "interest": float(interest[i, j]),
                    "from_profile": bool(from_profile[i, j]),
                    "km": None if np.isnan(km[i, j]) else float(km[i, j]),
                }
                for j in ordered
                if np.isfinite(score[i, j])
            ]
        )
    return block


def explain(youths: Youths, i: int, vac: Vacancies, match: dict) -> list[dict]:
    """Why this vacancy: reasons as {kind, …parameters}; the screens word them (de/en)."""
    j = match["index"]
    reasons = []
    code = youths.codes[i]
    if code and match["interest"] >= PROFILE_REASON_AT:
        if match["from_profile"]:
            reasons.append({"kind": "profile", "code": "-".join(code)})
        elif vac.berufsfelder[j]:
            reasons.append({"kind": "berufsfeld", "berufsfeld": vac.berufsfelder[j]})
    level = youths.levels[i]
    kind = certificates.reason(None if np.isnan(level) else int(level), vac.usual[j])
    if kind:
        reasons.append({"kind": kind, "certificate": vac.usual[j]})
    if match["km"] is not None:
        reasons.append({"kind": "distance", "km": round(match["km"])})
    if vac.starts_on and vac.starts_on[j]:
        reasons.append({"kind": "start", "date": vac.starts_on[j].isoformat()})
    return reasons
