"""The pupil's own portfolio: KAoA steps of the current Jahrgang and earlier ones."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.catalog.models import SboElement
from app.core import clock
from app.core.errors import Invalid, NotFound
from app.extensions import db
from app.interests.catalog import field_weights
from app.portfolio import bookings, effective, plan
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


def ensure_steps(pupil_id: int, jahrgang: str | None, also=()) -> None:
    """Make sure the pupil has a row for every planned step of the Jahrgang and of the
    Jahrgänge in `also` (those of the pupil's bookings; two statements)."""
    jahrgaenge = sorted({jahrgang, *also} - {None})
    planned = [step for year in jahrgaenge for step in plan.steps_for(year)]
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


def step_view(step: PortfolioStep, texts: dict[str, str], shared: set[int]) -> dict:
    return {
        "id": step.id,
        "jahrgang": step.jahrgang,
        "sbo_kuerzel": step.sbo_kuerzel,
        "sequence": step.sequence,
        "kind": plan.KIND_BY_ELEMENT.get(step.sbo_kuerzel, "other"),
        "official_text": texts.get(step.sbo_kuerzel, ""),
        "status": step.status,
        "date": step.date,
        "provider": step.provider,
        "berufsfeld": step.berufsfeld,
        "reflection": step.reflection,
        "shared": step.id in shared,
        "updated_at": step.updated_at,
    }


def _plan_position(step: PortfolioStep) -> tuple:
    order = {(s.sbo_kuerzel, s.sequence): s.position for s in plan.steps_for(step.jahrgang)}
    return (order.get((step.sbo_kuerzel, step.sequence), 99), step.id)


def pupil_steps(pupil_id: int) -> list[PortfolioStep]:
    return list(db.session.scalars(select(PortfolioStep).where(PortfolioStep.pupil_id == pupil_id)))


def _worked_on(view: dict) -> bool:
    return view["status"] != "open" or bool(view["reflection"] or view["date"])


def get_portfolio(pupil) -> dict:
    """Current Jahrgang's steps in plan order, then earlier steps the pupil worked on; confirmed
    and attended bookings shown on their steps."""
    school_class = current_class(pupil.id)
    jahrgang = school_class.jahrgang if school_class else None
    booked = bookings.pupil_bookings(pupil.id)
    ensure_steps(pupil.id, jahrgang, effective.booking_jahrgaenge(booked))
    steps = pupil_steps(pupil.id)
    texts = element_texts({s.sbo_kuerzel for s in steps})
    shared = shared_item_ids(pupil.id, "step")
    placed = placed_bookings(pupil.id, steps, booked, jahrgang)

    def view(step):
        return bookings.overlay(step_view(step, texts, shared), placed.get(step.id))

    current = sorted((s for s in steps if s.jahrgang == jahrgang), key=_plan_position)
    earlier = sorted(
        (s for s in steps if s.jahrgang != jahrgang),
        key=lambda s: (s.jahrgang, *_plan_position(s)),
    )
    return {
        "jahrgang": jahrgang,
        "class_name": school_class.name if school_class else None,
        "steps": [view(s) for s in current],
        "earlier_steps": [v for v in map(view, earlier) if _worked_on(v)],
        "bookings": booked,
    }


def placed_bookings(pupil_id: int, steps, booked: list[dict], jahrgang) -> dict[int, dict]:
    """Stored step id → the booking shown on it, placed as every other reader places it."""
    return {
        s.row.id: s.booking
        for s in effective.place(pupil_id, steps, booked, jahrgang)
        if s.row is not None and s.booking is not None
    }


def step_booking(pupil_id: int, step: PortfolioStep) -> dict | None:
    """The booking shown on one step (placed among all the pupil's steps, as in the list)."""
    school_class = current_class(pupil_id)
    booked = bookings.pupil_bookings(pupil_id)
    if not booked:
        return None
    jahrgang = school_class.jahrgang if school_class else None
    return placed_bookings(pupil_id, pupil_steps(pupil_id), booked, jahrgang).get(step.id)


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
    step.date = data.get("date")
    step.provider = data.get("provider", "").strip()
    step.berufsfeld = data.get("berufsfeld")
    step.reflection = data.get("reflection", "").strip()
    step.updated_at = clock.now()
    db.session.flush()
    texts = element_texts({step.sbo_kuerzel})
    view = step_view(step, texts, shared_item_ids(pupil.id, "step"))
    return bookings.overlay(view, step_booking(pupil.id, step))
