"""Placing a pupil on a slot — the one place where capacity and days are taken.

The place is taken by a conditional UPDATE (`booked < capacity`, rowcount checked), backed
by CHECK (booked <= capacity); the pupil's days go into `booking_days` with
UNIQUE(pupil_id, day); bookings have UNIQUE(pupil_id, slot_id). Everything runs inside a
SAVEPOINT, so a refused attempt leaves no trace and the caller's transaction goes on (the
waiting-list promotion relies on that). On SQLite the surrounding transaction started with
BEGIN IMMEDIATE; on PostgreSQL the UPDATE's row lock serialises competing bookers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.internships.models import ACTIVE_STATES, Booking, BookingDay, Slot
from app.internships.schooldays import school_days


class SlotFull(Conflict):
    """No free place is left on the slot (the pupil may join the waiting list)."""

    def __init__(self):
        super().__init__("slot-full", field="slot_id")


def slot_days(slot: Slot) -> list[date]:
    return school_days(slot.starts_on, slot.ends_on, slot.weekdays)


def clashing_day(pupil_id: int, days: list[date]) -> date | None:
    if not days:
        return None
    return db.session.scalar(
        select(BookingDay.day)
        .where(BookingDay.pupil_id == pupil_id, BookingDay.day.in_(days))
        .limit(1)
    )


def _holds_slot(pupil_id: int, slot_id: int) -> bool:
    """Does the pupil already have a booking (with days held) on this very slot?"""
    return bool(
        db.session.scalar(
            select(
                select(BookingDay.booking_id)
                .join(Booking, Booking.id == BookingDay.booking_id)
                .where(BookingDay.pupil_id == pupil_id, Booking.slot_id == slot_id)
                .exists()
            )
        )
    )


def _take_place(slot_id: int) -> bool:
    result = db.session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked < Slot.capacity)
        .values(booked=Slot.booked + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release(booking: Booking) -> None:
    """Give the place and the days of a booking back (it stops being active)."""
    db.session.execute(
        update(Slot)
        .where(Slot.id == booking.slot_id, Slot.booked > 0)
        .values(booked=Slot.booked - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(BookingDay).where(BookingDay.booking_id == booking.id))
    db.session.expire(booking.slot)


def _store_booking(pupil_id, slot, berufsfeld, status, source, actor) -> Booking:
    now = clock.now()
    values = {
        "berufsfeld": berufsfeld,
        "status": status,
        "source": source,
        "requested_at": now,
        "decided_at": now if status == "confirmed" else None,
        "decided_by_id": getattr(actor, "id", None) if status == "confirmed" else None,
        "cancelled_at": None,
        "cancelled_by_id": None,
        "attendance_at": None,
        "attendance_by_id": None,
    }
    previous = db.session.scalar(
        select(Booking).where(Booking.pupil_id == pupil_id, Booking.slot_id == slot.id)
    )
    if previous is None:
        booking = Booking(pupil_id=pupil_id, slot_id=slot.id, **values)
        db.session.add(booking)
        db.session.flush()
        return booking
    # A cancelled or rejected booking of the same slot is reused (one row per pupil and slot).
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == previous.id, Booking.status.not_in(ACTIVE_STATES))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict("slot-already-booked", field="slot_id")
    db.session.refresh(previous)
    return previous


def place_booking(
    pupil_id: int, slot: Slot, berufsfeld: str, *, status: str, source: str, actor=None
) -> Booking:
    """Take a place and the pupil's days atomically; Conflict (409) when that is impossible."""
    days = slot_days(slot)
    clash = clashing_day(pupil_id, days)
    if clash is not None:
        if _holds_slot(pupil_id, slot.id):  # the same slot again: say so, not "another date"
            raise Conflict("slot-already-booked", field="slot_id")
        raise Conflict("booking-day-taken", field="slot_id", date=clash)
    try:
        with db.session.begin_nested():
            if not _take_place(slot.id):
                raise SlotFull()
            booking = _store_booking(pupil_id, slot, berufsfeld, status, source, actor)
            if days:
                db.session.execute(
                    insert(BookingDay),
                    [{"booking_id": booking.id, "pupil_id": pupil_id, "day": d} for d in days],
                )
    except IntegrityError as error:
        raise Conflict("booking-overlaps", field="slot_id") from error
    db.session.expire(slot)
    return booking
