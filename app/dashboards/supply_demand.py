"""Supply vs. demand of BFE places per Berufsfeld, for a Kommune or a school.

Supply: future slots of live BFE offers in the Kommune. An offer tagged with several
Berufsfelder counts its places in each of them (a pupil chooses the field when booking);
`booked` and `waitlisted` count per chosen field. Demand: pupils of the BFE Jahrgänge (8
and 9, current school year) of the school / Kommune who have fewer than three BFE days
attended or planned; `missing_days` sums what they still need. Coordinators recruit
companies where `waitlisted` exceeds `free`, or where total free places < missing days.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.catalog.models import Berufsfeld
from app.core import clock
from app.extensions import db
from app.internships.models import (
    ACTIVE_STATES,
    BERUFSFELDER,
    Booking,
    Offer,
    OfferBerufsfeld,
    Provider,
    Slot,
    WaitlistEntry,
)
from app.internships.progress import REQUIRED_DAYS
from app.schools.models import ClassMembership, School, SchoolClass, SchoolYear

BFE_JAHRGAENGE = ("8", "9")


def _live_future_slots(kommune_id: int, today):
    return (
        select(Slot.id)
        .join(Offer, Offer.id == Slot.offer_id)
        .join(Provider, Provider.id == Offer.provider_id)
        .where(
            Provider.kommune_id == kommune_id,
            Provider.approved_at.is_not(None),
            Offer.status == "published",
            Offer.kind == "bfe",
            Slot.starts_on > today,
        )
    )


def _supply(kommune_id: int, today) -> dict[str, dict]:
    slot_ids = _live_future_slots(kommune_id, today)
    per_field = {
        code: {"places": 0, "booked": 0, "waitlisted": 0, "offers": 0} for code in BERUFSFELDER
    }
    for code, places, offers in db.session.execute(
        select(
            OfferBerufsfeld.berufsfeld, func.sum(Slot.capacity), func.count(func.distinct(Offer.id))
        )
        .join(Offer, Offer.id == OfferBerufsfeld.offer_id)
        .join(Slot, Slot.offer_id == Offer.id)
        .where(Slot.id.in_(slot_ids))
        .group_by(OfferBerufsfeld.berufsfeld)
    ):
        per_field[code].update(places=int(places or 0), offers=offers)
    for code, booked in db.session.execute(
        select(Booking.berufsfeld, func.count(Booking.id))
        .where(Booking.slot_id.in_(slot_ids), Booking.status.in_(ACTIVE_STATES))
        .group_by(Booking.berufsfeld)
    ):
        per_field[code]["booked"] = booked
    for code, waiting in db.session.execute(
        select(WaitlistEntry.berufsfeld, func.count(WaitlistEntry.id))
        .where(WaitlistEntry.slot_id.in_(slot_ids))
        .group_by(WaitlistEntry.berufsfeld)
    ):
        per_field[code]["waitlisted"] = waiting
    return per_field


def _demand(school_filter, today, by_school: bool = False):
    """(pupils needing BFE days, days they still miss) in one aggregate query; with `by_school`
    {school id: (pupils, days)} for every school matching the filter."""
    bfe_days = (
        select(func.count(Booking.id))
        .join(Slot, Slot.id == Booking.slot_id)
        .join(Offer, Offer.id == Slot.offer_id)
        .where(
            Booking.pupil_id == ClassMembership.pupil_id,
            Offer.kind == "bfe",
            Booking.status.in_(("requested", "confirmed", "attended")),
        )
        .correlate(ClassMembership)
        .scalar_subquery()
    )
    per_pupil = (
        select(bfe_days.label("days"), School.id.label("school_id"))
        .select_from(ClassMembership)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .join(School, School.id == SchoolClass.school_id)
        .where(
            SchoolClass.jahrgang.in_(BFE_JAHRGAENGE),
            school_filter,
            SchoolYear.starts_on <= today,
            SchoolYear.ends_on >= today,
        )
        .subquery()
    )
    counts = select(func.count(), func.coalesce(func.sum(REQUIRED_DAYS - per_pupil.c.days), 0))
    counts = counts.where(per_pupil.c.days < REQUIRED_DAYS)
    if by_school:
        rows = db.session.execute(
            counts.add_columns(per_pupil.c.school_id).group_by(per_pupil.c.school_id)
        )
        return {school_id: (int(n), int(m)) for n, m, school_id in rows}
    needing, missing = db.session.execute(counts).one()
    return int(needing), int(missing)


def _school_hidden(kommune_id: int, school_id: int, today) -> bool:
    """Whether a school's pupil figures must stay hidden from the Kommune: small, or
    recomputable from the Kommune total and the other schools (suppression.py, M2)."""
    from app.dashboards.suppression import Table, suppress

    per_school = _demand(School.kommune_id == kommune_id, today, by_school=True)
    # the schools with BFE classes this year (a Berufskolleg's zero is known to everybody)
    school_ids = db.session.scalars(
        select(SchoolClass.school_id)
        .distinct()
        .join(School, School.id == SchoolClass.school_id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(
            School.kommune_id == kommune_id,
            SchoolClass.jahrgang.in_(BFE_JAHRGAENGE),
            SchoolYear.starts_on <= today,
            SchoolYear.ends_on >= today,
        )
    )
    table = Table()
    parts = [table.add(("school", sid), per_school.get(sid, (0, 0))[0]) for sid in school_ids]
    table.equation(table.add(("total",), sum(table.values[p] for p in parts)), parts)
    return ("school", school_id) in suppress(table)


def supply_demand(*, kommune_id: int, school_id: int | None = None, mask: bool = False) -> dict:
    """Places vs. pupils needing BFE days; `mask`: a school's pupil figures as the Kommune
    sees them (hidden when small or recomputable; the school's own StuBO sees them all)."""
    today = clock.today()
    school_filter = School.id == school_id if school_id else School.kommune_id == kommune_id
    per_field = _supply(kommune_id, today)
    names = dict(db.session.execute(select(Berufsfeld.kuerzel, Berufsfeld.text)).all())
    fields = []
    for code in BERUFSFELDER:
        row = per_field[code]
        free = max(0, row["places"] - row["booked"])
        fields.append(
            {
                "berufsfeld": code,
                "name": names.get(code, code),
                **row,
                "free": free,
                "short": row["waitlisted"] > free,
            }
        )
    needing, missing = _demand(school_filter, today)
    # Totals over distinct slots (a multi-field offer appears once here).
    places, booked = db.session.execute(
        select(
            func.coalesce(func.sum(Slot.capacity), 0), func.coalesce(func.sum(Slot.booked), 0)
        ).where(Slot.id.in_(_live_future_slots(kommune_id, today)))
    ).one()
    total_free = int(places) - int(booked)
    hidden = bool(mask and school_id and _school_hidden(kommune_id, school_id, today))
    if hidden:
        needing = missing = None
    return {
        "kommune_id": kommune_id,
        "school_id": school_id,
        "pupils_needing_bfe": needing,
        "missing_days": missing,
        "total_places": int(places),
        "total_free": total_free,
        "shortfall": None if hidden else max(0, missing - total_free),
        "masked": hidden,
        "fields": fields,
    }


def kommune_of_school(school_id: int) -> int:
    return db.session.scalar(select(School.kommune_id).where(School.id == school_id))
