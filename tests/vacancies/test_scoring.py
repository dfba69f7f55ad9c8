"""Does the vectorised ranking keep its rules at the edges (no database)?"""

from __future__ import annotations

from datetime import date

import numpy as np

from app.internships.models import BERUFSFELDER
from app.vacancies.scoring import Vacancies, Youths, explain, rank

SP = BERUFSFELDER.index("SP")


def _youth(level=1.0, xy=(0.0, 0.0)) -> Youths:
    fields = np.full((1, len(BERUFSFELDER)), 0.1)
    fields[0, SP] = 0.9
    return Youths(
        keys=[1],
        riasec=np.array([[20.0, 30.0, 60.0, 90.0, 55.0, 25.0]]),
        codes=["SAE"],
        fields=fields,
        levels=np.array([level]),
        xy=np.array([xy]),
    )


def _vacancies(rows: list[dict]) -> Vacancies:
    nan6 = [np.nan] * 6
    return Vacancies(
        ids=np.arange(1, len(rows) + 1),
        shapes=np.array([r.get("shape", nan6) for r in rows], dtype=float),
        field_index=np.array([r.get("field", -1) for r in rows]),
        levels=np.array([r.get("level", np.nan) for r in rows], dtype=float),
        usual=[r.get("usual") for r in rows],
        xy=np.array([r.get("xy", (np.nan, np.nan)) for r in rows], dtype=float),
        start_days=np.array([r.get("days", 200.0) for r in rows], dtype=float),
        starts_on=[date(2027, 8, 1)] * len(rows),
        berufsfelder=["SP" if r.get("field") == SP else None for r in rows],
    )


def test_are_far_too_high_and_long_begun_vacancies_left_out():
    """60 km away, two certificate levels above, begun 100 days ago: none is matched."""
    vacancies = _vacancies(
        [
            {"xy": (60_000.0, 0.0)},
            {"level": 3.0, "usual": "SBO_10_7_7", "xy": (1000.0, 0.0)},
            {"days": -100.0, "xy": (1000.0, 0.0)},
            {"xy": (2000.0, 0.0)},
        ]
    )
    [matches] = rank(_youth(), vacancies)
    assert [int(vacancies.ids[m["index"]]) for m in matches] == [4]
    assert matches[0]["km"] == 2.0


def test_does_a_vacancy_without_occupation_match_by_berufsfeld():
    """An imported place of an unknown occupation in the youth's best field is explained by the
    field; an unknown place has no distance but is kept."""
    vacancies = _vacancies([{"field": SP}, {"field": -1}])
    [matches] = rank(_youth(), vacancies)
    assert [int(vacancies.ids[m["index"]]) for m in matches] == [1, 2]
    first = matches[0]
    assert first["from_profile"] is False and abs(first["interest"] - 0.9) < 1e-6
    kinds = [reason["kind"] for reason in explain(_youth(), 0, vacancies, first)]
    assert kinds == ["berufsfeld", "start"]


def test_does_a_youth_without_profile_or_certificate_still_get_matches():
    """No interest profile, no certificate: every part neutral, all reachable places kept."""
    youths = _youth(level=np.nan)
    youths.riasec[:] = np.nan
    youths.codes = [""]
    vacancies = _vacancies([{"usual": "SBO_10_7_13", "level": 5.0}, {}])
    [matches] = rank(youths, vacancies)
    assert len(matches) == 2
    reasons = explain(youths, 0, vacancies, matches[0])
    assert {r["kind"] for r in reasons} <= {"certificate-usual", "start"}
