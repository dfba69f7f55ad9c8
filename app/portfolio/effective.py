"""One truth for "which KAoA steps has a pupil done": the pupil's entries raised by bookings.

Every reader of step statuses — the pupil's portfolio and export, the teacher's progress
matrix, the Anschluss cohort's missing steps and risk reasons — goes through `for_pupils`
(or `place` when it already holds the rows), so they can never disagree.

Rules (see app/portfolio/bookings.py): a confirmed booking makes its step at least "planned",
an attended one "done"; nothing the pupil set is ever lowered. A booking is placed on a step
of its KAoA element, preferring the Jahrgang the pupil was in on the day, then the current
one. Steps the pupil never opened count as "open" rows of the plan of their current Jahrgang
and of the Jahrgänge of their bookings (the rows `services.ensure_steps` would create), so a
pupil who attended three BFE days without ever opening "Mein Weg" still has them done.

`for_pupils` runs three statements for any number of pupils.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.portfolio import bookings, plan
from app.portfolio.models import ALL_STEP_STATUSES, PortfolioStep
from app.schools.models import (
    ClassMembership,
    Kommune,
    PupilTargetGroup,
    School,
    SchoolClass,
    SchoolYear,
)


@dataclass
class EffectiveStep:
    """A pupil's step: the stored row (None when never opened) and the booking on it."""

    pupil_id: int
    jahrgang: str
    sbo_kuerzel: str
    sequence: int
    row: PortfolioStep | None
    booking: dict | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.jahrgang, self.sbo_kuerzel, self.sequence)

    @property
    def own_status(self) -> str:
        return self.row.status if self.row is not None else "open"

    @property
    def status(self) -> str:
        if self.booking is None:
            return self.own_status
        booked = bookings.STEP_STATUS_BY_BOOKING[self.booking["status"]]
        return max(self.own_status, booked, key=ALL_STEP_STATUSES.index)


@dataclass(frozen=True)
class Pupil:
    """Where a pupil stands: the current Jahrgang and what their plan depends on."""

    jahrgang: str | None
    profile: plan.Profile


NOWHERE = Pupil(None, plan.Profile())


def booking_jahrgaenge(booked: list[dict], profile: plan.Profile | None = None) -> set[str]:
    """The Jahrgänge whose steps can take the bookings: the Jahrgang of the booking's day
    when its plan has the element, else the first earlier Jahrgang that has it (a BFE day
    made up in grade 9 or 10 still lands on a grade 8 Berufsfelderkundung step)."""
    order = [year for track in plan.TRACKS for year in track]
    years = set()
    for booking in booked:
        day_year = booking["jahrgang"]
        if day_year not in order:
            continue
        candidates = plan.years_with(bookings.element_for(booking, profile), profile)
        earlier = [y for y in candidates if order.index(y) <= order.index(day_year)]
        if day_year in candidates:
            years.add(day_year)
        elif earlier:  # never a later Jahrgang: a grade 8 placement fills no grade 9 step
            years.add(earlier[0])
    return years


def place(
    pupil_id: int, rows: list[PortfolioStep], booked: list[dict], where: Pupil = NOWHERE
) -> list[EffectiveStep]:
    """The pupil's stored steps plus the unopened planned ones, with bookings placed."""
    steps = [EffectiveStep(pupil_id, r.jahrgang, r.sbo_kuerzel, r.sequence, r) for r in rows]
    existing = {s.key for s in steps}
    current, profile = where.jahrgang, where.profile
    for jahrgang in sorted({current, *booking_jahrgaenge(booked, profile)} - {None}):
        for planned in plan.steps_for(jahrgang, profile):
            key = (jahrgang, planned.sbo_kuerzel, planned.sequence)
            if key not in existing:
                steps.append(EffectiveStep(pupil_id, *key, None))
                existing.add(key)
    by_key = {s.key: s for s in steps}
    for key, booking in bookings.place_bookings(steps, booked, current, profile).items():
        by_key[key].booking = booking
    return steps


def profile_of(schulform, kommune: Kommune | None, groups: PupilTargetGroup | None):
    return plan.Profile(
        schulform=schulform,
        groups=frozenset(groups.groups if groups else ()),
        foerderschwerpunkt=groups.foerderschwerpunkt if groups else None,
        praxiselemente_window=kommune.praxiselemente_window if kommune else "EF_Q1",
        girls_boys_day=bool(kommune and kommune.girls_boys_day_counts),
    )


