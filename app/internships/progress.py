"""BFE progress: three days in at least three different Berufsfelder (SBO 5.1)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from app.extensions import db
from app.internships.models import Booking, Offer, Slot

REQUIRED_DAYS = 3
REQUIRED_FIELDS = 3


def bfe_progress(pupil_ids) -> dict[int, dict]:
    """Progress per pupil in one query: attended days count as done; requested and confirmed
    ones as planned. `complete` needs 3 attended days in 3 different fields."""
    pupil_ids = list(pupil_ids)
    done = defaultdict(list)
    planned = defaultdict(list)
    if pupil_ids:
        rows = db.session.execute(
            select(Booking.pupil_id, Booking.status, Booking.berufsfeld)
            .join(Slot, Slot.id == Booking.slot_id)
            .join(Offer, Offer.id == Slot.offer_id)
            .where(
                Offer.kind == "bfe",
                Booking.pupil_id.in_(pupil_ids),
                Booking.status.in_(("requested", "confirmed", "attended")),
            )
        )
        for pupil_id, status, field in rows:
            (done if status == "attended" else planned)[pupil_id].append(field)
    return {pupil_id: _summary(done[pupil_id], planned[pupil_id]) for pupil_id in pupil_ids}


def _summary(done: list[str], planned: list[str]) -> dict:
    done_fields = sorted(set(done))
    all_fields = sorted(set(done) | set(planned))
    return {
        "required_days": REQUIRED_DAYS,
        "required_fields": REQUIRED_FIELDS,
        "days_done": len(done),
        "fields_done": done_fields,
        "days_planned": len(planned),
        "fields_planned": all_fields,
        "complete": len(done) >= REQUIRED_DAYS and len(done_fields) >= REQUIRED_FIELDS,
        "on_track": len(done) + len(planned) >= REQUIRED_DAYS
        and len(all_fields) >= REQUIRED_FIELDS,
    }
