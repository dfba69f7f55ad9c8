"""Rounds, offers and slots for allocation tests, created directly (not through the API)."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import update

from app.allocation.models import AllocationPreference, AllocationRound
from app.core import clock
from app.extensions import db
from app.internships.models import Offer, OfferBerufsfeld, Slot
from app.internships.schooldays import why_not_a_school_day


def school_days(count: int, after_days: int = 30) -> list[date]:
    days, day = [], clock.today() + timedelta(days=after_days)
    while len(days) < count:
        if why_not_a_school_day(day) is None:
            days.append(day)
        day += timedelta(days=1)
    return days


def make_slot(
    provider,
    day: date,
    *,
    capacity: int = 2,
    fields=("ITC",),
    title="IT-Tag",
    min_jahrgang: int = 8,
) -> Slot:
    offer = Offer(
        provider_id=provider.id,
        kind="bfe",
        title=title,
        description="",
        street="Hauptstraße 1",
        postcode="44137",
        city="Dortmund",
        status="published",
        min_jahrgang=min_jahrgang,
    )
    offer.fields = [OfferBerufsfeld(berufsfeld=f, position=i) for i, f in enumerate(fields)]
    db.session.add(offer)
    db.session.flush()
    slot = Slot(
        offer_id=offer.id,
        starts_on=day,
        ends_on=day,
        daily_start=time(8),
        daily_end=time(14),
        capacity=capacity,
    )
    db.session.add(slot)
    db.session.flush()
    return slot


def make_round(
    *,
    school=None,
    kommune=None,
    days: list[date],
    seed: int = 7,
    max_choices: int = 6,
    deadline_in: timedelta = timedelta(days=3),
    **fields,
) -> AllocationRound:
    allocation_round = AllocationRound(
        name=fields.pop("name", "BFE-Woche Februar"),
        school_id=school.id if school else None,
        kommune_id=kommune.id if kommune else None,
        period_start=min(days),
        period_end=max(days),
        preference_deadline=clock.now() + deadline_in,
        max_choices=max_choices,
        seed=seed,
        **fields,
    )
    db.session.add(allocation_round)
    db.session.flush()
    return allocation_round


def rank(allocation_round, pupil, slots) -> None:
    for position, slot in enumerate(slots, start=1):
        db.session.add(
            AllocationPreference(
                round_id=allocation_round.id, pupil_id=pupil.id, slot_id=slot.id, rank=position
            )
        )
    db.session.flush()


def pass_deadline(allocation_round) -> None:
    db.session.execute(
        update(AllocationRound)
        .where(AllocationRound.id == allocation_round.id)
        .values(preference_deadline=clock.now() - timedelta(minutes=1))
    )
    db.session.commit()
    db.session.expire_all()
