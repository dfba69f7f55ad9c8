"""Publishing a reviewed draft: confirmed bookings for the placed pupils, notices for the rest.

No solely automated decision (Art. 22 GDPR): the solver only drafts; a coordinator reviews
the figures and publishes, and the round records who did and when. Publishing happens once:
the status moves drafted → published by a conditional UPDATE, so a second (or concurrent)
publish gets 409. A seat lost in the meantime (someone booked it directly) or a day clash
turns that pupil into an unassigned pupil for follow-up instead of failing the round.
"""

from __future__ import annotations

from sqlalchemy import select, update

from app.allocation.models import AllocationAssignment, AllocationRound
from app.allocation.rounds import annotate
from app.allocation.unassigned import unassigned_rows
from app.core.db import utcnow
from app.core.errors import Conflict, DomainError
from app.extensions import db
from app.internships.booking import create_confirmed_booking
from app.notifications.services import notify_many


def _claim(actor, allocation_round: AllocationRound) -> None:
    result = db.session.execute(
        update(AllocationRound)
        .where(AllocationRound.id == allocation_round.id, AllocationRound.status == "drafted")
        .values(status="published", published_at=utcnow(), published_by_id=actor.id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(allocation_round)
        if allocation_round.status == "published":
            raise Conflict("Diese Runde ist schon veröffentlicht.")
        raise Conflict("Bitte zuerst die Zuteilung berechnen und prüfen.")
    db.session.refresh(allocation_round)


def _book(actor, assignment: AllocationAssignment) -> None:
    try:
        booking = create_confirmed_booking(
            assignment.pupil_id,
            assignment.slot_id,
            source="allocation",
            actor=actor,
            berufsfeld=assignment.berufsfeld,
        )
    except DomainError as error:
        assignment.outcome, assignment.reason = "failed", error.detail[:300]
        return
    assignment.outcome, assignment.booking_id = "booked", booking.id


def publish_round(actor, round_id: int) -> dict:
    allocation_round = db.session.get(AllocationRound, round_id)
    _claim(actor, allocation_round)
    assignments = db.session.scalars(
        select(AllocationAssignment)
        .where(AllocationAssignment.round_id == round_id)
        .order_by(AllocationAssignment.pupil_id)
    ).all()
    for assignment in assignments:
        if assignment.slot_id is not None:
            _book(actor, assignment)
    db.session.flush()
    left_out = [a.pupil_id for a in assignments if a.outcome in ("unassigned", "failed")]
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
        "booked": sum(1 for a in assignments if a.outcome == "booked"),
        "unassigned": unassigned_rows(actor, allocation_round),
    }
