"""The KAoA facts the leaver views read from other features: internships done (bookings) and
portfolio steps done. A fact that cannot be known is `None` ("unknown") and no risk reason is
derived from it — we never claim a pupil missed something we cannot see.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, literal, or_, select

from app.internships.models import Booking, Offer, Placement, Slot
from app.portfolio import effective, plan
from app.portfolio.models import PortfolioStep

INTERNSHIP_KINDS = ("praktikum", "langzeitpraktikum")
COUNSELLING_STEPS = ("SBO 2.1", "SBO 2.2", "SBO 10.6")
INTERNSHIP_STEPS = ("SBO 6.1", "SBO 6.3", "SBO 6.5", "SBO 6.6", "SBO 9.1")


def internship_done_expr(pupil_id_column, today: date) -> ColumnElement[bool]:
    """Correlated probes: the pupil attended (or completed a confirmed) Betriebspraktikum, or
    a confirmed self-found placement is over or has its certificate."""
    placement = probe(
        Placement.pupil_id == pupil_id_column,
        Placement.status == "confirmed",
        or_(Placement.ends_on < today, Placement.certificate_received_on.is_not(None)),
    )
    return or_(placement, _booking_done(pupil_id_column, today))


def _booking_done(pupil_id_column, today: date) -> ColumnElement[bool]:
    return probe(
        Booking.pupil_id == pupil_id_column,
        Booking.slot_id == Slot.id,
        Slot.offer_id == Offer.id,
        Offer.kind.in_(INTERNSHIP_KINDS),
        or_(
            Booking.status == "attended",
            and_(Booking.status == "confirmed", Slot.ends_on < today),
        ),
    )


def probe(*conditions) -> ColumnElement[bool]:
    """A correlated "is there a row" probe. LIMIT 1 keeps PostgreSQL on the per-pupil index
    instead of hashing the whole table (what it does with EXISTS in a select list)."""
    return select(literal(1)).where(*conditions).limit(1).scalar_subquery().is_not(None)


def portfolio_done_expr(pupil_id_column, elements: tuple[str, ...]) -> ColumnElement[bool]:
    """Correlated probe: the pupil marked one of `elements` done in "Mein Weg" (any Jahrgang).
    Bookings never fill these elements' steps except the Praktikum, which
    `internship_done_expr` sees itself."""
    spellings = sorted({spelling for element in elements for spelling in _spellings(element)})
    return probe(
        PortfolioStep.pupil_id == pupil_id_column,
        PortfolioStep.status == "done",
        PortfolioStep.sbo_kuerzel.in_(spellings),
    )


def _spellings(element: str) -> tuple[str, ...]:
    """'SBO 6.1' as stored by the plan, and the other spellings `_sbo` reads as the same."""
    number = element.removeprefix("SBO ")
    return (element, f"SBO_{number.replace('.', '_')}", number)


def completed_steps(pupils) -> dict[int, tuple[dict[str, int], plan.Profile]]:
    """Per pupil (a list of ids): SBO element → steps done or recorded as not taken part (any
    Jahrgang, as the portfolio shows them, bookings included), and the pupil's plan profile
    (school form, target groups, the Kommune's choices); constant statements."""
    steps, wheres = effective.with_pupils(pupils)
    return {
        pupil_id: (
            effective.resolved_counts(steps.get(pupil_id, [])),
            wheres.get(pupil_id, effective.NOWHERE).profile,
        )
        for pupil_id in set(steps) | set(wheres)
    }


def _sbo(code: str) -> str:
    """'SBO_6_1', 'SBO 6.1' and '6.1' → 'SBO 6.1'."""
    text = str(code).strip().upper().replace("_", " ").replace("SBO ", "").replace(" ", ".")
    return f"SBO {text}"


def missing_steps(facts, has_agreement: bool, jahrgang: str) -> list[str] | None:
    """The mandatory elements of the pupil's own plan due by `jahrgang` and neither done in
    any year nor recorded as not taken part; the Anschlussvereinbarung is known here even
    without portfolio."""
    if facts is None:
        return None
    counts, profile = facts
    counts = dict(counts)
    if has_agreement:
        counts["SBO 10.6"] = counts.get("SBO 10.6", 0) + 1
    return plan.missing_elements(plan.due_by(jahrgang, profile), counts)
