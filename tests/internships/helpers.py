"""Helpers to create offers and slots directly (bypassing the API) for internship tests."""

from __future__ import annotations

from datetime import date, time, timedelta

from app.core import clock
from app.extensions import db
from app.internships.models import Offer, OfferBerufsfeld, Slot
from app.internships.schooldays import why_not_a_school_day


def school_day(after_days: int = 10, *, skip: int = 0) -> date:
    """The first school day at least `after_days` from today, then `skip` more school days."""
    day = clock.today() + timedelta(days=after_days)
    found = -1
    while True:
        if why_not_a_school_day(day) is None:
            found += 1
            if found == skip:
                return day
        day += timedelta(days=1)


def two_school_weeks(after_days: int = 10) -> date:
    """The first Monday at least `after_days` from today that starts two whole weeks of school
    days (a Praktikum block that no holiday or public holiday interrupts, on any test date)."""
    day = clock.today() + timedelta(days=after_days)
    while day.weekday() != 0 or any(
        why_not_a_school_day(day + timedelta(days=offset)) is not None
        for offset in range(12)
        if offset % 7 < 5
    ):
        day += timedelta(days=1)
    return day


def make_offer(
    provider,
    *,
    kind="bfe",
    fields=("ITC",),
    status="published",
    postcode="44137",
    title="Ein Tag in der IT",
    min_jahrgang=8,
) -> Offer:
    offer = Offer(
        provider_id=provider.id,
        kind=kind,
        title=title,
        description="Programmieren und Testen",
        street="Hauptstraße 1",
        postcode=postcode,
        city="Dortmund",
        status=status,
        min_jahrgang=min_jahrgang,
    )
    offer.fields = [OfferBerufsfeld(berufsfeld=f, position=i) for i, f in enumerate(fields)]
    db.session.add(offer)
    db.session.flush()
    return offer


def make_slot(offer, day: date | None = None, *, capacity=5, ends_on=None, booked=0) -> Slot:
    day = day or school_day()
    slot = Slot(
        offer_id=offer.id,
        starts_on=day,
        ends_on=ends_on or day,
        daily_start=time(8),
        daily_end=time(14),
        capacity=capacity,
        booked=booked,
    )
    db.session.add(slot)
    db.session.flush()
    return slot
