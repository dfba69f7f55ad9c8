"""Waiting list per slot, promoted in order of joining when a place frees up."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from app.core.errors import Conflict
from app.extensions import db
from app.internships.capacity import SlotFull, clashing_day, place_booking, slot_days
from app.internships.models import ACTIVE_STATES, Booking, WaitlistEntry


def remove(pupil_id: int, slot_id: int) -> bool:
    result = db.session.execute(
        delete(WaitlistEntry).where(
            WaitlistEntry.pupil_id == pupil_id, WaitlistEntry.slot_id == slot_id
        )
    )
    return result.rowcount > 0


def position(entry: WaitlistEntry) -> int:
    return 1 + db.session.scalar(
        select(func.count(WaitlistEntry.id)).where(
            WaitlistEntry.slot_id == entry.slot_id,
            (WaitlistEntry.created_at < entry.created_at)
            | ((WaitlistEntry.created_at == entry.created_at) & (WaitlistEntry.id < entry.id)),
        )
    )


def join(pupil, slot, berufsfeld: str) -> WaitlistEntry:
    """Queue a pupil for a full slot (a slot with free places should be booked directly)."""
    db.session.refresh(slot)  # the counter may have changed since the slot was loaded
    if slot.free > 0:
        raise Conflict("slot-has-places")
    active = db.session.scalar(
        select(Booking.id).where(
            Booking.pupil_id == pupil.id,
            Booking.slot_id == slot.id,
            Booking.status.in_(ACTIVE_STATES),
        )
    )
    if active:
        raise Conflict("slot-already-booked", field="slot_id")
    if clashing_day(pupil.id, slot_days(slot)):
        raise Conflict("waitlist-day-taken")
    entry = WaitlistEntry(slot_id=slot.id, pupil_id=pupil.id, berufsfeld=berufsfeld)
    try:
        with db.session.begin_nested():
            db.session.add(entry)
            db.session.flush()
    except IntegrityError as error:
        raise Conflict("already-on-waitlist") from error
    return entry


def join_slot(pupil, slot_id: int, berufsfeld: str | None, today) -> WaitlistEntry:
    from app.internships.eligibility import bookable_slot, choose_field

    slot = bookable_slot(pupil, slot_id, today)
    return join(pupil, slot, choose_field(slot.offer, berufsfeld))


def promote(slot_id: int) -> list[Booking]:
    """Fill free places from the waiting list; entries that can no longer be placed (e.g. the
    pupil booked something else that day) are dropped."""
    from app.internships.booking import tell  # late import: booking imports this module
    from app.internships.models import Slot

    slot = db.session.get(Slot, slot_id)
    promoted = []
    entries = db.session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.slot_id == slot_id)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    for entry in entries:
        try:
            booking = place_booking(
                entry.pupil_id, slot, entry.berufsfeld, status="requested", source="waitlist"
            )
        except SlotFull:
            break
        except Conflict:
            db.session.delete(entry)
            continue
        db.session.delete(entry)
        tell(booking, "booking_promoted", teachers=True)
        promoted.append(booking)
    db.session.flush()
    return promoted
