"""Bookings in "Mein Weg": confirmed and attended internship bookings fill the matching steps.

Read-only adapter to app/internships: one query reads the pupil's bookings; each is placed on
a step of its KAoA element — preferring the step of the Jahrgang the pupil was in on the day
(a Betriebspraktikum of grade 9 lands on the grade 9 step), earliest booking first. A confirmed
booking makes the step at least "planned", an attended one "done"; what the pupil typed
(date, provider, Berufsfeld) stays and only empty fields are filled from the booking.
"""

from __future__ import annotations

from sqlalchemy import and_, select

from app.core import clock
from app.extensions import db
from app.internships.models import Booking, Offer, Placement, Provider, Slot
from app.portfolio import plan
from app.portfolio.models import ALL_STEP_STATUSES
from app.schools.models import ClassMembership, SchoolClass, SchoolYear

# Offer kind → the KAoA standard element of the portfolio step it fills.
ELEMENT_BY_KIND = {"bfe": "SBO 5.1", "praktikum": "SBO 6.1", "praxiskurs": "SBO 6.4"}
SHOWN_STATES = ("confirmed", "attended")
STEP_STATUS_BY_BOOKING = {"confirmed": "planned", "attended": "done"}
# A STAR pupil's BFE day and Praktikum are the STAR elements; a Praktikum in the upper school
# is the Sek II Praxiselement.
STAR_ELEMENTS = {"SBO 5.1": "SBO 5.2", "SBO 6.1": "SBO 6.3"}
SEK_II = ("EF", "Q1", "Q2")


def element_for(booking: dict, profile: plan.Profile | None = None) -> str:
    """The KAoA element a booking fills for this pupil."""
    element = ELEMENT_BY_KIND[booking["kind"]]
    if element == "SBO 6.1" and booking.get("jahrgang") in SEK_II:
        return "SBO 9.1"
    if profile is not None and plan.STAR in profile.effective_groups():
        return STAR_ELEMENTS.get(element, element)
    return element


def _jahrgang_on_the_day(pupil_id):
    """The pupil's Jahrgang in the school year of the slot's first day (correlated)."""
    return (
        select(SchoolClass.jahrgang)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(
            ClassMembership.pupil_id == pupil_id,
            and_(SchoolYear.starts_on <= Slot.starts_on, SchoolYear.ends_on >= Slot.starts_on),
        )
        .limit(1)
        .scalar_subquery()
    )


def pupil_bookings(pupil_id: int) -> list[dict]:
    """The pupil's confirmed and attended bookings that belong to a portfolio step (one query)."""
    return bookings_by_pupil([pupil_id]).get(pupil_id, [])


def bookings_by_pupil(pupils) -> dict[int, list[dict]]:
    """pupil id → confirmed/attended bookings, for a list or sub-select of ids (one query)."""
    rows = db.session.execute(
        select(
            Booking.pupil_id,
            Booking.id,
            Booking.status,
            Booking.berufsfeld,
            Offer.kind,
            Offer.title,
            Provider.name.label("provider_name"),
            Slot.starts_on,
            Slot.ends_on,
            _jahrgang_on_the_day(Booking.pupil_id).label("jahrgang"),
        )
        .join(Slot, Slot.id == Booking.slot_id)
        .join(Offer, Offer.id == Slot.offer_id)
        .join(Provider, Provider.id == Offer.provider_id)
        .where(
            Booking.pupil_id.in_(pupils),
            Booking.status.in_(SHOWN_STATES),
            Offer.kind.in_(tuple(ELEMENT_BY_KIND)),
        )
        .order_by(Slot.starts_on, Booking.id)
    )
    result: dict[int, list[dict]] = {}
    for row in rows:
        result.setdefault(row.pupil_id, []).append(_booking_view(row))
    for placement in _placements(pupils):
        result.setdefault(placement["pupil_id"], []).append(placement)
    for booked in result.values():
        booked.sort(key=lambda b: (b["starts_on"], b["id"]))
    return result


def _placements(pupils) -> list[dict]:
    """Confirmed self-found placements, shown like bookings: "attended" once over or the
    company's certificate is recorded (one query)."""
    today = clock.today()
    rows = db.session.scalars(
        select(Placement)
        .where(Placement.pupil_id.in_(pupils), Placement.status == "confirmed")
        .order_by(Placement.starts_on, Placement.id)
    )
    return [
        {
            "pupil_id": p.pupil_id,
            "id": p.id,
            "placement_id": p.id,
            "kind": "praktikum",
            "status": "attended" if p.ends_on < today or p.certificate_received_on else "confirmed",
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "berufsfeld": p.berufsfeld or "",
            "provider_name": p.company_name,
            "offer_title": p.occupation or p.company_name,
            "jahrgang": p.jahrgang,
            "certificate_url": None,
        }
        for p in rows
    ]


def _booking_view(row) -> dict:
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "berufsfeld": row.berufsfeld,
        "provider_name": row.provider_name,
        "offer_title": row.title,
        "jahrgang": row.jahrgang,
        "certificate_url": (
            f"/api/v1/bookings/{row.id}/certificate.pdf" if row.status == "attended" else None
        ),
    }


def place_bookings(steps, bookings: list[dict], current_jahrgang: str | None, profile=None) -> dict:
    """Step key (jahrgang, element, sequence) → the booking shown on it. `steps` are
    effective steps (app/portfolio/effective.py). Steps are tried in the order: the Jahrgang
    of the booking's day, then the current Jahrgang, then any other; each takes one booking."""
    free = sorted(steps, key=lambda s: (s.jahrgang, s.sequence))
    placed: dict[tuple, dict] = {}
    for booking in bookings:
        element = element_for(booking, profile)
        candidates = [s for s in free if s.sbo_kuerzel == element and s.key not in placed]
        preferred = (booking["jahrgang"], current_jahrgang)
        candidates.sort(key=lambda s: preferred.index(s.jahrgang) if s.jahrgang in preferred else 2)
        if candidates:
            chosen = candidates[0]
            placed[chosen.key] = booking
            booking["step_id"] = chosen.row.id if chosen.row is not None else None
    return placed


def overlay(view: dict, booking: dict | None) -> dict:
    """The step as the pupil sees it with the booking: status raised, empty fields filled."""
    view["booking"] = booking
    if booking is None:
        return view
    booked = STEP_STATUS_BY_BOOKING[booking["status"]]
    view["status"] = max(view["status"], booked, key=ALL_STEP_STATUSES.index)
    view["date"] = view["date"] or booking["starts_on"]
    view["provider"] = view["provider"] or booking["provider_name"]
    view["berufsfeld"] = view["berufsfeld"] or booking["berufsfeld"]
    return view
