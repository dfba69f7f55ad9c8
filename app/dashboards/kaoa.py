"""The KAoA facts the leaver views read from other features: internships done (bookings) and
portfolio steps done. A fact that cannot be known is `None` ("unknown") and no risk reason is
derived from it — we never claim a pupil missed something we cannot see.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, literal, or_, select

from app.internships.models import Booking, Offer, Slot
from app.portfolio.effective import done_elements
from app.portfolio.models import PortfolioStep

INTERNSHIP_KINDS = ("praktikum", "langzeitpraktikum")
# KAoA standard elements a leaver is expected to have done by the leaving year (SBO numbering).
# Sek I: Potenzialanalyse, Berufsfelderkundung, Betriebspraktikum, Anschlussvereinbarung;
# Sek II: Standortbestimmung, Praxiselemente, Anschlussvereinbarung.
EXPECTED_STEPS = {
    "10": ("SBO 4.1", "SBO 5.1", "SBO 6.1", "SBO 10.6"),
    "Q2": ("SBO 8.1", "SBO 9.1", "SBO 10.6"),
}
DEFAULT_EXPECTED = ("SBO 10.6",)
COUNSELLING_STEPS = ("SBO 2.1", "SBO 2.2", "SBO 10.6")
INTERNSHIP_STEPS = ("SBO 6.1", "SBO 6.3", "SBO 6.5", "SBO 6.6", "SBO 9.1")


def internship_done_expr(pupil_id_column, today: date) -> ColumnElement[bool]:
    """Correlated probe: the pupil attended (or completed a confirmed) Betriebspraktikum."""
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


def completed_steps(pupils) -> dict[int, set[str]]:
    """SBO elements each pupil (a sub-select of pupil ids) has done — as the portfolio shows
    them: marked done by the pupil or filled by an attended booking (constant statements)."""
    return {
        pupil_id: {_sbo(kuerzel) for kuerzel in elements}
        for pupil_id, elements in done_elements(pupils).items()
    }


def _sbo(code: str) -> str:
    """'SBO_6_1', 'SBO 6.1' and '6.1' → 'SBO 6.1'."""
    text = str(code).strip().upper().replace("_", " ").replace("SBO ", "").replace(" ", ".")
    return f"SBO {text}"


def missing_steps(done: set[str] | None, has_agreement: bool, jahrgang: str) -> list[str] | None:
    """Expected steps not done; the Anschlussvereinbarung is known here even without portfolio."""
    if done is None:
        return None
    done = set(done) | ({"SBO 10.6"} if has_agreement else set())
    expected = EXPECTED_STEPS.get(jahrgang, DEFAULT_EXPECTED)
    return [step for step in expected if step not in done]
