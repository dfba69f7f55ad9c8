"""One round as its pupils and its coordinators see it, and the slots it covers."""

from __future__ import annotations

from sqlalchemy import func, select

from app.allocation.models import AllocationAssignment, AllocationRound
from app.allocation.preferences import my_preferences
from app.allocation.queries import pupil_in_round, pupils_query, round_slots
from app.allocation.rounds import annotate
from app.allocation.unassigned import follow_up
from app.extensions import db
from app.internships.eligibility import pupil_jahrgang
from app.internships.models import Slot


def slot_summary(slot: Slot) -> dict:
    offer = slot.offer
    return {
        "slot_id": slot.id,
        "offer_id": offer.id,
        "offer_title": offer.title,
        "kind": offer.kind,
        "provider_name": offer.provider.name,
        "berufsfelder": offer.berufsfelder,
        "starts_on": slot.starts_on,
        "ends_on": slot.ends_on,
        "daily_start": slot.daily_start.strftime("%H:%M"),
        "daily_end": slot.daily_end.strftime("%H:%M"),
        "postcode": offer.postcode,
        "city": offer.city,
        "capacity": slot.capacity,
        "free": max(slot.capacity - slot.booked, 0),
        "min_jahrgang": offer.min_jahrgang,
    }


def slots_for(user, round_id: int) -> list[dict]:
    """The round's slots; pupils see only those open to their Jahrgang."""
    allocation_round = db.session.get(AllocationRound, round_id)
    slots = round_slots(allocation_round)
    if user.role == "pupil":
        jahrgang = pupil_jahrgang(user.id)
        slots = [s for s in slots if jahrgang is None or jahrgang >= s.offer.min_jahrgang]
    return [slot_summary(slot) for slot in slots]


def _pupil_view(user, allocation_round: AllocationRound) -> dict:
    preferences = my_preferences(allocation_round.id, user.id)
    slots = {s.id: s for s in round_slots(allocation_round)}
    choices = [
        {"rank": p.rank, **slot_summary(slots[p.slot_id])}
        for p in preferences
        if p.slot_id in slots
    ]
    view = {"eligible": pupil_in_round(allocation_round, user.id), "my_choices": choices}
    if allocation_round.status == "published":
        mine = db.session.scalar(
            select(AllocationAssignment).where(
                AllocationAssignment.round_id == allocation_round.id,
                AllocationAssignment.pupil_id == user.id,
            )
        )
        if mine is not None:
            placed = mine.outcome == "booked" and mine.slot_id in slots
            view["my_result"] = {
                "placed": placed,
                "rank": mine.rank if placed else None,
                "slot": slot_summary(slots[mine.slot_id]) if placed else None,
            }
    return view


def _staff_view(user, allocation_round: AllocationRound) -> dict:
    slots = round_slots(allocation_round)
    eligible = db.session.scalar(
        select(func.count()).select_from(pupils_query(allocation_round).subquery())
    )
    view = {
        "overview": {
            "eligible_pupils": eligible,
            "ranked_pupils": allocation_round.ranked_pupils,
            "slots": len(slots),
            "seats": sum(max(s.capacity - s.booked, 0) for s in slots),
        },
        "result": allocation_round.result,
    }
    if allocation_round.status != "open":
        view.update(follow_up(user, allocation_round))
    return view


def round_detail(user, round_id: int) -> dict:
    allocation_round = db.session.get(AllocationRound, round_id)
    annotate(user, [allocation_round])
    view = (
        _pupil_view(user, allocation_round)
        if user.role == "pupil"
        else _staff_view(user, allocation_round)
    )
    return {"round": allocation_round, **view}
