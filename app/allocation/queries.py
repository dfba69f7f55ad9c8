"""Which slots and which pupils a round covers (shared by ranking, running and overviews)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import selectinload

from app.allocation.models import AllocationRound
from app.allocation.scopes import round_kommune_id
from app.auth.models import User
from app.core import clock
from app.extensions import db
from app.internships.models import Offer, Provider, Slot
from app.schools.models import LEAVING_JAHRGAENGE, ClassMembership, School, SchoolClass, SchoolYear


def slots_query(allocation_round: AllocationRound, *columns) -> Select:
    """Live slots of the round's Kommune lying wholly within the round's period.

    With `columns`, selects just those (no eager loading); otherwise Slot with its offer.
    """
    query = (
        select(*columns)
        if columns
        else select(Slot).options(
            selectinload(Slot.offer).selectinload(Offer.fields),
            selectinload(Slot.offer).selectinload(Offer.provider),
        )
    )
    return (
        query.select_from(Slot)
        .join(Slot.offer)
        .join(Offer.provider)
        .where(
            Slot.starts_on >= allocation_round.period_start,
            Slot.ends_on <= allocation_round.period_end,
            Offer.status == "published",
            Provider.approved_at.is_not(None),
            Provider.kommune_id == round_kommune_id(allocation_round),
        )
        .order_by(Slot.starts_on, Slot.id)
    )


def round_slots(allocation_round: AllocationRound) -> list[Slot]:
    return list(db.session.scalars(slots_query(allocation_round)))


def _current_year_on(day: date):
    return select(SchoolYear.id).where(SchoolYear.starts_on <= day, SchoolYear.ends_on >= day)


def pupils_query(allocation_round: AllocationRound) -> Select:
    """Ids of the active pupils the round is for (its school or Kommune, optional filters)."""
    query = select(User.id).where(User.role == "pupil", User.active.is_(True))
    if allocation_round.school_id is not None:
        query = query.where(User.school_id == allocation_round.school_id)
    else:
        query = query.join(School, School.id == User.school_id).where(
            School.kommune_id == allocation_round.kommune_id
        )
    if allocation_round.jahrgang or allocation_round.leaving_only:
        conditions = [
            ClassMembership.pupil_id == User.id,
            ClassMembership.school_year_id.in_(_current_year_on(clock.today())),
        ]
        if allocation_round.jahrgang:
            conditions.append(SchoolClass.jahrgang == allocation_round.jahrgang)
        if allocation_round.leaving_only:
            conditions.append(
                or_(SchoolClass.jahrgang.in_(LEAVING_JAHRGAENGE), SchoolClass.jahrgang.like("BK%"))
            )
        query = query.where(exists().where(ClassMembership.class_id == SchoolClass.id, *conditions))
    return query


def pupil_in_round(allocation_round: AllocationRound, pupil_id: int) -> bool:
    return db.session.scalar(pupils_query(allocation_round).where(User.id == pupil_id)) is not None
