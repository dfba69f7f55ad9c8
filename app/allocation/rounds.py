"""Opening rounds, listing them within the caller's scope, and one round in detail."""

from __future__ import annotations

import secrets

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.allocation.models import AllocationPreference, AllocationRound
from app.allocation.queries import pupils_query
from app.core import clock
from app.core.errors import Forbidden, Invalid
from app.core.pagination import paginate
from app.extensions import db
from app.notifications.services import notify_many
from app.schools.models import Kommune, School

MAX_PERIOD_DAYS = 366


def _scope_of_new_round(actor, school_id: int | None, kommune_id: int | None) -> None:
    """Body-dependent scope: StuBOs open rounds for their school, coordinators in their Kommune."""
    if (school_id is None) == (kommune_id is None):
        raise Invalid("round-school-or-kommune", field="school_id")
    if school_id is not None and db.session.get(School, school_id) is None:
        raise Invalid("school-unknown", field="school_id")
    if kommune_id is not None and db.session.get(Kommune, kommune_id) is None:
        raise Invalid("kommune-unknown", field="kommune_id")
    if actor.role == "admin":
        return
    if actor.role == "stubo" and school_id is not None and school_id == actor.school_id:
        return
    if actor.role == "kommune_coordinator" and actor.kommune_id is not None:
        target = kommune_id
        if target is None:
            target = db.session.get(School, school_id).kommune_id
        if target == actor.kommune_id:
            return
    raise Forbidden("round-outside-own-area")


def _check_dates(data: dict) -> None:
    start, end, deadline = data["period_start"], data["period_end"], data["preference_deadline"]
    if end < start:
        raise Invalid("period-ends-before-start", field="period_end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise Invalid("period-too-long", field="period_end")
    if deadline.tzinfo is None:
        raise Invalid("deadline-without-timezone", field="preference_deadline")
    if deadline <= clock.now():
        raise Invalid("deadline-not-in-future", field="preference_deadline")
    if deadline.astimezone(clock.SCHOOL_TZ).date() >= start:
        raise Invalid("deadline-after-period-start", field="preference_deadline")


def create_round(actor, data: dict) -> AllocationRound:
    """Open a round; its pupils are told to rank their choices."""
    _scope_of_new_round(actor, data.get("school_id"), data.get("kommune_id"))
    _check_dates(data)
    seed = data.get("seed")
    if seed is None:
        seed = secrets.randbelow(2**31)
    allocation_round = AllocationRound(
        name=data["name"].strip(),
        school_id=data.get("school_id"),
        kommune_id=data.get("kommune_id"),
        period_start=data["period_start"],
        period_end=data["period_end"],
        preference_deadline=data["preference_deadline"],
        max_choices=data["max_choices"],
        seed=seed,
        jahrgang=data.get("jahrgang"),
        leaving_only=data.get("leaving_only", False),
        created_by_id=actor.id,
    )
    db.session.add(allocation_round)
    db.session.flush()
    pupil_ids = db.session.scalars(pupils_query(allocation_round)).all()
    notify_many(
        pupil_ids,
        "allocation_round_opened",
        {
            "round_id": allocation_round.id,
            "round_name": allocation_round.name,
            "deadline": allocation_round.preference_deadline.astimezone(clock.SCHOOL_TZ)
            .replace(tzinfo=None)
            .isoformat(timespec="minutes"),
            "max_choices": allocation_round.max_choices,
        },
    )
    return allocation_round


def _scope_filter(user):
    if user.role == "admin":
        return None
    if user.role == "kommune_coordinator":
        schools = select(School.id).where(School.kommune_id == user.kommune_id)
        return or_(
            AllocationRound.kommune_id == user.kommune_id, AllocationRound.school_id.in_(schools)
        )
    own_kommune = select(School.kommune_id).where(School.id == user.school_id).scalar_subquery()
    return or_(
        AllocationRound.school_id == user.school_id, AllocationRound.kommune_id == own_kommune
    )


def list_rounds(user, *, page: int, per_page: int, status: str | None = None) -> dict:
    query = select(AllocationRound)
    condition = _scope_filter(user)
    if condition is not None:
        query = query.where(condition)
    if status:
        query = query.where(AllocationRound.status == status)
    query = query.options(
        selectinload(AllocationRound.school), selectinload(AllocationRound.kommune)
    ).order_by(AllocationRound.preference_deadline.desc(), AllocationRound.id.desc())
    result = paginate(query, page, per_page)
    annotate(user, result["items"])
    return result


def annotate(user, rounds: list[AllocationRound]) -> None:
    """Attach ranked-pupil counts (and the caller's own choice count) in two queries."""
    ids = [r.id for r in rounds]
    ranked = (
        dict(
            db.session.execute(
                select(
                    AllocationPreference.round_id,
                    func.count(func.distinct(AllocationPreference.pupil_id)),
                )
                .where(AllocationPreference.round_id.in_(ids))
                .group_by(AllocationPreference.round_id)
            ).all()
        )
        if ids
        else {}
    )
    mine = (
        dict(
            db.session.execute(
                select(AllocationPreference.round_id, func.count())
                .where(
                    AllocationPreference.round_id.in_(ids), AllocationPreference.pupil_id == user.id
                )
                .group_by(AllocationPreference.round_id)
            ).all()
        )
        if ids and user.role == "pupil"
        else {}
    )
    now = clock.now()
    for allocation_round in rounds:
        allocation_round.ranked_pupils = ranked.get(allocation_round.id, 0)
        allocation_round.my_choice_count = (
            mine.get(allocation_round.id, 0) if user.role == "pupil" else None
        )
        allocation_round.deadline_passed = allocation_round.preference_deadline <= now
