"""Booking life cycle: request → confirm | reject → attended | no_show; cancel; allocation.

Decision (documented in docs): the place is taken when the pupil *requests* it. The request
is binding only once the class teacher confirms; a rejection or cancellation frees the
place at once and promotes the waiting list. Counting at request time (not at confirmation,
as some portals do) means a pupil never sees "booked" and later learns the place is gone,
and 50 pupils racing for the last place get exactly one success.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from app.auth.models import User
from app.core import clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.internships import waitlist
from app.internships.capacity import place_booking, release
from app.internships.eligibility import bookable_slot, choose_field
from app.internships.models import BOOKING_SOURCES, Booking, Slot
from app.internships.notify_hook import notify, requests_handled
from app.schools.models import ClassMembership
from app.schools.teaching import current_class_teacher_ids

CANCEL_DEADLINE_DAYS = 2  # pupils cancel themselves until two days before the start


def cancel_deadline(slot: Slot):
    return slot.starts_on - timedelta(days=CANCEL_DEADLINE_DAYS)


def _payload(booking: Booking) -> dict:
    slot = booking.slot
    offer = slot.offer
    pupil = db.session.get(User, booking.pupil_id)
    return {
        "booking_id": booking.id,
        "pupil_id": booking.pupil_id,
        "pupil_name": pupil.full_name if pupil else "",
        "offer_id": slot.offer_id,
        "offer_title": offer.title,
        "provider_name": offer.provider.name,
        "address": f"{offer.street}, {offer.postcode} {offer.city}".strip(", "),
        "starts_on": slot.starts_on.isoformat(),
        "daily_start": f"{slot.daily_start:%H:%M}",
        "status": booking.status,
    }


def tell(booking: Booking, kind: str, *, teachers: bool = False) -> None:
    data = _payload(booking)
    notify(booking.pupil_id, kind, data)
    if teachers:
        for teacher_id in current_class_teacher_ids(booking.pupil_id):
            notify(teacher_id, kind, data)


def request_booking(pupil, slot_id: int, berufsfeld: str | None = None) -> Booking:
    """A pupil asks for a place; it is held for them until the teacher decides."""
    slot = bookable_slot(pupil, slot_id, clock.today())
    booking = place_booking(
        pupil.id, slot, choose_field(slot.offer, berufsfeld), status="requested", source="pupil"
    )
    waitlist.remove(pupil.id, slot.id)
    tell(booking, "booking_requested", teachers=True)
    return booking


def create_confirmed_booking(
    pupil_id: int, slot_id: int, *, source: str, actor, berufsfeld: str | None = None
) -> Booking:
    """Book a pupil onto a slot as already confirmed (used by allocation rounds).

    Capacity, the one-booking-per-day rule and one booking per pupil and slot are enforced
    exactly as for a pupil's request (conditional UPDATE in a SAVEPOINT, DB constraints).
    `source` is one of BOOKING_SOURCES ("allocation", "teacher" …); `actor` is the user who
    causes it (recorded as the decider). The pupil is notified ("booking_confirmed").
    Raises Conflict (SlotFull when no place is left, or a day clash / duplicate booking);
    Invalid when the slot does not exist. Does not check the offer's visibility or dates:
    the caller (e.g. the round) decides which slots are eligible. Flushes, never commits.
    """
    if source not in BOOKING_SOURCES:
        raise ValueError(f"unknown booking source {source!r}")
    slot = db.session.get(Slot, slot_id)
    if slot is None:
        raise Invalid("slot-unknown", field="slot_id")
    booking = place_booking(
        pupil_id,
        slot,
        choose_field(slot.offer, berufsfeld),
        status="confirmed",
        source=source,
        actor=actor,
    )
    waitlist.remove(pupil_id, slot.id)
    tell(booking, "booking_confirmed")
    return booking


def _transition(booking: Booking, from_states: tuple[str, ...], code: str, **values) -> None:
    """Move a booking only if it is still in one of `from_states` (safe against races)."""
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status.in_(from_states))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(code)
    db.session.refresh(booking)


def confirm(actor, booking_id: int) -> Booking:
    booking = db.session.get(Booking, booking_id)
    _transition(
        booking,
        ("requested",),
        "booking-not-requested",
        status="confirmed",
        decided_at=clock.now(),
        decided_by_id=actor.id,
    )
    tell(booking, "booking_confirmed")
    requests_handled([booking.id])
    return booking


def reject(actor, booking_id: int) -> Booking:
    booking = db.session.get(Booking, booking_id)
    _transition(
        booking,
        ("requested",),
        "booking-not-requested",
        status="rejected",
        decided_at=clock.now(),
        decided_by_id=actor.id,
    )
    release(booking)
    tell(booking, "booking_rejected")
    requests_handled([booking.id])
    waitlist.promote(booking.slot_id)
    return booking


def cancel(actor, booking_id: int) -> Booking:
    """Pupils cancel until the deadline; afterwards (and always) the teacher or StuBO can."""
    booking = db.session.get(Booking, booking_id)
    if actor.role == "pupil" and clock.today() > cancel_deadline(booking.slot):
        raise Conflict("cancellation-deadline-passed", date=cancel_deadline(booking.slot))
    _transition(
        booking,
        ("requested", "confirmed"),
        "booking-not-cancellable",
        status="cancelled",
        cancelled_at=clock.now(),
        cancelled_by_id=actor.id,
    )
    release(booking)
    tell(booking, "booking_cancelled", teachers=actor.role == "pupil")
    requests_handled([booking.id])
    waitlist.promote(booking.slot_id)
    return booking


def mark_attendance(actor, booking_id: int, attended: bool) -> Booking:
    booking = db.session.get(Booking, booking_id)
    if booking.slot.starts_on > clock.today():
        raise Conflict("attendance-before-start")
    _transition(
        booking,
        ("confirmed", "attended", "no_show"),
        "attendance-needs-confirmed-booking",
        status="attended" if attended else "no_show",
        attendance_at=clock.now(),
        attendance_by_id=actor.id,
    )
    tell(booking, "attendance_marked", teachers=True)
    return booking


def confirm_for_class(actor, class_id: int, booking_ids: list[int] | None) -> list[Booking]:
    """Confirm the requested bookings of a class's pupils (all of them, or the ids given)."""
    query = (
        select(Booking)
        .join(ClassMembership, ClassMembership.pupil_id == Booking.pupil_id)
        .where(ClassMembership.class_id == class_id, Booking.status == "requested")
    )
    if booking_ids is not None:
        query = query.where(Booking.id.in_(booking_ids))
    bookings = list(db.session.scalars(query.order_by(Booking.id)))
    if booking_ids is not None and len(bookings) != len(set(booking_ids)):
        raise Invalid("bookings-not-open-in-class", field="booking_ids")
    now = clock.now()
    for booking in bookings:
        _transition(
            booking,
            ("requested",),
            "booking-changed-meanwhile",
            status="confirmed",
            decided_at=now,
            decided_by_id=actor.id,
        )
        tell(booking, "booking_confirmed")
    requests_handled([booking.id for booking in bookings])
    return bookings
