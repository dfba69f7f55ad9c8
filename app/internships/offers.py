"""Offers and their slots: creation with validation, editing, browsing with filters and fit."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.internships import fit, geo
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


def _matching_slots(offer, user, q, today: date) -> list[Slot]:
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


def list_offers(user, **q) -> dict:
    """Offers in the caller's scope, filtered; sorted by fit for pupils with a profile."""
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
        from app.internships.eligibility import pupil_jahrgang

        jahrgang = pupil_jahrgang(user.id)
        if jahrgang is not None:
            query = query.where(Offer.min_jahrgang <= jahrgang)
    offers = db.session.scalars(query.order_by(Offer.id)).unique().all()
    today = clock.today()
    home = _home_postcode(user)
    scores = fit.berufsfeld_scores(user.id) if user.role == "pupil" else None
    filtering = any(q.get(k) for k in ("date_from", "date_to", "free_only")) or _is_school_user(
        user
    )
    rows = []
    for offer in offers:
        slots = _matching_slots(offer, user, q, today)
        if filtering and not slots:
            continue
        distance = geo.distance_km(home, offer.postcode)
        if q.get("max_distance_km") and (distance is None or distance > q["max_distance_km"]):
            continue
        rows.append(
            serialize_offer(offer, slots, distance, fit.offer_fit(scores, offer.berufsfelder))
        )
    far_future = today + timedelta(days=3650)

    def next_date(row):
        return min((s.starts_on for s in row["slots"]), default=far_future)

    if scores:
        rows.sort(key=lambda r: (-(r["fit"] or {}).get("score", 0.0), next_date(r), r["id"]))
    else:
        rows.sort(key=lambda r: (next_date(r), r["id"]))
    start = (q["page"] - 1) * q["per_page"]
    return {
        "items": rows[start : start + q["per_page"]],
        "total": len(rows),
        "page": q["page"],
        "per_page": q["per_page"],
        "sorted_by": "fit" if scores else "date",
    }
