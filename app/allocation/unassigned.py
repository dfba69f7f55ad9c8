"""The pupils a round left without a place, for the follow-up (issue 9, M4).

Who sees what: the StuBO of a school sees the names and classes of the school's own unplaced
pupils (audited read) — the school follows them up. The Kommune coordinator (and an admin)
sees only how many pupils of each school were left without a place: enough to steer more
places, no pupil data. A Kommune-wide round tells each school's StuBO how many of its pupils
need follow-up, so the names reach the people who act on them (docs/security.md, role model).
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.allocation.models import AllocationAssignment, AllocationRound
from app.auth.models import User
from app.core import audit, i18n
from app.core.audit import Purpose
from app.extensions import db
from app.schools.models import ClassMembership, School, SchoolClass


def unassigned_rows(
    actor, allocation_round: AllocationRound, school_id: int | None = None
) -> list[dict]:
    """Unplaced pupils of the round (only of `school_id` when given: a StuBO's view)."""
    latest_class = (
        select(SchoolClass.name)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .where(ClassMembership.pupil_id == User.id)
        .order_by(ClassMembership.school_year_id.desc())
        .limit(1)
        .correlate(User)
        .scalar_subquery()
    )
    query = (
        select(
            AllocationAssignment.pupil_id,
            AllocationAssignment.outcome,
            AllocationAssignment.reason,
            User.first_name,
            User.last_name,
            User.display_name,
            School.name,
            latest_class,
        )
        .join(User, User.id == AllocationAssignment.pupil_id)
        .outerjoin(School, School.id == User.school_id)
        .where(
            AllocationAssignment.round_id == allocation_round.id,
            AllocationAssignment.outcome.in_(LEFT_OUT),
        )
        .order_by(User.last_name, User.first_name, User.id)
    )
    if school_id is not None:
        query = query.where(User.school_id == school_id)
    rows = db.session.execute(query).all()
    audit.record(
        actor,
        "read",
        "allocation_unassigned",
        [r[0] for r in rows],
        Purpose.INTERNSHIP_PLANNING,
        categories=("name", "class", "school"),
    )
    return [
        {
            "pupil_id": pupil_id,
            "name": f"{first} {last}".strip() or display,
            "school": school or "",
            "class_name": class_name or "",
            "outcome": outcome,
            "reason": (i18n.text("problems", reason) or reason) if reason else "",
            "reason_code": reason or "",
        }
        for pupil_id, outcome, reason, first, last, display, school, class_name in rows
    ]


LEFT_OUT = ("unassigned", "failed")


def counts_by_school(allocation_round: AllocationRound, school_id: int | None = None) -> list[dict]:
    """Unplaced pupils per school: counts only, no pupil ids or names."""
    query = (
        select(School.id, School.name, func.count(AllocationAssignment.id))
        .join(User, User.id == AllocationAssignment.pupil_id)
        .join(School, School.id == User.school_id)
        .where(
            AllocationAssignment.round_id == allocation_round.id,
            AllocationAssignment.outcome.in_(LEFT_OUT),
        )
        .group_by(School.id, School.name)
        .order_by(School.name, School.id)
    )
    if school_id is not None:
        query = query.where(School.id == school_id)
    return [
        {"school_id": sid, "school": name, "unassigned": count}
        for sid, name, count in db.session.execute(query)
    ]


def follow_up(actor, allocation_round: AllocationRound) -> dict:
    """What the caller may see of the round's unplaced pupils (see the module docstring)."""
    if actor.role == "stubo":
        own = actor.school_id
        return {
            "unassigned": unassigned_rows(actor, allocation_round, school_id=own),
            "unassigned_by_school": counts_by_school(allocation_round, school_id=own),
        }
    return {"unassigned_by_school": counts_by_school(allocation_round)}
