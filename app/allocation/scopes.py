"""Who may see and who may manage a round (see app/core/policy.py).

A school round belongs to its school (StuBO manages, pupils rank) and lies within the
school's Kommune (the Kommune coordinator may see and manage it too); a Kommune round
belongs to the Kommune (its coordinator manages; StuBOs and pupils of its schools see it).
"""

from __future__ import annotations

from sqlalchemy import select

from app.allocation.models import AllocationRound
from app.extensions import db
from app.schools.models import School


def get_round(round_id) -> AllocationRound | None:
    return db.session.get(AllocationRound, round_id) if isinstance(round_id, int) else None


def round_kommune_id(allocation_round: AllocationRound) -> int:
    if allocation_round.kommune_id is not None:
        return allocation_round.kommune_id
    return school_kommune_id(allocation_round.school_id)


def school_kommune_id(school_id: int | None) -> int | None:
    if school_id is None:
        return None
    return db.session.scalar(select(School.kommune_id).where(School.id == school_id))


def round_reaches_school(allocation_round: AllocationRound, school_id: int | None) -> bool:
    """Are the pupils of this school part of the round?"""
    if school_id is None:
        return False
    if allocation_round.school_id is not None:
        return allocation_round.school_id == school_id
    return school_kommune_id(school_id) == allocation_round.kommune_id


def round_visible_to_school_user(user, args) -> bool | None:
    """Pupils and StuBOs: rounds of their school and of their school's Kommune."""
    allocation_round = get_round(args.get("round_id"))
    if allocation_round is None:
        return None
    return round_reaches_school(allocation_round, user.school_id)


def round_managed_by_stubo(user, args) -> bool | None:
    allocation_round = get_round(args.get("round_id"))
    if allocation_round is None:
        return None
    return allocation_round.school_id is not None and allocation_round.school_id == user.school_id


def round_in_own_kommune(user, args) -> bool | None:
    allocation_round = get_round(args.get("round_id"))
    if allocation_round is None:
        return None
    return user.kommune_id is not None and round_kommune_id(allocation_round) == user.kommune_id


def round_exists(_user, args) -> bool | None:
    return None if get_round(args.get("round_id")) is None else True
