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
The best TOP per youth are kept, best first.

Why it is fast: the certificate and the distance parts depend only on (level, level) and on
(place, place), so they are small tables (7 × 7 levels; distinct youth places × distinct
vacancy places) gathered into the pair matrix; the interest part is one matrix product of
unit vectors. Youths are scored in blocks of CHUNK, so memory stays small whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np

from app.vacancies import certificates
from app.vacancies.queries import LATE_START_DAYS

TYPES = ("R", "I", "A", "S", "E", "C")
WEIGHTS = {"interest": 0.45, "certificate": 0.25, "distance": 0.2, "start": 0.1}
MAX_KM = 50.0
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
CHUNK = 512
UNKNOWN_LEVEL = 6  # index of "certificate not known" in the level tables
NOWHERE = -1e9  # coordinate of an unknown place: its distances are far beyond any real one


@dataclass
class Youths:
    """Column arrays of n youths (index i)."""

    keys: list  # pupil ids or case ids
    riasec: np.ndarray  # n×6, NaN row without a profile
    codes: list[str]  # interest code ("SAE"), "" without a profile
    fields: np.ndarray  # n×16 Berufsfeld matches 0..1, NaN without a profile
    levels: np.ndarray  # certificate level, NaN unknown
    xy: np.ndarray  # n×2 position in metres, NaN unknown


@dataclass
class Vacancies:
    """Column arrays of m vacancies (index j)."""

    ids: np.ndarray
    shapes: np.ndarray  # m×6 centred occupation profile, NaN without an occupation
    field_index: np.ndarray  # index into the Berufsfeld order, -1 unknown
    levels: np.ndarray  # usual certificate level, NaN unknown
    usual: list[str | None]  # usual certificate key
    xy: np.ndarray  # m×2, NaN unknown
    start_days: np.ndarray  # days from today to the start, NaN unknown
    starts_on: list[date | None] = field(default_factory=list)
    berufsfelder: list[str | None] = field(default_factory=list)


def _level_index(levels: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(levels), UNKNOWN_LEVEL, levels).astype(np.intp)


def _certificate_table() -> np.ndarray:
    """Weighted certificate part per (youth level, usual level); -inf excludes."""
    table = np.empty((UNKNOWN_LEVEL + 1, UNKNOWN_LEVEL + 1), dtype=np.float32)
    for youth in range(UNKNOWN_LEVEL + 1):
        for usual in range(UNKNOWN_LEVEL + 1):
            fit = certificates.fit(
                None if youth == UNKNOWN_LEVEL else youth,
                None if usual == UNKNOWN_LEVEL else usual,
            )
            excluded = youth != UNKNOWN_LEVEL and usual != UNKNOWN_LEVEL and usual - youth >= 2
            table[youth, usual] = -np.inf if excluded else WEIGHTS["certificate"] * fit
    return table


CERTIFICATE_PART = _certificate_table()


def _places(xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct positions, index of each row's position); unknown ones at NOWHERE."""
    known = np.where(np.isnan(xy), NOWHERE, xy)
    if len(known) == 0:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.intp)
    distinct, inverse = np.unique(known, axis=0, return_inverse=True)
    return distinct, inverse.reshape(-1)


def _distance_tables(youth_places, vacancy_places) -> tuple[np.ndarray, np.ndarray]:
    """(km, weighted distance part) per (youth place, vacancy place); km NaN where unknown."""
    delta = youth_places[:, None, :] - vacancy_places[None, :, :]
    km = np.hypot(delta[..., 0], delta[..., 1]) / 1000.0
    unknown = (youth_places[:, None, 0] == NOWHERE) | (vacancy_places[None, :, 0] == NOWHERE)
    km = np.where(unknown, np.nan, km)
    part = WEIGHTS["distance"] * np.clip(1.0 - km / MAX_KM, 0.0, 1.0)
    part = np.where(unknown, WEIGHTS["distance"] * 0.5, np.where(km > MAX_KM, -np.inf, part))
    return km, part.astype(np.float32)


def _start_part(vac: Vacancies) -> np.ndarray:
    days = vac.start_days
    score = np.clip(1.0 - (days - 365.0) / 365.0, 0.0, 1.0)
    score = np.where(np.isnan(days), 0.5, score) * WEIGHTS["start"]
    return np.where(days < -LATE_START_DAYS, -np.inf, score).astype(np.float32)


