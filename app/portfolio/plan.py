"""Which KAoA standard elements (SBO, official SVWS catalogue) a pupil meets in which Jahrgang.

The catalogue assigns Jahrgänge only to its nine categories, so the pupil-level steps are
curated here from the KAoA rules (see docs/domain.md §2): Potenzialanalyse (SBO 4.1) and
three Berufsfelderkundung days (SBO 5.1) in grade 8; Betriebspraktikum (SBO 6.1), Praxiskurs
(SBO 6.4), Berufsberatung (SBO 2.2) and the Anschlussvereinbarung (SBO 10.6) in 9 and 10;
reflection workshop, Praxiselemente and Studienorientierung in the upper school. The school
counselling talk (SBO 2.1) belongs to every Jahrgang.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNSELLING = "counselling"
POTENTIAL_ANALYSIS = "potential_analysis"
FIELD_DAY = "field_day"
INTERNSHIP = "internship"
PRACTICE_COURSE = "practice_course"
APPLICATION = "application"
AGREEMENT = "agreement"
WORKSHOP = "workshop"

KIND_BY_ELEMENT = {
    "SBO 2.1": COUNSELLING,
    "SBO 2.2": COUNSELLING,
    "SBO 4.1": POTENTIAL_ANALYSIS,
    "SBO 5.1": FIELD_DAY,
    "SBO 6.1": INTERNSHIP,
    "SBO 6.4": PRACTICE_COURSE,
    "SBO 8.1": WORKSHOP,
    "SBO 9.1": INTERNSHIP,
    "SBO 9.2": WORKSHOP,
    "SBO 10.1": APPLICATION,
    "SBO 10.6": AGREEMENT,
}

# Kinds whose step concerns one Berufsfeld (a BFE day, a placement in a company).
KINDS_WITH_BERUFSFELD = frozenset({FIELD_DAY, INTERNSHIP, PRACTICE_COURSE})

_SEK1_LATE = ("SBO 2.1", "SBO 2.2", "SBO 6.1", "SBO 6.4", "SBO 10.6")

PLAN: dict[str, tuple[tuple[str, int], ...]] = {
    "8": (("SBO 2.1", 1), ("SBO 4.1", 1), ("SBO 5.1", 1), ("SBO 5.1", 2), ("SBO 5.1", 3)),
    "9": tuple((element, 1) for element in _SEK1_LATE),
    "10": tuple((element, 1) for element in (*_SEK1_LATE[:4], "SBO 10.1", "SBO 10.6")),
    "EF": (("SBO 2.1", 1), ("SBO 8.1", 1), ("SBO 9.1", 1)),
    "Q1": (("SBO 2.1", 1), ("SBO 2.2", 1), ("SBO 9.2", 1), ("SBO 10.6", 1)),
    "Q2": (("SBO 2.1", 1), ("SBO 2.2", 1), ("SBO 10.1", 1), ("SBO 10.6", 1)),
    "BK1": (("SBO 2.1", 1), ("SBO 2.2", 1), ("SBO 10.1", 1), ("SBO 10.6", 1)),
    "BK2": (("SBO 2.1", 1), ("SBO 2.2", 1), ("SBO 10.1", 1), ("SBO 10.6", 1)),
    "BK3": (("SBO 2.1", 1), ("SBO 2.2", 1), ("SBO 10.1", 1), ("SBO 10.6", 1)),
}


@dataclass(frozen=True)
class PlannedStep:
    jahrgang: str
    sbo_kuerzel: str
    sequence: int
    position: int

    @property
    def kind(self) -> str:
        return KIND_BY_ELEMENT[self.sbo_kuerzel]

    @property
    def key(self) -> str:
        return f"{self.sbo_kuerzel}#{self.sequence}"


def steps_for(jahrgang: str | None) -> list[PlannedStep]:
    """The planned steps of a Jahrgang in display order (none for an unknown Jahrgang)."""
    return [
        PlannedStep(jahrgang, element, sequence, position)
        for position, (element, sequence) in enumerate(PLAN.get(jahrgang or "", ()))
    ]
