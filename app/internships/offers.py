"""Offers and their slots: creation with validation, editing, browsing with filters and fit."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import contains_eager, selectinload

from app.core import clock
from app.core.errors import Conflict
from app.core.pagination import paginate
from app.extensions import db
from app.internships import fit, geo
from app.internships.eligibility import pupil_jahrgang
from app.internships.models import Offer, OfferBerufsfeld, Provider, Slot
from app.internships.scopes import offer_is_live, user_kommune_id
from app.internships.slot_rules import validate_slot
from app.schools.models import School


def _set_fields(offer: Offer, codes: list[str]) -> None:
    """Keep the rows of codes that stay (only their position changes): the unit of work
    inserts new rows before it deletes old ones, so re-adding a code as a new row would
    collide with its own old row on the (offer, berufsfeld) unique constraint."""
    kept = {field.berufsfeld: field for field in offer.fields}
    fields = []
    for position, code in enumerate(dict.fromkeys(codes)):
        field = kept.get(code) or OfferBerufsfeld(berufsfeld=code)
        field.position = position
        fields.append(field)
    offer.fields = fields


def create_offer(user, data: dict) -> Offer:
    if user.provider_id is None:
        raise Conflict("account-without-provider")
    codes = data.pop("berufsfelder")
    offer = Offer(provider_id=user.provider_id, **data)
    _set_fields(offer, codes)
    db.session.add(offer)
    db.session.flush()
    return offer


def update_offer(user, offer_id: int, data: dict) -> Offer:
    offer = db.session.get(Offer, offer_id)
    codes = data.pop("berufsfelder", None)
    if codes is not None:
        _set_fields(offer, codes)
    for key, value in data.items():
        setattr(offer, key, value)
    offer.updated_at = clock.now()
    db.session.flush()
    return offer


def add_slot(user, offer_id: int, data: dict) -> Slot:
    offer = db.session.get(Offer, offer_id)
    if offer.status == "withdrawn":
        raise Conflict("offer-withdrawn")
    data.setdefault("ends_on", None)
    data["ends_on"] = data["ends_on"] or data["starts_on"]
    validate_slot(offer.kind, data, today=clock.today())
    slot = Slot(offer_id=offer.id, **data)
    db.session.add(slot)
    db.session.flush()
    return slot


# -- reading ----------------------------------------------------------------------------


def serialize_offer(offer: Offer, slots=None, distance=None, fit_info=None) -> dict:
    slots = offer.slots if slots is None else slots
    return {
        "id": offer.id,
        "provider_id": offer.provider_id,
        "provider_name": offer.provider.name,
        "kind": offer.kind,
        "title": offer.title,
        "description": offer.description,
        "berufsfelder": offer.berufsfelder,
        "street": offer.street,
        "postcode": offer.postcode,
        "city": offer.city,
        "accessibility_notes": offer.accessibility_notes,
        "min_jahrgang": offer.min_jahrgang,
        "status": offer.status,
        "live": offer_is_live(offer),
        "slots": slots,
        "free_places": sum(s.free for s in slots),
        "distance_km": distance,
        "fit": fit_info,
    }


def _home_postcode(user) -> str | None:
    if user.school_id is None:
        return None
    return db.session.scalar(select(School.postcode).where(School.id == user.school_id))


def _is_school_user(user) -> bool:
    return user.role in ("pupil", "teacher", "stubo")


def get_offer(user, offer_id: int) -> dict:
    offer = db.session.get(Offer, offer_id)
    slots = offer.slots
    if _is_school_user(user):
        slots = [s for s in slots if s.starts_on > clock.today()]
    scores = fit.berufsfeld_scores(user.id) if user.role == "pupil" else None
    return serialize_offer(
        offer,
        slots,
        geo.distance_km(_home_postcode(user), offer.postcode),
        fit.offer_fit(scores, offer.berufsfelder),
    )


def _scoped_query(user):
    query = (
        select(Offer)
        .join(Provider, Provider.id == Offer.provider_id)
        .options(
            contains_eager(Offer.provider), selectinload(Offer.fields), selectinload(Offer.slots)
        )
    )
    if user.role == "provider":
        return query.where(Offer.provider_id == user.provider_id)
    if user.role == "admin":
        return query
    if user.role == "kommune_coordinator":
        return query.where(Provider.kommune_id == user.kommune_id)
    return query.where(
        Provider.kommune_id == user_kommune_id(user),
        Provider.approved_at.is_not(None),
        Offer.status == "published",
    )


def _slot_conditions(user, q, today: date) -> list:
    """SQL conditions a slot must meet to be shown in the list (the filters of `q`)."""
    conditions = []
    if _is_school_user(user):
        conditions.append(Slot.starts_on > today)
    if q.get("date_from"):
        conditions.append(Slot.ends_on >= q["date_from"])
    if q.get("date_to"):
        conditions.append(Slot.starts_on <= q["date_to"])
    if q.get("free_only"):
        conditions.append(Slot.booked < Slot.capacity)
    return conditions


def _matching_slots(offer, user, q, today: date) -> list[Slot]:
    """The same filters as `_slot_conditions`, applied to an offer's loaded slots."""
    slots = offer.slots
    if _is_school_user(user):
        slots = [s for s in slots if s.starts_on > today]
    if q.get("date_from"):
        slots = [s for s in slots if s.ends_on >= q["date_from"]]
    if q.get("date_to"):
        slots = [s for s in slots if s.starts_on <= q["date_to"]]
    if q.get("free_only"):
        slots = [s for s in slots if s.free > 0]
    return slots


