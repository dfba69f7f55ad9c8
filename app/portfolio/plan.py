"""Which KAoA standard elements (SBO, official SVWS catalogue) a pupil meets in which Jahrgang —
by school form, Jahrgang and target group, each element mandatory or optional.

The catalogue assigns Jahrgänge only to its nine categories, so the pupil-level plan is
curated here from the KAoA rules (docs/kaoa-plan.md gives each rule with its source):

- Sek I, grade 8: Potenzialanalyse (4.1), three Berufsfelderkundung days (5.1), parents'
  information (2.5), the portfolio instrument (3.4); Berufsberatung (2.2) is offered from 8.
- Sek I: ONE mandatory Betriebspraktikum (6.1), as a rule in grade 9 (at Gymnasien, G9, in
  grade 10, the last Sek I year); a Praktikum done earlier counts later. Praxiskurse (6.4) are
  a voluntary extra. The Anschlussvereinbarung (10.6) in 9, updated in 10.
- Sek II (Gymnasium, Gesamtschule, Berufliches Gymnasium at a Berufskolleg): workshops 8.1
  (EF), 8.2 (Q1) and 9.3 (Q2), Studienorientierung 9.2 (Q1), Praxiselemente 9.1 (at least five
  days) in EF/Q1 — the Kommune may set Q1/Q2 —, the Anschlussvereinbarung updated in Q1.
- Target groups: Förderschwerpunkt Lernen / emotionale und soziale Entwicklung: the two-day
  Potenzialanalyse 4.2; STAR (other Förderschwerpunkte): STAR-Potenzialanalyse 4.3 (4.5 in
  Sehen), STAR-Berufsfelderkundung 5.2, Berufswegekonferenz 2.4, STAR-Praktikum in a block
  (6.3) or long-term (6.6); KAoA-kompakt (7.1) for newly arrived pupils in 9/10 replaces the
  grade-8 elements they could not take part in.
- Counselling (2.1, 2.2) and the application phase (10.1) are offers: optional.

"Mandatory" steps are what progress, the teacher's matrix and the leavers' missing steps
count; a mandatory step is met by a done step of its element (or an alternative) in any
Jahrgang of the pupil — counted per sequence, so three BFE days need three done days.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.schools.models import TARGET_GROUPS

COUNSELLING = "counselling"
POTENTIAL_ANALYSIS = "potential_analysis"
FIELD_DAY = "field_day"
INTERNSHIP = "internship"
PRACTICE_COURSE = "practice_course"
APPLICATION = "application"
AGREEMENT = "agreement"
WORKSHOP = "workshop"
ORIENTATION = "study_orientation"
PARENTS = "parents"
PORTFOLIO = "portfolio"
CONFERENCE = "conference"
CATCH_UP = "catch_up"

KIND_BY_ELEMENT = {
    "SBO 2.1": COUNSELLING,
    "SBO 2.2": COUNSELLING,
    "SBO 2.4": CONFERENCE,
    "SBO 2.5": PARENTS,
    "SBO 3.4": PORTFOLIO,
    "SBO 4.1": POTENTIAL_ANALYSIS,
    "SBO 4.2": POTENTIAL_ANALYSIS,
    "SBO 4.3": POTENTIAL_ANALYSIS,
    "SBO 4.5": POTENTIAL_ANALYSIS,
    "SBO 5.1": FIELD_DAY,
    "SBO 5.2": FIELD_DAY,
    "SBO 6.1": INTERNSHIP,
    "SBO 6.3": INTERNSHIP,
    "SBO 6.4": PRACTICE_COURSE,
    "SBO 6.6": INTERNSHIP,
    "SBO 7.1": CATCH_UP,
    "SBO 8.1": WORKSHOP,
    "SBO 8.2": WORKSHOP,
    "SBO 9.1": INTERNSHIP,
    "SBO 9.2": ORIENTATION,
    "SBO 9.3": WORKSHOP,
    "SBO 10.1": APPLICATION,
    "SBO 10.6": AGREEMENT,
    "GBD": FIELD_DAY,
}

# Kinds whose step concerns one Berufsfeld (a BFE day, a placement in a company).
KINDS_WITH_BERUFSFELD = frozenset({FIELD_DAY, INTERNSHIP, PRACTICE_COURSE})

# Target groups (flags of the pupil, app/schools/target_groups.py).
SEN_LEARNING, STAR, KAOA_KOMPAKT = TARGET_GROUPS

# School forms: Sek II is planned where there is an Oberstufe (Berufskolleg: the Berufliches
# Gymnasium, whose classes carry EF/Q1/Q2); Förderschulen plan for special needs by default.
SEK_II_SCHULFORMEN = frozenset({"GY", "GE", "BK", "PS", "FW", "SG", "WB"})
FOERDERSCHULEN = frozenset({"S", "SR", "SG", "SB", "KS", "WF"})
GYMNASIUM_G9 = frozenset({"GY", "SG"})

SCHULFORMEN = (
    "BK", "FW", "G", "GE", "GM", "GY", "H", "HI", "KS", "PS", "R", "S", "SB", "SG", "SK", "SR",
    "V", "WB", "WF",
)  # fmt: skip
TRACKS = (("8", "9", "10"), ("EF", "Q1", "Q2"), ("BK1", "BK2", "BK3"))
PRAXISELEMENTE_WINDOWS = ("EF_Q1", "Q1_Q2")


@dataclass(frozen=True)
class Profile:
    """What the plan of one pupil depends on besides the Jahrgang."""

    schulform: str | None = None
    groups: frozenset[str] = field(default_factory=frozenset)
    praxiselemente_window: str = "EF_Q1"
    girls_boys_day: bool = False  # the Kommune counts Girls'/Boys' Day as one BFE day
    foerderschwerpunkt: str | None = None  # SchILD key, e.g. "LE", "GG", "SE"

    def effective_groups(self) -> frozenset[str]:
        """A Förderschule plans for Lernen/ESE where no finer flag says otherwise."""
        if self.schulform in FOERDERSCHULEN and not self.groups & {STAR, SEN_LEARNING}:
            return self.groups | {SEN_LEARNING}
        return self.groups


@dataclass(frozen=True)
class PlannedStep:
    jahrgang: str
    sbo_kuerzel: str
    sequence: int
    position: int
    mandatory: bool = True
    # Elements whose done steps meet this one too (a STAR Praktikum in a block or long-term).
    alternatives: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return KIND_BY_ELEMENT[self.sbo_kuerzel]

    @property
    def key(self) -> str:
        return f"{self.sbo_kuerzel}#{self.sequence}"


def _m(element: str, sequence: int = 1, alternatives: tuple[str, ...] = ()) -> tuple:
    return (element, sequence, True, alternatives)


def _o(element: str, sequence: int = 1) -> tuple:
    return (element, sequence, False, ())


def _potential_analysis(groups: frozenset[str], foerderschwerpunkt: str | None) -> str:
    if STAR in groups:
        return "SBO 4.5" if foerderschwerpunkt == "SE" else "SBO 4.3"
    return "SBO 4.2" if SEN_LEARNING in groups else "SBO 4.1"


def _grade_8(profile: Profile) -> list[tuple]:
    groups = profile.effective_groups()
    field_day = "SBO 5.2" if STAR in groups else "SBO 5.1"
    elements = [
        _o("SBO 2.1"),
        _o("SBO 2.2"),
        _m("SBO 2.5"),
        _m("SBO 3.4"),
        _m(_potential_analysis(groups, profile.foerderschwerpunkt)),
        *(_m(field_day, day, ("GBD",) if profile.girls_boys_day else ()) for day in (1, 2, 3)),
    ]
    if profile.girls_boys_day:
        elements.append(_o("GBD"))
    return elements


def _internship(groups: frozenset[str]) -> list[tuple]:
    if STAR in groups:
        return [_m("SBO 2.4"), _m("SBO 6.3", 1, ("SBO 6.6",))]
    return [_m("SBO 6.1"), _o("SBO 6.4")]


def _sek_1_late(jahrgang: str, profile: Profile) -> list[tuple]:
    """Grades 9 and 10: the one Praktikum in its year, the Anschlussvereinbarung in both."""
    groups = profile.effective_groups()
    internship_year = "10" if profile.schulform in GYMNASIUM_G9 else "9"
    elements = [_o("SBO 2.1"), _o("SBO 2.2")]
    if KAOA_KOMPAKT in groups:
        elements.append(_m("SBO 7.1"))
    if jahrgang == internship_year:
        elements += _internship(groups)
    elif STAR not in groups:
        elements.append(_o("SBO 6.4"))
    if jahrgang == "10":
        elements.append(_o("SBO 10.1"))
    elements.append(_m("SBO 10.6"))
    return elements


def _sek_2(jahrgang: str, profile: Profile) -> list[tuple]:
    praxis_year = "EF" if profile.praxiselemente_window == "EF_Q1" else "Q1"
    elements = [_o("SBO 2.1"), _o("SBO 2.2")]
    elements += {
        "EF": [_m("SBO 8.1")],
        "Q1": [_m("SBO 8.2"), _m("SBO 9.2"), _m("SBO 10.6")],
        "Q2": [_m("SBO 9.3"), _o("SBO 10.1")],
    }[jahrgang]
    if jahrgang == praxis_year:
        elements.append(_m("SBO 9.1"))
    return elements


def _berufskolleg() -> list[tuple]:
    return [_o("SBO 2.1"), _o("SBO 2.2"), _o("SBO 10.1"), _m("SBO 10.6")]


def offers(schulform: str | None, jahrgang: str | None) -> bool:
    """Whether the school form has the Jahrgang at all (no Sek II at a Realschule)."""
    if jahrgang in ("EF", "Q1", "Q2"):
        return schulform is None or schulform in SEK_II_SCHULFORMEN
    if jahrgang in ("BK1", "BK2", "BK3"):
        return schulform in (None, "BK", "SB")
    return jahrgang in ("8", "9", "10") and schulform not in ("BK", "SB", "WB", "G")


def _elements(jahrgang: str, profile: Profile) -> list[tuple]:
    if not offers(profile.schulform, jahrgang):
        return []
    if jahrgang == "8":
        return _grade_8(profile)
    if jahrgang in ("9", "10"):
        return _sek_1_late(jahrgang, profile)
    if jahrgang in ("EF", "Q1", "Q2"):
        return _sek_2(jahrgang, profile)
    return _berufskolleg()


def steps_for(jahrgang: str | None, profile: Profile | None = None) -> list[PlannedStep]:
    """The planned steps of a Jahrgang in display order (none for a Jahrgang the school form
    does not have or an unknown one)."""
    if jahrgang is None:
        return []
    elements = _elements(jahrgang, profile or Profile())
    return [
        PlannedStep(jahrgang, element, sequence, position, mandatory, alternatives)
        for position, (element, sequence, mandatory, alternatives) in enumerate(elements)
    ]


def track_of(jahrgang: str | None) -> tuple[str, ...]:
    return next((track for track in TRACKS if jahrgang in track), ())


def due_by(jahrgang: str | None, profile: Profile | None = None) -> list[PlannedStep]:
    """The mandatory steps due by the end of `jahrgang`: those of its Jahrgang and of the
    earlier Jahrgänge of its stage (Sek I, Sek II, Berufskolleg). A newly arrived pupil
    (KAoA-kompakt, grade 9 or 10) is not expected to have the grade-8 elements: 7.1 makes
    up for them."""
    profile = profile or Profile()
    track = track_of(jahrgang)
    years = track[: track.index(jahrgang) + 1] if track else ()
    if KAOA_KOMPAKT in profile.groups and jahrgang != "8":
        years = tuple(year for year in years if year != "8")
    return [step for year in years for step in steps_for(year, profile) if step.mandatory]


def years_with(element: str, profile: Profile | None = None) -> list[str]:
    """The Jahrgänge (in order) whose plan has `element`."""
    return [
        year
        for track in TRACKS
        for year in track
        if any(s.sbo_kuerzel == element for s in steps_for(year, profile))
    ]


def unmet(due: list[PlannedStep], done_counts: dict[str, int]) -> list[PlannedStep]:
    """The due steps not met by the pupil's done steps (element → number done, any year)."""
    return [
        step
        for step in due
        if sum(done_counts.get(e, 0) for e in (step.sbo_kuerzel, *step.alternatives))
        < step.sequence
    ]


def missing_elements(due: list[PlannedStep], done_counts: dict[str, int]) -> list[str]:
    """The elements of the unmet steps, once each, in plan order."""
    return list(dict.fromkeys(step.sbo_kuerzel for step in unmet(due, done_counts)))
