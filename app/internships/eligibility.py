"""Who may book what: the pupil's Jahrgang, Kommune and the offer's state."""

from __future__ import annotations

from sqlalchemy import select

from app.core.errors import Invalid
from app.extensions import db
from app.internships.models import Offer, Slot
from app.internships.scopes import offer_is_live, user_kommune_id
from app.schools.models import ClassMembership, SchoolClass, SchoolYear

# Upper-school and Berufskolleg years as grade numbers, for "minimum Jahrgang" checks.
JAHRGANG_NUMBERS = {"EF": 11, "Q1": 12, "Q2": 13, "BK1": 11, "BK2": 12, "BK3": 13}


def jahrgang_number(jahrgang: str) -> int | None:
    if jahrgang.isdigit():
        return int(jahrgang)
    return JAHRGANG_NUMBERS.get(jahrgang)


def pupil_jahrgang(pupil_id: int) -> int | None:
    """The Jahrgang of the pupil's most recent class, as a number."""
    jahrgang = db.session.scalar(
        select(SchoolClass.jahrgang)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(ClassMembership.pupil_id == pupil_id)
        .order_by(SchoolYear.starts_on.desc())
        .limit(1)
    )
    return jahrgang_number(jahrgang) if jahrgang else None


def _refuse(code: str, **params):
    raise Invalid(code, field="slot_id", **params)


def bookable_slot(pupil, slot_id: int, today) -> Slot:
    """The slot if this pupil may request it, else a 422 naming `slot_id`."""
    slot = db.session.get(Slot, slot_id)
    if slot is None:
        _refuse("slot-unknown")
    offer = slot.offer
    if not offer_is_live(offer) or offer.provider.kommune_id != user_kommune_id(pupil):
        _refuse("slot-not-bookable")
    if slot.starts_on <= today:
        _refuse("slot-started")
    jahrgang = pupil_jahrgang(pupil.id)
    if jahrgang is not None and jahrgang < offer.min_jahrgang:
        _refuse("offer-min-jahrgang", jahrgang=offer.min_jahrgang)
    return slot


def choose_field(offer: Offer, berufsfeld: str | None) -> str:
    fields = offer.berufsfelder
    if berufsfeld is None:
        return fields[0]
    if berufsfeld not in fields:
        raise Invalid("berufsfeld-not-offered", field="berufsfeld", options=fields)
    return berufsfeld
