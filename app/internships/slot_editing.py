"""Providers change and remove their slots — never behind the back of booked pupils.

- Capacity may change at any time but never drop below the places held (requested,
  confirmed, attended): a conditional UPDATE `booked <= capacity` decides, so a booking racing
  the change either fits or the change gets a 409. More places promote the waiting list.
- Dates and daily hours may change only while nobody holds a place (`booked = 0`, again as a
  conditional UPDATE): pupils, teachers and parents planned around the booked day. With
  bookings the provider asks the school to cancel them first (409). The same rules as for a
  new slot apply (school days, no holidays, BFE one day of about 6 h, Praktikum 2–3 weeks).
- A slot is deleted only without active bookings (409 otherwise) — we chose refusal over
  cancelling pupils' bookings: a cancellation is the school's decision (the teacher cancels,
  the pupils are told by the booking flow). Cancelled and rejected bookings, waiting-list
  entries and ranked choices of the slot go with it (ON DELETE CASCADE).
"""

from __future__ import annotations

from sqlalchemy import delete, exists, update

from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.internships import waitlist
from app.internships.models import ACTIVE_STATES, Booking, Slot
from app.internships.slot_rules import validate_slot

SCHEDULE_FIELDS = ("starts_on", "ends_on", "daily_start", "daily_end", "break_minutes", "weekdays")


def _schedule_change(slot: Slot, data: dict) -> dict:
    """The schedule fields that really change (a PATCH may repeat the current values)."""
    return {k: data[k] for k in SCHEDULE_FIELDS if k in data and data[k] != getattr(slot, k)}


def _reschedule(slot: Slot, changes: dict) -> None:
    merged = {k: getattr(slot, k) for k in SCHEDULE_FIELDS} | changes
    if "starts_on" in changes and "ends_on" not in changes and slot.offer.kind == "bfe":
        merged["ends_on"] = merged["starts_on"]  # a BFE day moves as a whole
    validate_slot(slot.offer.kind, merged, today=clock.today())
    moved = db.session.execute(
        update(Slot)
        .where(Slot.id == slot.id, Slot.booked == 0)
        .values(**{k: merged[k] for k in SCHEDULE_FIELDS})
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        raise Conflict("slot-has-bookings-dates-fixed")


def _resize(slot: Slot, capacity: int) -> None:
    resized = db.session.execute(
        update(Slot)
        .where(Slot.id == slot.id, Slot.booked <= capacity)
        .values(capacity=capacity)
        .execution_options(synchronize_session=False)
    )
    if resized.rowcount != 1:
        raise Conflict("capacity-below-bookings", field="capacity")


def update_slot(user, slot_id: int, data: dict) -> Slot:
    """Change dates, daily hours and/or capacity of a slot (rules above)."""
    slot = db.session.get(Slot, slot_id)
    changes = _schedule_change(slot, data)
    if changes:
        _reschedule(slot, changes)
    grew = "capacity" in data and data["capacity"] > slot.capacity
    if "capacity" in data:
        _resize(slot, data["capacity"])
    db.session.expire(slot)
    if grew:
        waitlist.promote(slot_id)
        db.session.expire(slot)
    return slot


def delete_slot(user, slot_id: int) -> None:
    """Remove a slot nobody holds a place on (one conditional DELETE; 409 otherwise)."""
    active = exists().where(Booking.slot_id == Slot.id, Booking.status.in_(ACTIVE_STATES))
    removed = db.session.execute(
        delete(Slot)
        .where(Slot.id == slot_id, Slot.booked == 0, ~active)
        .execution_options(synchronize_session=False)
    )
    if removed.rowcount != 1:
        raise Conflict("slot-has-bookings-not-deletable")
    slot = db.session.get(Slot, slot_id)
    if slot is not None:
        db.session.expunge(slot)
