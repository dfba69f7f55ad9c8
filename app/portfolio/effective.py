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
from app.portfolio.models import STEP_STATUSES, PortfolioStep
from app.schools.models import ClassMembership, SchoolClass, SchoolYear


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
        return max(self.own_status, booked, key=STEP_STATUSES.index)


def _plans_with(element: str) -> list[str]:
    return [year for year in plan.PLAN if any(k == element for k, _ in plan.PLAN[year])]


def booking_jahrgaenge(booked: list[dict]) -> set[str]:
    """The Jahrgänge whose steps can take the bookings: the Jahrgang of the booking's day
    when its plan has the element, else the first earlier Jahrgang that has it (a BFE day
    made up in grade 9 or 10 still lands on a grade 8 Berufsfelderkundung step)."""
    order = list(plan.PLAN)
    years = set()
    for booking in booked:
        day_year = booking["jahrgang"]
        if day_year not in order:
            continue
        candidates = _plans_with(bookings.ELEMENT_BY_KIND[booking["kind"]])
        earlier = [y for y in candidates if order.index(y) <= order.index(day_year)]
        if day_year in candidates:
            years.add(day_year)
        elif earlier:  # never a later Jahrgang: a grade 8 placement fills no grade 9 step
            years.add(earlier[0])
    return years


def place(
    pupil_id: int, rows: list[PortfolioStep], booked: list[dict], current: str | None
) -> list[EffectiveStep]:
    """The pupil's stored steps plus the unopened planned ones, with bookings placed."""
    steps = [EffectiveStep(pupil_id, r.jahrgang, r.sbo_kuerzel, r.sequence, r) for r in rows]
    existing = {s.key for s in steps}
    for jahrgang in sorted({current, *booking_jahrgaenge(booked)} - {None}):
        for planned in plan.steps_for(jahrgang):
            key = (jahrgang, planned.sbo_kuerzel, planned.sequence)
            if key not in existing:
                steps.append(EffectiveStep(pupil_id, *key, None))
                existing.add(key)
    by_key = {s.key: s for s in steps}
    for key, booking in bookings.place_bookings(steps, booked, current).items():
        by_key[key].booking = booking
    return steps


def current_jahrgaenge(pupils) -> dict[int, str]:
    """pupil id → Jahrgang of the class in the most recent school year (one statement)."""
    rows = db.session.execute(
        select(ClassMembership.pupil_id, SchoolClass.jahrgang)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(ClassMembership.pupil_id.in_(pupils))
        .order_by(ClassMembership.pupil_id, SchoolYear.starts_on.desc())
    )
    result: dict[int, str] = {}
    for pupil_id, jahrgang in rows:
        result.setdefault(pupil_id, jahrgang)
    return result


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
    currents = current_jahrgaenge(pupils)
    rows = stored_steps(pupils)
    booked = bookings.bookings_by_pupil(pupils)
    ids = set(currents) | set(rows) | set(booked)
    return {
        pupil_id: place(
            pupil_id, rows.get(pupil_id, []), booked.get(pupil_id, []), currents.get(pupil_id)
        )
        for pupil_id in ids
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
