"""Demo offers and slots of the four demo providers, plus a few bookings of Jahrgang 8.

Idempotent: offers are found by (provider, title); each offer keeps FUTURE_SLOTS upcoming
slots (new ones are added on later school days only when fewer remain, so running the seed
twice changes nothing). The pupils of 10a (schueler1 … schueler30) get no bookings, so the
browser tests and demos start from scratch; a few 8a pupils have requested days, so the
coordinator's supply/demand view has something to show.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core import clock
from app.extensions import db
from app.internships.capacity import place_booking
from app.internships.models import Booking, Offer, OfferBerufsfeld, Slot
from app.internships.schooldays import why_not_a_school_day

if TYPE_CHECKING:
    from seeds.demo import DemoRegion

FUTURE_SLOTS = 4
# provider index → offers: (kind, title, fields, description, capacity)
OFFERS = {
    0: [
        (
            "bfe",
            "Strom verstehen: ein Tag in der Elektrowerkstatt",
            ("EL", "TEC"),
            "Du verdrahtest eine Schaltung, misst Spannungen und begleitest ein Team "
            "auf die Baustelle.",
            4,
        ),
        (
            "praktikum",
            "Betriebspraktikum Elektroniker:in",
            ("EL",),
            "Zwei Wochen im Team: Installation, Wartung, Kundendienst.",
            2,
        ),
    ],
    1: [
        (
            "bfe",
            "Backstube am Morgen",
            ("PRFE", "D"),
            "Teig kneten, Brötchen formen, im Verkauf mithelfen.",
            3,
        )
    ],
    2: [
        (
            "bfe",
            "Pflege erleben",
            ("G", "SP"),
            "Du begleitest Pflegekräfte bei Hausbesuchen und lernst, worauf es ankommt.",
            3,
        )
    ],
    3: [
        (
            "bfe",
            "IT-Systemhaus: Netzwerke und Support",
            ("ITC", "ME"),
            "Du richtest einen Rechner ein, hilfst im Support und programmierst "
            "ein kleines Skript.",
            5,
        )
    ],
}


def _school_days_from(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if why_not_a_school_day(day) is None:
            days.append(day)
        day += timedelta(days=1)
    return days


def _offer(provider, kind, title, fields, description) -> Offer:
    offer = db.session.scalar(
        select(Offer).where(Offer.provider_id == provider.id, Offer.title == title)
    )
    if offer is None:
        offer = Offer(
            provider_id=provider.id,
            kind=kind,
            title=title,
            description=description,
            street=provider.street,
            postcode=provider.postcode,
            city=provider.city or "Dortmund",
            accessibility_notes="Ebenerdiger Zugang.",
            min_jahrgang=8,
            status="published",
        )
        offer.fields = [OfferBerufsfeld(berufsfeld=f, position=i) for i, f in enumerate(fields)]
        db.session.add(offer)
        db.session.flush()
    return offer


def _ensure_slots(offer: Offer, capacity: int, today: date, offset: int) -> int:
    upcoming = [s for s in offer.slots if s.starts_on > today]
    missing = FUTURE_SLOTS - len(upcoming)
    if missing <= 0:
        return 0
    last = max((s.starts_on for s in offer.slots), default=today)
    start = max(last, today + timedelta(days=7 + offset)) + timedelta(days=1)
    created = 0
    if offer.kind == "praktikum":
        while start.weekday() != 0 or why_not_a_school_day(start):
            start += timedelta(days=1)
        for _ in range(missing):
            db.session.add(
                Slot(
                    offer_id=offer.id,
                    starts_on=start,
                    ends_on=start + timedelta(days=11),
                    daily_start=time(8),
                    daily_end=time(15),
                    capacity=capacity,
                )
            )
            start += timedelta(days=28)
            created += 1
    else:
        for day in _school_days_from(start, missing):
            db.session.add(
                Slot(
                    offer_id=offer.id,
                    starts_on=day,
                    ends_on=day,
                    daily_start=time(8),
                    daily_end=time(14),
                    capacity=capacity,
                )
            )
            created += 1
    db.session.flush()
    db.session.expire(offer, ["slots"])
    return created


def _demo_bookings(region: DemoRegion, offers: list[Offer], today: date) -> int:
    """Pupils 1–5 of 8a request the first upcoming day of the first BFE offers."""
    pupils = region.pupils_by_class.get("8a", [])[:5]
    bfe = [o for o in offers if o.kind == "bfe"]
    made = 0
    for index, pupil in enumerate(pupils):
        offer = bfe[index % len(bfe)]
        slot = next((s for s in offer.slots if s.starts_on > today and s.free > 0), None)
        if slot is None:
            continue
        exists = db.session.scalar(
            select(Booking.id).where(Booking.pupil_id == pupil.id, Booking.slot_id == slot.id)
        )
        already_booked = db.session.scalar(select(Booking.id).where(Booking.pupil_id == pupil.id))
        if exists or already_booked:
            continue
        place_booking(pupil.id, slot, offer.berufsfelder[0], status="requested", source="pupil")
        made += 1
    return made


def add_demo_offers(region: DemoRegion) -> dict:
    today = clock.today()
    offers, slots = [], 0
    for index, specs in OFFERS.items():
        if index >= len(region.providers):
            continue
        provider = region.providers[index]
        for kind, title, fields, description, capacity in specs:
            offer = _offer(provider, kind, title, fields, description)
            slots += _ensure_slots(offer, capacity, today, index)
            offers.append(offer)
    bookings = _demo_bookings(region, offers, today)
    db.session.flush()
    return {"offers": len(offers), "slots_added": slots, "demo_bookings": bookings}
