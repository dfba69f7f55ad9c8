"""Running a round after its deadline: build the problem, solve, store a draft (no bookings).

The draft can be run again until it is published; with the same preferences, slots and seed
the result is identical. Choices that clash with a pupil's existing bookings (a day already
taken, or every Berufsfeld of the offer already covered) are left out before solving, so
the result honours "one slot per day" and "different Berufsfelder" across rounds too.
"""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
from sqlalchemy import delete, func, insert, select

from app.allocation import solver
from app.allocation.models import AllocationAssignment, AllocationPreference, AllocationRound
from app.allocation.queries import pupils_query, round_slots
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.internships.capacity import slot_days
from app.internships.models import ACTIVE_STATES, Booking, BookingDay, Slot

# Reasons are stored as codes and worded when read (app/i18n, section problems).
NO_SEAT = "allocation-no-seat"
CLASH = "allocation-all-clash"


def _check_runnable(allocation_round: AllocationRound) -> None:
    if allocation_round.status == "published":
        raise Conflict("round-already-published")
    if allocation_round.preference_deadline > clock.now():
        raise Conflict("round-deadline-not-passed")


def _commitments(round_id: int) -> tuple[dict, dict]:
    """Days and Berufsfelder the round's pupils already hold through other bookings."""
    ranked = select(AllocationPreference.pupil_id).where(AllocationPreference.round_id == round_id)
    days, fields = defaultdict(set), defaultdict(set)
    for pupil_id, day in db.session.execute(
        select(BookingDay.pupil_id, BookingDay.day).where(BookingDay.pupil_id.in_(ranked))
    ):
        days[pupil_id].add(day)
    for pupil_id, field in db.session.execute(
        select(Booking.pupil_id, Booking.berufsfeld).where(
            Booking.pupil_id.in_(ranked), Booking.status.in_(ACTIVE_STATES)
        )
    ):
        fields[pupil_id].add(field)
    return days, fields


def _open_field(slot: Slot, taken: set[str]) -> str | None:
    return next((f for f in slot.offer.berufsfelder if f not in taken), None)


def build_problem(allocation_round: AllocationRound, slots: list[Slot]):
    """(Problem, pupil ids, slots, chosen Berufsfeld per edge, first choices per pupil)."""
    index = {slot.id: i for i, slot in enumerate(slots)}
    slot_day_sets = [set(slot_days(slot)) for slot in slots]
    prefs = db.session.execute(
        select(
            AllocationPreference.pupil_id, AllocationPreference.slot_id, AllocationPreference.rank
        )
        .where(AllocationPreference.round_id == allocation_round.id)
        .order_by(AllocationPreference.pupil_id, AllocationPreference.rank)
    ).all()
    days, fields = _commitments(allocation_round.id)
    pupil_ids = sorted({p for p, _, _ in prefs})
    pupil_index = {p: i for i, p in enumerate(pupil_ids)}
    edges, edge_fields, first_choice = [], [], {}
    for pupil_id, slot_id, rank in prefs:
        if slot_id not in index:
            continue  # the offer was withdrawn since the pupil ranked it
        slot_i = index[slot_id]
        first_choice.setdefault(pupil_id, slot_i)
        field = _open_field(slots[slot_i], fields[pupil_id])
        if field is None or slot_day_sets[slot_i] & days[pupil_id]:
            continue
        edges.append((pupil_index[pupil_id], slot_i, rank))
        edge_fields.append(field)
    arr = np.array(edges, dtype=np.int64).reshape(-1, 3)
    problem = solver.Problem(
        n_pupils=len(pupil_ids),
        capacities=np.array([max(s.capacity - s.booked, 0) for s in slots], dtype=np.int64),
        edge_pupil=arr[:, 0],
        edge_slot=arr[:, 1],
        edge_rank=arr[:, 2],
        max_choices=allocation_round.max_choices,
    )
    return problem, pupil_ids, edge_fields, first_choice


def field_demand(slots: list[Slot], capacities, first_choice: dict) -> list[dict]:
    """Pupils whose first choice lies in a Berufsfeld vs. free seats offered in it."""
    demand, seats = defaultdict(int), defaultdict(int)
    for slot, free in zip(slots, capacities, strict=True):
        for field in slot.offer.berufsfelder:
            seats[field] += int(free)
    for slot_i in first_choice.values():
        for field in slots[slot_i].offer.berufsfelder:
            demand[field] += 1
    rows = [
        {
            "berufsfeld": f,
            "demand": demand[f],
            "seats": seats[f],
            "over_demanded": demand[f] > seats[f],
        }
        for f in sorted(set(demand) | set(seats))
    ]
    return sorted(rows, key=lambda r: (-(r["demand"] - r["seats"]), r["berufsfeld"]))


def _store(allocation_round, pupil_ids, slots, problem, edge_fields, allocation) -> None:
    field_of = {
        (int(p), int(s)): edge_fields[e]
        for e, (p, s) in enumerate(zip(problem.edge_pupil, problem.edge_slot, strict=True))
    }
    has_edges = set(int(p) for p in problem.edge_pupil)
    rows = []
    for i, pupil_id in enumerate(pupil_ids):
        slot_i = int(allocation.slot[i])
        placed = slot_i >= 0
        rows.append(
            {
                "round_id": allocation_round.id,
                "pupil_id": pupil_id,
                "slot_id": slots[slot_i].id if placed else None,
                "rank": int(allocation.rank[i]) if placed else None,
                "berufsfeld": field_of[(i, slot_i)] if placed else None,
                "outcome": "assigned" if placed else "unassigned",
                "reason": None if placed else (NO_SEAT if i in has_edges else CLASH),
            }
        )
    db.session.execute(
        delete(AllocationAssignment).where(AllocationAssignment.round_id == allocation_round.id)
    )
    if rows:
        db.session.execute(insert(AllocationAssignment), rows)


def run_round(actor, round_id: int) -> AllocationRound:
    allocation_round = db.session.get(AllocationRound, round_id)
    _check_runnable(allocation_round)
    slots = round_slots(allocation_round)
    problem, pupil_ids, edge_fields, first_choice = build_problem(allocation_round, slots)
    started = time.perf_counter()
    optimal = solver.solve(problem, allocation_round.seed)
    seconds = time.perf_counter() - started
    fcfs = solver.first_come_first_served(problem, allocation_round.seed)
    _store(allocation_round, pupil_ids, slots, problem, edge_fields, optimal)
    eligible = db.session.scalar(
        select(func.count()).select_from(pupils_query(allocation_round).subquery())
    )
    allocation_round.result = {
        "seed": allocation_round.seed,
        "method": "min-cost matching (scipy.sparse.csgraph.min_weight_full_bipartite_matching)",
        "solver_seconds": round(seconds, 3),
        "eligible_pupils": eligible,
        "slots": len(slots),
        "seats": int(problem.capacities.sum()),
        "optimal": solver.summary(optimal, allocation_round.max_choices),
        "fcfs": solver.summary(fcfs, allocation_round.max_choices),
        "fields": field_demand(slots, problem.capacities, first_choice),
    }
    allocation_round.status = "drafted"
    allocation_round.run_at, allocation_round.run_by_id = clock.now(), actor.id
    db.session.flush()
    return allocation_round
