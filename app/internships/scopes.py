"""Scope predicates for providers, offers, slots and bookings (see app/core/policy.py).

Each returns None when the object does not exist (→ 404) or must stay invisible (an offer a
pupil may not see yet), else True/False (allowed/403).
"""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.internships.models import Booking, Offer, Provider, Slot
from app.schools.models import School
from app.schools.teaching import teaches_pupil


def user_kommune_id(user) -> int | None:
    """The Kommune a user works or learns in (own school's, own provider's, or their own)."""
    if user.role in ("pupil", "teacher", "stubo") and user.school_id:
        return db.session.scalar(select(School.kommune_id).where(School.id == user.school_id))
    if user.role == "provider" and user.provider_id:
        return db.session.scalar(select(Provider.kommune_id).where(Provider.id == user.provider_id))
    return user.kommune_id


def provider_kommune_id(provider_id: int | None) -> int | None:
    return db.session.scalar(select(Provider.kommune_id).where(Provider.id == provider_id))


def _get(model, object_id):
    return db.session.get(model, object_id) if isinstance(object_id, int) else None


# -- providers --------------------------------------------------------------------------


def provider_is_own(user, args) -> bool | None:
    provider = _get(Provider, args.get("provider_id"))
    return None if provider is None else provider.id == user.provider_id


def provider_in_own_kommune(user, args) -> bool | None:
    provider = _get(Provider, args.get("provider_id"))
    return None if provider is None else provider.kommune_id == user.kommune_id


def provider_exists(_user, args) -> bool | None:
    return None if _get(Provider, args.get("provider_id")) is None else True


def _contact(args) -> tuple[Provider | None, bool]:
    """The provider and whether `user_id` is one of its contact users."""
    from app.auth.models import User

    provider = _get(Provider, args.get("provider_id"))
    contact = _get(User, args.get("user_id"))
    found = contact is not None and provider is not None and contact.provider_id == provider.id
    return provider, found and contact.role == "provider"


def contact_of_own_provider(user, args) -> bool | None:
    provider, found = _contact(args)
    return provider.id == user.provider_id if found else None


def contact_in_own_kommune(user, args) -> bool | None:
    provider, found = _contact(args)
    return provider.kommune_id == user.kommune_id if found else None


def contact_exists(_user, args) -> bool | None:
    return True if _contact(args)[1] else None


# -- offers -----------------------------------------------------------------------------


def offer_is_live(offer: Offer) -> bool:
    return offer.status == "published" and offer.provider.approved_at is not None


def _offer_visible_to_school_user(user, offer: Offer | None) -> bool | None:
    if offer is None or not offer_is_live(offer):
        return None
    return offer.provider.kommune_id == user_kommune_id(user)


def offer_visible(user, args) -> bool | None:
    """Pupils and school staff see live offers of their Kommune; drafts stay invisible."""
    return _offer_visible_to_school_user(user, _get(Offer, args.get("offer_id")))


def offer_is_own(user, args) -> bool | None:
    offer = _get(Offer, args.get("offer_id"))
    return None if offer is None else offer.provider_id == user.provider_id


def offer_in_own_kommune(user, args) -> bool | None:
    offer = _get(Offer, args.get("offer_id"))
    return None if offer is None else offer.provider.kommune_id == user.kommune_id


def offer_exists(_user, args) -> bool | None:
    return None if _get(Offer, args.get("offer_id")) is None else True


# -- slots ------------------------------------------------------------------------------


def slot_visible(user, args) -> bool | None:
    slot = _get(Slot, args.get("slot_id"))
    return _offer_visible_to_school_user(user, slot.offer if slot else None)


# -- bookings ---------------------------------------------------------------------------


def booking_is_own(user, args) -> bool | None:
    booking = _get(Booking, args.get("booking_id"))
    return None if booking is None else booking.pupil_id == user.id


def booking_of_taught_pupil(user, args) -> bool | None:
    booking = _get(Booking, args.get("booking_id"))
    return None if booking is None else teaches_pupil(user.id, booking.pupil_id)


def booking_in_own_school(user, args) -> bool | None:
    booking = _get(Booking, args.get("booking_id"))
    if booking is None:
        return None
    from app.auth.models import User

    school_id = db.session.scalar(select(User.school_id).where(User.id == booking.pupil_id))
    return school_id == user.school_id


def booking_for_own_offer(user, args) -> bool | None:
    booking = _get(Booking, args.get("booking_id"))
    if booking is None:
        return None
    return booking.slot.offer.provider_id == user.provider_id


def booking_exists(_user, args) -> bool | None:
    return None if _get(Booking, args.get("booking_id")) is None else True


# -- Kommunen ---------------------------------------------------------------------------


def kommune_is_own(user, args) -> bool | None:
    from app.schools.models import Kommune

    kommune = _get(Kommune, args.get("kommune_id"))
    return None if kommune is None else kommune.id == user.kommune_id


def kommune_exists(_user, args) -> bool | None:
    from app.schools.models import Kommune

    return None if _get(Kommune, args.get("kommune_id")) is None else True


def slot_is_own(user, args) -> bool | None:
    slot = _get(Slot, args.get("slot_id"))
    return None if slot is None else slot.offer.provider_id == user.provider_id


def slot_exists(_user, args) -> bool | None:
    return None if _get(Slot, args.get("slot_id")) is None else True
