"""The pupil's own portfolio: KAoA steps of the current Jahrgang and earlier ones."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.catalog.models import SboElement
from app.core import clock
from app.core.errors import Invalid, NotFound
from app.extensions import db
from app.interests.catalog import field_weights
from app.portfolio import attachments, bookings, effective, plan
from app.portfolio.models import PortfolioStep
from app.portfolio.sharing import shared_item_ids
from app.schools.models import ClassMembership, SchoolClass, SchoolYear


def current_class(pupil_id: int) -> SchoolClass | None:
    """The pupil's class in the most recent school year they are enrolled in."""
    return db.session.scalar(
        select(SchoolClass)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(ClassMembership.pupil_id == pupil_id)
        .order_by(SchoolYear.starts_on.desc())
        .limit(1)
    )


def _insert_ignoring_duplicates(rows: list[dict]) -> None:
    """Create missing step rows; a concurrent request creating the same rows is harmless."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(PortfolioStep).values(rows).on_conflict_do_nothing()
    db.session.execute(statement)


def ensure_steps(pupil_id: int, jahrgang: str | None, also=(), profile=None) -> None:
    """Make sure the pupil has a row for every planned step of the Jahrgang, of the
    Jahrgänge in `also` (those of the pupil's bookings) and for the mandatory steps of
    earlier Jahrgänge still due (a grade-10 pupil records the Praktikum of grade 9); two
    statements."""
    planned = [
        step
        for year in sorted({jahrgang, *also} - {None})
        for step in plan.steps_for(year, profile)
    ]
    planned += plan.due_by(jahrgang, profile)
    jahrgaenge = sorted({step.jahrgang for step in planned})
    if not planned:
        return
    existing = {
        tuple(row)
        for row in db.session.execute(
            select(PortfolioStep.jahrgang, PortfolioStep.sbo_kuerzel, PortfolioStep.sequence).where(
                PortfolioStep.pupil_id == pupil_id, PortfolioStep.jahrgang.in_(jahrgaenge)
            )
        )
    }
    now = clock.now()
    rows = [
        {
            "pupil_id": pupil_id,
            "jahrgang": step.jahrgang,
            "sbo_kuerzel": step.sbo_kuerzel,
            "sequence": step.sequence,
            "status": "open",
            "provider": "",
            "reflection": "",
            "created_at": now,
            "updated_at": now,
        }
        for step in planned
        if (step.jahrgang, step.sbo_kuerzel, step.sequence) not in existing
    ]
    if rows:
        _insert_ignoring_duplicates(rows)


def element_texts(kuerzel: set[str]) -> dict[str, str]:
    """Official SBO texts from the catalogue (one query)."""
    if not kuerzel:
        return {}
    rows = db.session.execute(
        select(SboElement.kuerzel, SboElement.text).where(SboElement.kuerzel.in_(kuerzel))
    )
    return {key: text for key, text in rows}


def step_view(
    step: PortfolioStep, texts: dict[str, str], shared: set[int], mandatory: bool | None = None
) -> dict:
    return {
        "id": step.id,
        "jahrgang": step.jahrgang,
        "sbo_kuerzel": step.sbo_kuerzel,
        "sequence": step.sequence,
        "kind": plan.KIND_BY_ELEMENT.get(step.sbo_kuerzel, "other"),
        "official_text": texts.get(step.sbo_kuerzel, ""),
        "status": step.status,
        "mandatory": bool(mandatory),
        "not_taken_reason": step.not_taken_reason or "",
        "date": step.date,
        "provider": step.provider,
        "berufsfeld": step.berufsfeld,
        "reflection": step.reflection,
        "shared": step.id in shared,
        "updated_at": step.updated_at,
    }


def _planned(jahrgaenge, profile) -> dict[tuple[str, str, int], plan.PlannedStep]:
    return {
        (p.jahrgang, p.sbo_kuerzel, p.sequence): p
        for year in jahrgaenge
        for p in plan.steps_for(year, profile)
    }


def where(pupil_id: int) -> effective.Pupil:
    """The pupil's current Jahrgang and plan profile (one statement)."""
    return effective.current_pupils([pupil_id]).get(pupil_id, effective.NOWHERE)


def pupil_steps(pupil_id: int) -> list[PortfolioStep]:
    return list(db.session.scalars(select(PortfolioStep).where(PortfolioStep.pupil_id == pupil_id)))


def _worked_on(view: dict) -> bool:
    return view["status"] != "open" or bool(view["reflection"] or view["date"])


def get_portfolio(pupil) -> dict:
    """Current Jahrgang's steps in plan order (each mandatory or optional), then earlier steps
    the pupil worked on or still owes; the mandatory steps due so far and how many are met;
    confirmed and attended bookings shown on their steps."""
    school_class = current_class(pupil.id)
    here = where(pupil.id)
    jahrgang = school_class.jahrgang if school_class else None
    booked = bookings.pupil_bookings(pupil.id)
    ensure_steps(
        pupil.id, jahrgang, effective.booking_jahrgaenge(booked, here.profile), here.profile
    )
    steps = pupil_steps(pupil.id)
    texts = element_texts({s.sbo_kuerzel for s in steps})
    shared = shared_item_ids(pupil.id, "step")
    placed_steps = effective.place(pupil.id, steps, booked, here)
    placed = {s.row.id: s.booking for s in placed_steps if s.row is not None and s.booking}
    planned = _planned({s.jahrgang for s in steps}, here.profile)
    files = attachments.by_step([s.id for s in steps])

    def position(step):
        entry = planned.get((step.jahrgang, step.sbo_kuerzel, step.sequence))
        return (entry.position if entry else 99, step.id)

    def view(step):
        entry = planned.get((step.jahrgang, step.sbo_kuerzel, step.sequence))
        shown = step_view(step, texts, shared, entry is not None and entry.mandatory)
        return {
            **bookings.overlay(shown, placed.get(step.id)),
            "attachments": files.get(step.id, []),
        }

    current = sorted((s for s in steps if s.jahrgang == jahrgang), key=position)
    earlier = sorted(
        (s for s in steps if s.jahrgang != jahrgang), key=lambda s: (s.jahrgang, *position(s))
    )
    due = plan.due_by(jahrgang, here.profile)
    resolved = effective.resolved_counts(placed_steps)
    return {
        "jahrgang": jahrgang,
        "class_name": school_class.name if school_class else None,
        "steps": [view(s) for s in current],
        "earlier_steps": [v for v in map(view, earlier) if _worked_on(v) or v["mandatory"]],
        "bookings": booked,
        "progress": {
            "mandatory_due": len(due),
            "mandatory_met": len(due) - len(plan.unmet(due, resolved)),
            "missing": plan.missing_elements(due, resolved),
        },
    }


def placed_bookings(pupil_id: int, steps, booked: list[dict], here) -> dict[int, dict]:
    """Stored step id → the booking shown on it, placed as every other reader places it."""
    return {
        s.row.id: s.booking
        for s in effective.place(pupil_id, steps, booked, here)
        if s.row is not None and s.booking is not None
    }


def step_booking(pupil_id: int, step: PortfolioStep) -> dict | None:
    """The booking shown on one step (placed among all the pupil's steps, as in the list)."""
    booked = bookings.pupil_bookings(pupil_id)
    if not booked:
        return None
    return placed_bookings(pupil_id, pupil_steps(pupil_id), booked, where(pupil_id)).get(step.id)


def _check_berufsfeld(step: PortfolioStep, berufsfeld: str | None) -> None:
    if berufsfeld is None:
        return
    if plan.KIND_BY_ELEMENT.get(step.sbo_kuerzel) not in plan.KINDS_WITH_BERUFSFELD:
        raise Invalid("step-without-berufsfeld", field="berufsfeld")
    if berufsfeld not in {row.kuerzel for row in field_weights()}:
        raise Invalid("berufsfeld-unknown", field="berufsfeld")


def update_step(pupil, step_id: int, data: dict) -> dict:
    """Replace status, date, provider, Berufsfeld and reflection of one of the pupil's steps."""
    step = db.session.get(PortfolioStep, step_id)
    if step is None or step.pupil_id != pupil.id:
        raise NotFound("portfolio-step-not-found")
    _check_berufsfeld(step, data.get("berufsfeld"))
    step.status = data["status"]
    step.not_taken_reason = ""
    step.not_taken_by = None
    step.date = data.get("date")
    step.provider = data.get("provider", "").strip()
    step.berufsfeld = data.get("berufsfeld")
    step.reflection = data.get("reflection", "").strip()
    step.updated_at = clock.now()
    db.session.flush()
    texts = element_texts({step.sbo_kuerzel})
    here = where(pupil.id)
    entry = _planned({step.jahrgang}, here.profile).get(
        (step.jahrgang, step.sbo_kuerzel, step.sequence)
    )
    mandatory = entry is not None and entry.mandatory
    view = step_view(step, texts, shared_item_ids(pupil.id, "step"), mandatory)
    return bookings.overlay(view, step_booking(pupil.id, step))
