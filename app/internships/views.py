"""Reading bookings: a pupil's own list, a class for its teacher, participants for a provider."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload

from app.auth.models import User
from app.core import audit, clock
from app.extensions import db
from app.internships.booking import cancel_deadline
from app.internships.consents import SELF_CONSENT_AGE, active_consents, age_on
from app.internships.models import Booking, Offer, Slot, WaitlistEntry
from app.internships.progress import bfe_progress
from app.schools.models import ClassMembership, School, SchoolClass

_BOOKING_LOAD = (joinedload(Booking.slot).joinedload(Slot.offer).joinedload(Offer.provider),)


def offer_brief(offer: Offer) -> dict:
    return {
        "id": offer.id,
        "title": offer.title,
        "kind": offer.kind,
        "provider_id": offer.provider_id,
        "provider_name": offer.provider.name,
        "street": offer.street,
        "postcode": offer.postcode,
        "city": offer.city,
    }


def booking_row(booking: Booking, viewer, consents: set) -> dict:
    slot = booking.slot
    offer = slot.offer
    deadline = cancel_deadline(slot)
    active = booking.status in ("requested", "confirmed")
    pupil_may_cancel = active and clock.today() <= deadline
    return {
        "id": booking.id,
        "pupil_id": booking.pupil_id,
        "status": booking.status,
        "source": booking.source,
        "berufsfeld": booking.berufsfeld,
        "requested_at": booking.requested_at,
        "decided_at": booking.decided_at,
        "cancelled_at": booking.cancelled_at,
        "attendance_at": booking.attendance_at,
        "slot": slot,
        "offer": offer_brief(offer),
        "cancel_deadline": deadline,
        "can_cancel": pupil_may_cancel if viewer.role == "pupil" else active,
        "consent_given": (booking.pupil_id, offer.provider_id) in consents,
        "certificate_available": booking.status == "attended",
    }


def bookings_of(pupil_ids) -> list[Booking]:
    return list(
        db.session.scalars(
            select(Booking)
            .join(Slot, Slot.id == Booking.slot_id)
            .where(Booking.pupil_id.in_(list(pupil_ids)))
            .options(*_BOOKING_LOAD)
            .order_by(Slot.starts_on, Booking.id)
        ).unique()
    )


def _waitlist_rows(pupil_id: int) -> list[dict]:
    earlier = aliased(WaitlistEntry)
    ahead = (
        select(func.count(earlier.id))
        .where(
            earlier.slot_id == WaitlistEntry.slot_id,
            (earlier.created_at < WaitlistEntry.created_at)
            | ((earlier.created_at == WaitlistEntry.created_at) & (earlier.id < WaitlistEntry.id)),
        )
        .correlate(WaitlistEntry)
        .scalar_subquery()
    )
    rows = (
        db.session.execute(
            select(WaitlistEntry, Slot, ahead)
            .join(Slot, Slot.id == WaitlistEntry.slot_id)
            .where(WaitlistEntry.pupil_id == pupil_id)
            .options(joinedload(Slot.offer).joinedload(Offer.provider))
            .order_by(Slot.starts_on)
        )
        .unique()
        .all()
    )
    return [
        {
            "slot": slot,
            "offer": offer_brief(slot.offer),
            "position": count + 1,
            "berufsfeld": entry.berufsfeld,
            "joined_at": entry.created_at,
        }
        for entry, slot, count in rows
    ]


def waitlist_row(entry: WaitlistEntry, position: int) -> dict:
    slot = db.session.get(Slot, entry.slot_id)
    return {
        "slot": slot,
        "offer": offer_brief(slot.offer),
        "position": position,
        "berufsfeld": entry.berufsfeld,
        "joined_at": entry.created_at,
    }


def my_bookings(pupil) -> dict:
    bookings = bookings_of([pupil.id])
    consents = active_consents([pupil.id])
    pupil_row = db.session.get(User, pupil.id)
    age = age_on(pupil_row.birth_date, clock.today())
    return {
        "bookings": [booking_row(b, pupil, consents) for b in bookings],
        "waitlist": _waitlist_rows(pupil.id),
        "progress": bfe_progress([pupil.id])[pupil.id],
        "may_consent_self": age is not None and age >= SELF_CONSENT_AGE,
    }


def class_bookings(teacher, class_id: int) -> dict:
    """Every pupil of the class with bookings, BFE progress and consent state (audited)."""
    pupils = db.session.scalars(
        select(User)
        .join(ClassMembership, ClassMembership.pupil_id == User.id)
        .where(ClassMembership.class_id == class_id)
        .order_by(User.last_name, User.first_name, User.id)
    ).all()
    ids = [p.id for p in pupils]
    by_pupil: dict[int, list] = {pid: [] for pid in ids}
    consents = active_consents(ids)
    for booking in bookings_of(ids):
        by_pupil[booking.pupil_id].append(booking_row(booking, teacher, consents))
    progress = bfe_progress(ids)
    today = clock.today()
    audit.record(
        teacher,
        "read",
        "class_bookings",
        ids,
        audit.Purpose.INTERNSHIP_PLANNING,
        categories=("identity", "internships"),
    )
    return {
        "class_id": class_id,
        "pupils": [
            {
                "pupil_id": p.id,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "self_consent": (age_on(p.birth_date, today) or 0) >= SELF_CONSENT_AGE,
                "progress": progress[p.id],
                "bookings": by_pupil[p.id],
            }
            for p in pupils
        ],
    }


def participants(provider_user, offer_id: int) -> list[dict]:
    """Participants of an offer — requested (waiting for the teacher), confirmed, attended or not
    — names only where the pupil's consent is recorded."""
    rows = db.session.execute(
        select(Booking, Slot, User, SchoolClass.name, School.name, School.phone)
        .join(Slot, Slot.id == Booking.slot_id)
        .join(User, User.id == Booking.pupil_id)
        .outerjoin(School, School.id == User.school_id)
        .outerjoin(ClassMembership, ClassMembership.pupil_id == User.id)
        .outerjoin(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(
            Slot.offer_id == offer_id,
            Booking.status.in_(("requested", "confirmed", "attended", "no_show")),
        )
        .order_by(Slot.starts_on, Booking.id)
    ).all()
    offer = db.session.get(Offer, offer_id)
    consents = active_consents({b.pupil_id for b, *_ in rows})
    result, seen = [], set()
    for booking, slot, pupil, class_name, school_name, school_phone in rows:
        if booking.id in seen:  # a pupil with memberships in several years: first one wins
            continue
        seen.add(booking.id)
        shared = (pupil.id, offer.provider_id) in consents
        result.append(
            {
                "booking_id": booking.id,
                "slot_id": slot.id,
                "starts_on": slot.starts_on,
                "ends_on": slot.ends_on,
                "status": booking.status,
                "consent": shared,
                "first_name": pupil.first_name if shared else None,
                "last_name": pupil.last_name if shared else None,
                "school_name": school_name if shared else None,
                "class_name": class_name if shared else None,
                "school_phone": school_phone if shared else None,
                "attendance_open": slot.starts_on <= clock.today()
                and booking.status != "requested",
            }
        )
    shared_ids = sorted({r["booking_id"] for r in result if r["consent"]})
    pupil_ids = [b.pupil_id for b, *_ in rows if b.id in shared_ids]
    audit.record(
        provider_user,
        "transfer",
        "offer_participants",
        sorted(set(pupil_ids)),
        audit.Purpose.INTERNSHIP_PLANNING,
        categories=("identity", "school"),
    )
    return result