def _near(query, home: str | None, max_km: int):
    """Offers whose postcode lies within `max_km` of `home` (one look-up of the postcodes in
    scope; the distance itself is computed from the postcode centroids, see geo.py)."""
    postcodes = db.session.scalars(query.with_only_columns(Offer.postcode).distinct()).all()
    distances = {pc: geo.distance_km(home, pc) for pc in postcodes}
    near = [pc for pc, km in distances.items() if km is not None and km <= max_km]
    return query.where(Offer.postcode.in_(near))


def _fit_score(scores: dict[str, float]):
    """The offer's best Berufsfeld score for the pupil (as fit.offer_fit), in SQL."""
    weight = case(
        *((OfferBerufsfeld.berufsfeld == code, score) for code, score in scores.items()),
        else_=0.0,
    )
    best = select(func.max(weight)).where(OfferBerufsfeld.offer_id == Offer.id)
    return func.coalesce(best.scalar_subquery(), 0.0)


def list_offers(user, **q) -> dict:
    """Offers in the caller's scope, filtered; sorted by fit for pupils with a profile, then by
    the next matching date. Filtering, sorting and paging happen in SQL."""
    query = _scoped_query(user)
    if q.get("kind"):
        query = query.where(Offer.kind == q["kind"])
    if q.get("berufsfeld"):
        query = query.where(
            Offer.id.in_(
                select(OfferBerufsfeld.offer_id).where(
                    OfferBerufsfeld.berufsfeld == q["berufsfeld"]
                )
            )
        )
    if user.role == "pupil":
        jahrgang = pupil_jahrgang(user.id)
        if jahrgang is not None:
            query = query.where(Offer.min_jahrgang <= jahrgang)
    today = clock.today()
    home = _home_postcode(user)
    slot_conditions = _slot_conditions(user, q, today)
    if slot_conditions:  # school users and date/free filters: only offers with a matching slot
        query = query.where(exists().where(Slot.offer_id == Offer.id, *slot_conditions))
    if q.get("max_distance_km"):
        query = _near(query, home, q["max_distance_km"])
    next_date = func.coalesce(
        select(func.min(Slot.starts_on))
        .where(Slot.offer_id == Offer.id, *slot_conditions)
        .scalar_subquery(),
        today + timedelta(days=3650),
    )
    scores = fit.berufsfeld_scores(user.id) if user.role == "pupil" else None
    order = (
        (next_date, Offer.id) if not scores else (_fit_score(scores).desc(), next_date, Offer.id)
    )
    page = paginate(query.order_by(*order), q["page"], q["per_page"])
    page["items"] = [
        serialize_offer(
            offer,
            _matching_slots(offer, user, q, today),
            geo.distance_km(home, offer.postcode),
            fit.offer_fit(scores, offer.berufsfelder),
        )
        for offer in page["items"]
    ]
    return {**page, "sorted_by": "fit" if scores else "date"}