def _unit(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows scaled to length 1 (zero rows where unknown or flat) and which rows are known."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    known = np.isfinite(norms[:, 0]) & (norms[:, 0] > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = np.where(known[:, None], vectors / norms, 0.0)
    return unit.astype(np.float32), known


@dataclass
class _Prepared:
    pupil: np.ndarray  # n×6 unit vectors of the centred profiles
    has_profile: np.ndarray
    shape: np.ndarray  # m×6 unit vectors of the occupations' centred profiles
    has_occupation: np.ndarray
    youth_level: np.ndarray
    vacancy_level: np.ndarray
    youth_place: np.ndarray
    vacancy_place: np.ndarray
    km: np.ndarray
    distance_part: np.ndarray
    start_part: np.ndarray


def _prepare(youths: Youths, vac: Vacancies) -> _Prepared:
    centred = youths.riasec - youths.riasec.mean(axis=1, keepdims=True)
    pupil, has_profile = _unit(centred)
    shape, has_occupation = _unit(np.nan_to_num(vac.shapes, nan=0.0))
    youth_places, youth_place = _places(youths.xy)
    vacancy_places, vacancy_place = _places(vac.xy)
    km, distance_part = _distance_tables(youth_places, vacancy_places)
    return _Prepared(
        pupil,
        has_profile,
        shape,
        has_occupation,
        _level_index(youths.levels),
        _level_index(vac.levels),
        youth_place,
        vacancy_place,
        km,
        distance_part,
        _start_part(vac),
    )


def _interest(youths: Youths, rows: slice, vac: Vacancies, p: _Prepared) -> np.ndarray:
    """Interest 0..1 for a block of youths × all vacancies (float32)."""
    interest = p.pupil[rows] @ p.shape.T
    interest *= 0.5
    interest += 0.5
    for j in np.flatnonzero(~p.has_occupation):  # few: imported ones of an unknown occupation
        column = vac.field_index[j]
        values = youths.fields[rows, column] if column >= 0 else np.full(interest.shape[0], 0.5)
        interest[:, j] = np.nan_to_num(values, nan=0.5)
    interest[~p.has_profile[rows]] = 0.5
    return interest


def rank(youths: Youths, vac: Vacancies, top: int = TOP) -> list[list[dict]]:
    """Per youth (in order) the best `top` matches: {index, score, parts…} for explain()."""
    if len(vac.ids) == 0 or not youths.keys:
        return [[] for _ in youths.keys]
    p = _prepare(youths, vac)
    count = min(top, len(vac.ids))
    result: list[list[dict]] = []
    for begin in range(0, len(youths.keys), CHUNK):
        rows = slice(begin, begin + CHUNK)
        score = _interest(youths, rows, vac, p)
        score *= WEIGHTS["interest"]
        score += CERTIFICATE_PART[p.youth_level[rows][:, None], p.vacancy_level[None, :]]
        score += p.distance_part[p.youth_place[rows]][:, p.vacancy_place]
        score += p.start_part[None, :]
        result.extend(_best(youths, rows, vac, p, score, count))
    return result


def _best(youths, rows, vac, p: _Prepared, score: np.ndarray, count: int) -> list[list[dict]]:
    kth = score.shape[1] - count
    picks = np.argpartition(score, kth, axis=1)[:, kth:]
    values = np.take_along_axis(score, picks, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    picks = np.take_along_axis(picks, order, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    ids = np.arange(score.shape[0])[:, None]
    interest = 0.5 + 0.5 * np.einsum("ik,ijk->ij", p.pupil[rows], p.shape[picks])
    from_profile = p.has_profile[rows][:, None] & p.has_occupation[picks]
    fallback = _interest_of_picks(youths, rows, vac, picks, p)
    interest = np.where(from_profile, interest, fallback)
    km = p.km[p.youth_place[rows][ids], p.vacancy_place[picks]]
    block = []
    for i in range(score.shape[0]):
        block.append(
            [
                {
                    "index": j,
                    "score": s,
                    "interest": interest_value,
                    "from_profile": profile,
                    "km": None if km_value != km_value else km_value,  # NaN: unknown
                }
                for j, s, interest_value, profile, km_value in zip(
                    picks[i].tolist(),
                    values[i].tolist(),
                    interest[i].tolist(),
                    from_profile[i].tolist(),
                    km[i].tolist(),
                    strict=True,
                )
                if s != -np.inf
            ]
        )
    return block


def _interest_of_picks(youths, rows, vac, picks, p: _Prepared) -> np.ndarray:
    """The Berufsfeld fallback of the interest part for the picked pairs (0.5 unknown)."""
    columns = vac.field_index[picks]
    fields = youths.fields[rows]
    values = np.take_along_axis(fields, np.maximum(columns, 0), axis=1)
    values = np.where(columns >= 0, values, 0.5)
    values = np.where(p.has_profile[rows][:, None], values, 0.5)
    return np.nan_to_num(values, nan=0.5)


@lru_cache(maxsize=256)
def _certificate_reason(level: int | None, usual: str | None) -> str | None:
    return certificates.reason(level, usual)


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
    usual = vac.usual[j]
    kind = _certificate_reason(None if level != level else int(level), usual)
    if kind:
        reasons.append({"kind": kind, "certificate": usual})
    if match["km"] is not None:
        reasons.append({"kind": "distance", "km": round(match["km"])})
    if vac.starts_on and vac.starts_on[j]:
        reasons.append({"kind": "start", "date": vac.starts_on[j].isoformat()})
    return reasons
