"""Booking a published round's placements set-based: a few statements, not a few per pupil.

The guarantees are the same as for a single booking (app.internships.capacity):
- capacity: per slot one conditional `UPDATE slots SET booked = booked + n WHERE id = :id
  AND booked + n <= capacity` (rowcount checked), backed by the CHECK constraint;
- one booking per pupil and slot, one slot per pupil and day: the UNIQUE constraints on
  `bookings` and `booking_days` — a violation rolls the bulk SAVEPOINT back and the round
  is booked pupil by pupil instead.
Pupils whose day is taken or who already hold this slot (booked between run and publish)
are failed up front with the same messages a single booking gives. When a slot's
conditional update fails (someone booked it directly meanwhile), only that slot's pupils
are booked one by one, and whoever finds it full is failed for follow-up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.allocation.models import AllocationAssignment
from app.auth.models import User
from app.core import clock
from app.core.errors import DomainError
from app.extensions import db
from app.internships.booking import create_confirmed_booking
from app.internships.capacity import slot_days
from app.internships.models import ACTIVE_STATES, Booking, BookingDay, Offer, Slot, WaitlistEntry
from app.notifications.services import notify_each

# Why a placement could not be booked: codes, worded when read (app/i18n, section problems).
ALREADY_BOOKED = "allocation-already-booked"
DAY_TAKEN = "allocation-day-taken"
# The refusals of a single booking, as reasons of a placement.
BOOKING_FAILURES = {
    "slot-full": "allocation-slot-full",
    "booking-day-taken": DAY_TAKEN,
    "booking-overlaps": DAY_TAKEN,
    "slot-already-booked": ALREADY_BOOKED,
}


@dataclass
class Placement:
    assignment_id: int
    pupil_id: int
    slot_id: int
    berufsfeld: str


def _placements(round_id: int) -> list[Placement]:
    rows = db.session.execute(
        select(
            AllocationAssignment.id,
            AllocationAssignment.pupil_id,
            AllocationAssignment.slot_id,
            AllocationAssignment.berufsfeld,
        )
        .where(
            AllocationAssignment.round_id == round_id,
            AllocationAssignment.outcome == "assigned",
            AllocationAssignment.slot_id.is_not(None),
        )
        .order_by(AllocationAssignment.pupil_id)
    ).all()
    return [Placement(*row) for row in rows]


def _slots(round_id: int) -> dict[int, Slot]:
    placed = select(AllocationAssignment.slot_id).where(AllocationAssignment.round_id == round_id)
    slots = db.session.scalars(
        select(Slot)
        .where(Slot.id.in_(placed))
        .options(selectinload(Slot.offer).selectinload(Offer.provider))
    ).all()
    return {slot.id: slot for slot in slots}


def _round_pupils(round_id: int):
    return select(AllocationAssignment.pupil_id).where(AllocationAssignment.round_id == round_id)


def _blocked(round_id: int, placements, days_of) -> dict[int, str]:
    """Placements that cannot be booked now: a day already taken or the slot already held."""
    pupils = _round_pupils(round_id)
    taken_days = defaultdict(set)
    for pupil_id, day in db.session.execute(
        select(BookingDay.pupil_id, BookingDay.day).where(BookingDay.pupil_id.in_(pupils))
    ):
        taken_days[pupil_id].add(day)
    held = {
        (pupil_id, slot_id): status
        for pupil_id, slot_id, status in db.session.execute(
            select(Booking.pupil_id, Booking.slot_id, Booking.status).where(
                Booking.pupil_id.in_(pupils)
            )
        )
    }
    blocked = {}
    for p in placements:
        clash = sorted(days_of[p.slot_id] & taken_days[p.pupil_id])
        if clash:
            blocked[p.assignment_id] = DAY_TAKEN
        elif held.get((p.pupil_id, p.slot_id)) in ACTIVE_STATES:
            blocked[p.assignment_id] = ALREADY_BOOKED
        elif (p.pupil_id, p.slot_id) in held:
            blocked[p.assignment_id] = None  # an old cancelled row: reused one by one
    return blocked


def _take_seats(counts: dict[int, int]) -> set[int]:
    """Slots whose seats were all taken by the conditional update (the others are unchanged)."""
    granted = set()
    for slot_id, n in sorted(counts.items()):  # fixed order: no lock-order deadlocks
        result = db.session.execute(
            update(Slot)
            .where(Slot.id == slot_id, Slot.booked + n <= Slot.capacity)
            .values(booked=Slot.booked + n)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            granted.add(slot_id)
    return granted


def _insert_bookings(actor, round_id, placements, days_of) -> dict[int, int]:
    """Bookings and their days for `placements`; returns booking id per assignment id."""
    now = clock.now()
    db.session.execute(
        insert(Booking),
        [
            {
                "pupil_id": p.pupil_id,
                "slot_id": p.slot_id,
                "berufsfeld": p.berufsfeld,
                "status": "confirmed",
                "source": "allocation",
                "requested_at": now,
                "decided_at": now,
                "decided_by_id": actor.id,
            }
            for p in placements
        ],
    )
    # Nobody held these (pupil, slot) pairs before (see _blocked), so each match is ours.
    wanted = {(p.pupil_id, p.slot_id): p.assignment_id for p in placements}
    ids = {}
    for booking_id, pupil_id, slot_id in db.session.execute(
        select(Booking.id, Booking.pupil_id, Booking.slot_id).where(
            Booking.pupil_id.in_(_round_pupils(round_id)), Booking.source == "allocation"
        )
    ):
        assignment_id = wanted.get((pupil_id, slot_id))
        if assignment_id is not None:
            ids[assignment_id] = booking_id
    days = [
        {"booking_id": ids[p.assignment_id], "pupil_id": p.pupil_id, "day": day}
        for p in placements
        for day in sorted(days_of[p.slot_id])
    ]
    if days:
        db.session.execute(insert(BookingDay), days)
    return ids


def _bulk(actor, round_id, placements, days_of) -> tuple[dict[int, int], list[Placement]]:
    """(booking id per assignment, placements left for one-by-one booking)."""
    counts = defaultdict(int)
    for p in placements:
        counts[p.slot_id] += 1
    try:
        with db.session.begin_nested():
            granted = _take_seats(counts)
            bulk = [p for p in placements if p.slot_id in granted]
            ids = _insert_bookings(actor, round_id, bulk, days_of) if bulk else {}
    except IntegrityError:
        # A booking or a day taken concurrently: fall back to booking everyone one by one.
        return {}, placements
    return ids, [p for p in placements if p.slot_id not in granted]


def _one_by_one(actor, placements) -> tuple[dict[int, int], dict[int, str]]:
    """The per-pupil path (notifies each booked pupil itself); (booked, failed) by assignment."""
    booked, failed = {}, {}
    for p in placements:
        try:
            booking = create_confirmed_booking(
                p.pupil_id, p.slot_id, source="allocation", actor=actor, berufsfeld=p.berufsfeld
            )
        except DomainError as error:
            failed[p.assignment_id] = BOOKING_FAILURES.get(error.code, "allocation-booking-refused")
        else:
            booked[p.assignment_id] = booking.id
    return booked, failed


def _record_outcomes(round_id: int, booked: dict[int, int], failed: dict[int, str]) -> None:
    if failed:
        db.session.execute(
            update(AllocationAssignment),
            [{"id": i, "outcome": "failed", "reason": reason} for i, reason in failed.items()],
        )
    if booked:
        db.session.execute(
            update(AllocationAssignment),
            [{"id": i, "outcome": "booked", "booking_id": b} for i, b in booked.items()],
        )
    # Waiting-list places for slots now booked are void (as for a single booking).
    db.session.execute(
        delete(WaitlistEntry).where(
            exists().where(
                AllocationAssignment.round_id == round_id,
                AllocationAssignment.outcome == "booked",
                AllocationAssignment.pupil_id == WaitlistEntry.pupil_id,
                AllocationAssignment.slot_id == WaitlistEntry.slot_id,
            )
        )
    )


def _names(round_id: int) -> dict[int, str]:
    rows = db.session.execute(
        select(User.id, User.first_name, User.last_name, User.display_name).where(
            User.id.in_(_round_pupils(round_id))
        )
    )
    return {i: f"{first} {last}".strip() or display for i, first, last, display in rows}


def _payload(slot: Slot, pupil_id: int, booking_id: int, name: str) -> dict:
    """What app.internships.booking tells a pupil about a confirmed booking."""
    offer = slot.offer
    return {
        "booking_id": booking_id,
        "pupil_id": pupil_id,
        "pupil_name": name,
        "offer_id": offer.id,
        "offer_title": offer.title,
        "provider_name": offer.provider.name,
        "address": f"{offer.street}, {offer.postcode} {offer.city}".strip(", "),
        "starts_on": slot.starts_on.isoformat(),
        "daily_start": f"{slot.daily_start:%H:%M}",
        "status": "confirmed",
    }


def _notify_booked(round_id, placements, booking_ids, slots) -> None:
    if not placements:
        return
    names = _names(round_id)
    notify_each(
        "booking_confirmed",
        {
            p.pupil_id: _payload(
                slots[p.slot_id], p.pupil_id, booking_ids[p.assignment_id], names[p.pupil_id]
            )
            for p in placements
        },
    )


def book_round(actor, round_id: int) -> int:
    """Book every placement of the round; returns how many were booked."""
    placements = _placements(round_id)
    slots = _slots(round_id)
    days_of = {slot_id: set(slot_days(slot)) for slot_id, slot in slots.items()}
    blocked = _blocked(round_id, placements, days_of)
    failed = {i: reason for i, reason in blocked.items() if reason is not None}
    free = [p for p in placements if p.assignment_id not in blocked]
    retry = [p for p in placements if blocked.get(p.assignment_id, "") is None]
    bulk_ids, left = _bulk(actor, round_id, free, days_of)
    single_ids, single_failed = _one_by_one(actor, sorted(left + retry, key=_by_pupil))
    failed.update(single_failed)
    _record_outcomes(round_id, {**bulk_ids, **single_ids}, failed)
    _notify_booked(round_id, [p for p in free if p.assignment_id in bulk_ids], bulk_ids, slots)
    for slot in slots.values():
        # `booked` changed behind the ORM's back; expired only now, after the notices read
        # the slots, so they are not reloaded one by one.
        db.session.expire(slot, ["booked"])
    return len(bulk_ids) + len(single_ids)


def _by_pupil(placement: Placement) -> int:
    return placement.pupil_id
