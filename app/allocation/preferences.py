"""A pupil's ranked choices for a round (replaced as a whole on each save)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from app.allocation.models import AllocationPreference, AllocationRound
from app.allocation.queries import pupil_in_round, slots_query
from app.core import clock
from app.core.errors import Conflict, Forbidden, Invalid
from app.extensions import db
from app.internships.eligibility import pupil_jahrgang
from app.internships.models import Offer, Slot


def _refuse(code: str, **params):
    raise Invalid(code, field="choices", **params)


def _check_open(allocation_round: AllocationRound) -> None:
    if allocation_round.status != "open" or allocation_round.preference_deadline <= clock.now():
        raise Conflict("preference-deadline-passed", field="choices")


def _check_choices(allocation_round: AllocationRound, pupil_id: int, choices: list[int]) -> None:
    if len(choices) > allocation_round.max_choices:
        _refuse("too-many-choices", max=allocation_round.max_choices)
    if len(set(choices)) != len(choices):
        _refuse("choice-repeated")
    if not choices:
        return
    rows = db.session.execute(
        slots_query(allocation_round, Slot.id, Offer.min_jahrgang).where(Slot.id.in_(choices))
    ).all()
    found = {slot_id: min_jahrgang for slot_id, min_jahrgang in rows}
    unknown = [slot_id for slot_id in choices if slot_id not in found]
    if unknown:
        _refuse("choices-not-in-round", ids=unknown)
    jahrgang = pupil_jahrgang(pupil_id)
    too_young = [s for s, minimum in found.items() if jahrgang is not None and jahrgang < minimum]
    if too_young:
        _refuse("choices-for-older-jahrgang", ids=too_young)


def set_preferences(pupil, round_id: int, choices: list[int]) -> list[AllocationPreference]:
    """Store the pupil's choices in order (first = most wanted); an empty list withdraws."""
    allocation_round = db.session.get(AllocationRound, round_id)
    if not pupil_in_round(allocation_round, pupil.id):
        raise Forbidden("round-not-for-pupil")
    _check_open(allocation_round)
    _check_choices(allocation_round, pupil.id, choices)
    try:
        with db.session.begin_nested():
            db.session.execute(
                delete(AllocationPreference).where(
                    AllocationPreference.round_id == round_id,
                    AllocationPreference.pupil_id == pupil.id,
                )
            )
            if choices:
                db.session.execute(
                    insert(AllocationPreference),
                    [
                        {
                            "round_id": round_id,
                            "pupil_id": pupil.id,
                            "slot_id": slot_id,
                            "rank": rank,
                            "created_at": clock.now(),
                        }
                        for rank, slot_id in enumerate(choices, start=1)
                    ],
                )
    except IntegrityError as error:  # the same pupil saved twice at the same moment
        raise Conflict("choices-changed-concurrently", field="choices") from error
    return my_preferences(round_id, pupil.id)


def my_preferences(round_id: int, pupil_id: int) -> list[AllocationPreference]:
    return list(
        db.session.scalars(
            select(AllocationPreference)
            .where(
                AllocationPreference.round_id == round_id, AllocationPreference.pupil_id == pupil_id
            )
            .order_by(AllocationPreference.rank)
        )
    )
