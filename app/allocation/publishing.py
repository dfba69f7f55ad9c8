"""Publishing a reviewed draft: confirmed bookings for the placed pupils, notices for the rest.

No solely automated decision (Art. 22 GDPR): the solver only drafts; a coordinator reviews
the figures and publishes, and the round records who did and when. Publishing happens once:
the status moves drafted → published by a conditional UPDATE, so a second (or concurrent)
publish gets 409. Bookings are created set-based (bulk_booking.py: a few statements per
slot, not per pupil). A seat lost in the meantime (someone booked it directly) or a day
clash turns that pupil into an unassigned pupil for follow-up instead of failing the round.
"""

from __future__ import annotations

from sqlalchemy import select, update

from app.allocation.bulk_booking import book_round
from app.allocation.models import AllocationAssignment, AllocationRound
from app.allocation.rounds import annotate
from app.allocation.unassigned import unassigned_rows
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.notifications.services import notify_many


def _claim(actor, allocation_round: AllocationRound) -> None:
    result = db.session.execute(
        update(AllocationRound)
        .where(AllocationRound.id == allocation_round.id, AllocationRound.status == "drafted")
        .values(status="published", published_at=clock.now(), published_by_id=actor.id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(allocation_round)
        if allocation_round.status == "published":
            raise Conflict("round-already-published")
        raise Conflict("round-not-run")
    db.session.refresh(allocation_round)


def publish_round(actor, round_id: int) -> dict:
    allocation_round = db.session.get(AllocationRound, round_id)
    _claim(actor, allocation_round)
    booked = book_round(actor, round_id)
    left_out = db.session.scalars(
        select(AllocationAssignment.pupil_id).where(
            AllocationAssignment.round_id == round_id,
            AllocationAssignment.outcome.in_(("unassigned", "failed")),
        )
    ).all()
    notify_many(
        left_out,
        "allocation_unassigned",
        {
            "round_id": allocation_round.id,
            "round_name": allocation_round.name,
        },
    )
    annotate(actor, [allocation_round])
    return {
        "round": allocation_round,
        "booked": booked,
        "unassigned": unassigned_rows(actor, allocation_round),
    }