def current_pupils(pupils) -> dict[int, Pupil]:
    """pupil id → Jahrgang of the class in the most recent school year, with the school form,
    the Kommune's choices and the pupil's target groups (one statement)."""
    rows = db.session.execute(
        select(ClassMembership.pupil_id, SchoolClass.jahrgang, School.schulform, Kommune)
        .add_columns(PupilTargetGroup)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .join(School, School.id == SchoolClass.school_id)
        .join(Kommune, Kommune.id == School.kommune_id)
        .outerjoin(PupilTargetGroup, PupilTargetGroup.pupil_id == ClassMembership.pupil_id)
        .where(ClassMembership.pupil_id.in_(pupils))
        .order_by(ClassMembership.pupil_id, SchoolYear.starts_on.desc())
    )
    result: dict[int, Pupil] = {}
    for pupil_id, jahrgang, schulform, kommune, groups in rows:
        if pupil_id not in result:
            result[pupil_id] = Pupil(jahrgang, profile_of(schulform, kommune, groups))
    return result


def current_jahrgaenge(pupils) -> dict[int, str]:
    """pupil id → Jahrgang of the class in the most recent school year (one statement)."""
    return {pupil_id: where.jahrgang for pupil_id, where in current_pupils(pupils).items()}


def stored_steps(pupils) -> dict[int, list[PortfolioStep]]:
    result: dict[int, list[PortfolioStep]] = {}
    for row in db.session.scalars(
        select(PortfolioStep).where(PortfolioStep.pupil_id.in_(pupils)).order_by(PortfolioStep.id)
    ):
        result.setdefault(row.pupil_id, []).append(row)
    return result


def for_pupils(pupils) -> dict[int, list[EffectiveStep]]:
    """pupil id → effective steps, for a list or sub-select of pupil ids (three statements).

    Pupils without any class, step or booking are absent."""
    return with_pupils(pupils)[0]


def with_pupils(pupils) -> tuple[dict[int, list[EffectiveStep]], dict[int, Pupil]]:
    """Effective steps and where each pupil stands (three statements)."""
    currents = current_pupils(pupils)
    rows = stored_steps(pupils)
    booked = bookings.bookings_by_pupil(pupils)
    ids = set(currents) | set(rows) | set(booked)
    steps = {
        pupil_id: place(
            pupil_id,
            rows.get(pupil_id, []),
            booked.get(pupil_id, []),
            currents.get(pupil_id, NOWHERE),
        )
        for pupil_id in ids
    }
    return steps, currents


def done_counts(steps: list[EffectiveStep]) -> dict[str, int]:
    """SBO element → number of effectively done steps (any Jahrgang)."""
    counts: dict[str, int] = {}
    for step in steps:
        if step.status == "done":
            counts[step.sbo_kuerzel] = counts.get(step.sbo_kuerzel, 0) + 1
    return counts


def resolved_counts(steps: list[EffectiveStep]) -> dict[str, int]:
    """Like `done_counts`, with "nicht teilgenommen" (recorded with a reason) counted as
    resolved: the step is no longer missing, it is accounted for."""
    counts: dict[str, int] = {}
    for step in steps:
        if step.status in ("done", "not_taken"):
            counts[step.sbo_kuerzel] = counts.get(step.sbo_kuerzel, 0) + 1
    return counts


def missing(pupils) -> dict[int, list[str]]:
    """pupil id → mandatory elements of the pupil's own plan due by their current Jahrgang
    and neither done (in any year) nor recorded as not taken part with a reason."""
    steps, currents = with_pupils(pupils)
    return {
        pupil_id: plan.missing_elements(
            plan.due_by(where.jahrgang, where.profile), resolved_counts(steps.get(pupil_id, []))
        )
        for pupil_id, where in currents.items()
    }


def statuses(pupils, jahrgang: str) -> dict[tuple[int, str, int], str]:
    """(pupil id, SBO element, sequence) → effective status of the steps of one Jahrgang."""
    return {
        (step.pupil_id, step.sbo_kuerzel, step.sequence): step.status
        for steps in for_pupils(pupils).values()
        for step in steps
        if step.jahrgang == jahrgang
    }


def done_elements(pupils) -> dict[int, set[str]]:
    """pupil id → SBO elements with at least one effectively done step."""
    return {
        pupil_id: {s.sbo_kuerzel for s in steps if s.status == "done"}
        for pupil_id, steps in for_pupils(pupils).items()
    }
