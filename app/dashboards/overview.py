"""The pupil's personal home: where they stand and what comes next, in one call.

Reads the pupil's own data across features (questionnaire, "Mein Weg", bookings, the
Anschlussvereinbarung) in a fixed number of statements whatever the amount of data. The
next steps are facts with a `kind`; the PWA words them in the pupil's language.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.anschluss.models import Anschlussvereinbarung, NextStep
from app.core import clock
from app.extensions import db
from app.interests.models import InterestProfile
from app.internships.models import Booking, Offer, Provider, Slot
from app.internships.progress import bfe_progress
from app.portfolio import effective, plan

# The order in which open things are shown: what others wait for or what is due first.
NEXT_STEP_ORDER = (
    "agreement_step",
    "booking_pending",
    "questionnaire",
    "bfe",
    "booking_upcoming",
    "portfolio_step",
)


def _questionnaire(pupil_id: int) -> dict:
    count, last = db.session.execute(
        select(func.count(InterestProfile.id), func.max(InterestProfile.created_at)).where(
            InterestProfile.pupil_id == pupil_id
        )
    ).one()
    return {"done": count > 0, "runs": count, "last_at": last}


def _bookings(pupil_id: int, today: date) -> list[dict]:
    """Requested and confirmed bookings that have not ended yet, earliest first (one query)."""
    rows = db.session.execute(
        select(
            Booking.id,
            Booking.status,
            Offer.id.label("offer_id"),
            Offer.title,
            Offer.kind,
            Provider.name.label("provider_name"),
            Slot.starts_on,
            Slot.ends_on,
        )
        .join(Slot, Slot.id == Booking.slot_id)
        .join(Offer, Offer.id == Slot.offer_id)
        .join(Provider, Provider.id == Offer.provider_id)
        .where(
            Booking.pupil_id == pupil_id,
            Booking.status.in_(("requested", "confirmed")),
            Slot.ends_on >= today,
        )
        .order_by(Slot.starts_on, Booking.id)
    )
    return [dict(row._mapping) for row in rows]


def _agreement_steps(pupil_id: int) -> list[NextStep]:
    """Open next steps of the pupil's current Anschlussvereinbarung, due first (one query)."""
    return list(
        db.session.scalars(
            select(NextStep)
            .join(Anschlussvereinbarung, Anschlussvereinbarung.id == NextStep.agreement_id)
            .where(
                NextStep.pupil_id == pupil_id,
                Anschlussvereinbarung.is_current,
                NextStep.done_at.is_(None),
            )
            .order_by(NextStep.due_on.is_(None), NextStep.due_on, NextStep.position, NextStep.id)
        )
    )


def _portfolio(pupil_id: int) -> dict:
    """Steps of the current Jahrgang (effective statuses) and the first one still open."""
    jahrgang = effective.current_jahrgaenge([pupil_id]).get(pupil_id)
    steps = effective.for_pupils([pupil_id]).get(pupil_id, [])
    order = {(s.sbo_kuerzel, s.sequence): s.position for s in plan.steps_for(jahrgang)}
    current = sorted(
        (s for s in steps if s.jahrgang == jahrgang and (s.sbo_kuerzel, s.sequence) in order),
        key=lambda s: order[(s.sbo_kuerzel, s.sequence)],
    )
    first_open = next((s for s in current if s.status == "open"), None)
    return {
        "jahrgang": jahrgang,
        "total": len(current),
        "done": sum(1 for s in current if s.status == "done"),
        "planned": sum(1 for s in current if s.status == "planned"),
        "first_open": first_open,
        "has_bfe": any(s.sbo_kuerzel == "SBO 5.1" for s in current),
    }


def _step_ref(step) -> dict:
    return {
        "step_id": step.row.id if step.row is not None else None,
        "step_kind": plan.KIND_BY_ELEMENT.get(step.sbo_kuerzel, "other"),
        "sequence": step.sequence,
    }


def _next_steps(questionnaire, portfolio, bfe, bookings, agreement, today) -> list[dict]:
    found: list[dict] = []
    if agreement:
        first = agreement[0]
        found.append(
            {
                "kind": "agreement_step",
                "text": first.description,
                "due_on": first.due_on,
                "overdue": first.due_on is not None and first.due_on < today,
                "count": len(agreement),
            }
        )
    pending = [b for b in bookings if b["status"] == "requested"]
    if pending:
        found.append(
            {"kind": "booking_pending", "count": len(pending), "title": pending[0]["title"]}
        )
    if not questionnaire["done"]:
        found.append({"kind": "questionnaire"})
    if portfolio["has_bfe"] and not bfe["complete"]:
        found.append({"kind": "bfe", "count": bfe["days_done"], "total": bfe["required_days"]})
    upcoming = next((b for b in bookings if b["status"] == "confirmed"), None)
    if upcoming:
        found.append(
            {
                "kind": "booking_upcoming",
                "title": upcoming["title"],
                "provider_name": upcoming["provider_name"],
                "due_on": upcoming["starts_on"],
            }
        )
    if portfolio["first_open"] is not None:
        found.append({"kind": "portfolio_step", **_step_ref(portfolio["first_open"])})
    return found


def pupil_overview(pupil) -> dict:
    """Where the pupil stands and the next steps (a constant number of statements)."""
    today = clock.today()
    questionnaire = _questionnaire(pupil.id)
    portfolio = _portfolio(pupil.id)
    bfe = bfe_progress([pupil.id])[pupil.id]
    bookings = _bookings(pupil.id, today)
    agreement = _agreement_steps(pupil.id)
    return {
        "jahrgang": portfolio["jahrgang"],
        "questionnaire": questionnaire,
        "steps": {k: portfolio[k] for k in ("total", "done", "planned")},
        "bfe": {
            "days_done": bfe["days_done"],
            "days_planned": bfe["days_planned"],
            "required_days": bfe["required_days"],
            "complete": bfe["complete"],
            "relevant": portfolio["has_bfe"],
        },
        "bookings": {
            "requested": sum(1 for b in bookings if b["status"] == "requested"),
            "confirmed": sum(1 for b in bookings if b["status"] == "confirmed"),
        },
        "next_steps": _next_steps(questionnaire, portfolio, bfe, bookings, agreement, today),
    }
