"""Bookings made directly in the database, for the portfolio tests."""

from __future__ import annotations

from app.core import clock
from app.internships.models import Booking
from tests.internships.helpers import make_offer, make_slot, school_day


def book(db, pupil, provider, *, kind="bfe", field="ITC", status="confirmed", skip=0, days=1):
    """A booking of `pupil` on a fresh slot of a fresh offer, in the given state."""
    offer = make_offer(provider, kind=kind, fields=(field,), title=f"Angebot {kind} {field}")
    start = school_day(skip=skip)
    end = school_day(skip=skip + days - 1)
    slot = make_slot(offer, start, ends_on=end, booked=1)
    booking = Booking(pupil_id=pupil.id, slot_id=slot.id, berufsfeld=field, status=status)
    if status == "attended":  # as the provider's attendance call records it
        booking.attendance_at = clock.now()
    db.session.add(booking)
    db.session.flush()
    return booking
