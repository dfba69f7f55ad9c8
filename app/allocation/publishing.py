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
from app.allocation.unassigned import counts_by_school, follow_up
from app.auth.models import User
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.notifications.services import notify_each, notify_many


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
    if allocation_round.school_id is None:
        _tell_the_schools(allocation_round)
    annotate(actor, [allocation_round])
    return {"round": allocation_round, "booked": booked, **follow_up(actor, allocation_round)}


def _tell_the_schools(allocation_round: AllocationRound) -> None:
    """A Kommune-wide round: each school's StuBO hears how many of its pupils were left
    without a place (the names are on the round's page, for that school only)."""
    counts = {row["school_id"]: row["unassigned"] for row in counts_by_school(allocation_round)}
    if not counts:
        return
    stubos = db.session.execute(
        select(User.id, User.school_id).where(
            User.role == "stubo", User.active.is_(True), User.school_id.in_(counts)
        )
    )
    notice = {"round_id": allocation_round.id, "round_name": allocation_round.name}
    notify_each(
        "allocation_unassigned_school",
        {stubo: {**notice, "count": counts[school]} for stubo, school in stubos},
    )
