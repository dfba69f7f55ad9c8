"""The reminder the day before a confirmed booking starts (run daily: `flask notifications remind`).

Idempotent: each reminder carries the dedupe key "booking_reminder:<booking>:<day>", unique
in the database, so running the job twice (or two jobs at once) never reminds twice for the
same booking and day.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from app.core import clock
from app.extensions import db
from app.internships.models import Booking, Offer, Slot
from app.notifications.models import Notification
from app.notifications.services import notify


def reminder_key(booking_id: int, day: date) -> str:
    return f"booking_reminder:{booking_id}:{day.isoformat()}"


def _data(booking: Booking) -> dict:
    slot, offer = booking.slot, booking.slot.offer
    address = ", ".join(
        part for part in (offer.street, f"{offer.postcode} {offer.city}".strip()) if part
    )
    return {
        "booking_id": booking.id,
        "pupil_id": booking.pupil_id,
        "offer_id": offer.id,
        "offer_title": offer.title,
        "provider_name": offer.provider.name,
        "address": address,
        "starts_on": slot.starts_on.isoformat(),
        "daily_start": slot.daily_start.strftime("%H:%M"),
    }


def remind(today: date | None = None) -> int:
    """Notify pupils whose confirmed booking starts tomorrow; returns how many were new."""
    tomorrow = (today or clock.today()) + timedelta(days=1)
    bookings = db.session.scalars(
        select(Booking)
        .join(Booking.slot)
        .join(Slot.offer)
        .options(
            contains_eager(Booking.slot).contains_eager(Slot.offer).selectinload(Offer.provider)
        )
        .where(Booking.status == "confirmed", Slot.starts_on == tomorrow)
        .order_by(Booking.id)
    ).all()
    keys = {b.id: reminder_key(b.id, tomorrow) for b in bookings}
    done = (
        set(
            db.session.scalars(
                select(Notification.dedupe_key).where(Notification.dedupe_key.in_(keys.values()))
            )
        )
        if keys
        else set()
    )
    sent = 0
    for booking in bookings:
        if keys[booking.id] in done:
            continue
        try:
            with db.session.begin_nested():
                notify(
                    booking.pupil_id,
                    "booking_reminder",
                    _data(booking),
                    dedupe_key=keys[booking.id],
                )
        except IntegrityError:  # another run reminded in the meantime
            continue
        sent += 1
    return sent
