"""Consent to pass a pupil's minimal data to a provider (§ 120(5) SchulG NRW, Art. 7 DSGVO).

From 14 a pupil consents themselves; below 14 (or when the birth date is unknown) the
teacher records the guardian's signed consent. Consent names one provider (the recipient)
and can be withdrawn at any time; from then on the provider sees no name any more.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.auth.models import User
from app.core import clock
from app.core.errors import Forbidden, Invalid, NotFound
from app.extensions import db
from app.internships.models import ACTIVE_STATES, Booking, DataTransferConsent, Offer, Slot

CONSENT_TEXT_VERSION = "2026-1"
SELF_CONSENT_AGE = 14


def age_on(birth_date: date | None, day: date) -> int | None:
    if birth_date is None:
        return None
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def active_consents(pupil_ids) -> set[tuple[int, int]]:
    """{(pupil_id, provider_id)} with a consent that has not been withdrawn (one query)."""
    pupil_ids = list(pupil_ids)
    if not pupil_ids:
        return set()
    rows = db.session.execute(
        select(DataTransferConsent.pupil_id, DataTransferConsent.provider_id).where(
            DataTransferConsent.pupil_id.in_(pupil_ids), DataTransferConsent.revoked_at.is_(None)
        )
    )
    return {(pupil_id, provider_id) for pupil_id, provider_id in rows}


def _provider_of_pupils_booking(pupil_id: int, provider_id: int) -> bool:
    return (
        db.session.scalar(
            select(Booking.id)
            .join(Slot, Slot.id == Booking.slot_id)
            .join(Offer, Offer.id == Slot.offer_id)
            .where(
                Booking.pupil_id == pupil_id,
                Offer.provider_id == provider_id,
                Booking.status.in_(ACTIVE_STATES),
            )
            .limit(1)
        )
        is not None
    )


def _active(pupil_id: int, provider_id: int) -> DataTransferConsent | None:
    return db.session.scalar(
        select(DataTransferConsent).where(
            DataTransferConsent.pupil_id == pupil_id,
            DataTransferConsent.provider_id == provider_id,
            DataTransferConsent.revoked_at.is_(None),
        )
    )


def give_own(pupil, provider_id: int) -> DataTransferConsent:
    """A pupil of 14 or older consents for one provider of their bookings (idempotent)."""
    if not _provider_of_pupils_booking(pupil.id, provider_id):
        raise Invalid("consent-provider-not-booked", field="provider_id")
    return give_own_to(pupil, provider_id)


def give_own_to(pupil, provider_id: int) -> DataTransferConsent:
    """The age rule and the record of a pupil's own consent, for a provider the caller has
    checked (a booking's, or an Ausbildungsplatz the pupil is interested in); idempotent."""
    age = age_on(db.session.get(User, pupil.id).birth_date, clock.today())
    if age is None or age < SELF_CONSENT_AGE:
        raise Forbidden("guardian-consent-needed", age=SELF_CONSENT_AGE)
    return _active(pupil.id, provider_id) or _store(pupil.id, provider_id, "pupil", age, None)


def _store(pupil_id, provider_id, given_by, age, recorded_by_id) -> DataTransferConsent:
    consent = DataTransferConsent(
        pupil_id=pupil_id,
        provider_id=provider_id,
        given_by=given_by,
        pupil_age=age,
        text_version=CONSENT_TEXT_VERSION,
        recorded_by_id=recorded_by_id,
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def give_by_guardian(pupil_id: int, provider_id: int) -> DataTransferConsent:
    """The guardians consent through their link for one provider of the pupil's bookings."""
    if not _provider_of_pupils_booking(pupil_id, provider_id):
        raise Invalid("consent-provider-not-booked", field="provider_id")
    existing = _active(pupil_id, provider_id)
    if existing is not None:
        return existing
    age = age_on(db.session.get(User, pupil_id).birth_date, clock.today())
    return _store(pupil_id, provider_id, "guardian", age, None)


def booked_providers(pupil_id: int) -> list[tuple[int, str]]:
    """(provider id, name) of the pupil's active bookings, the recipients a consent may name."""
    from app.internships.models import Provider

    rows = db.session.execute(
        select(Provider.id, Provider.name)
        .join(Offer, Offer.provider_id == Provider.id)
        .join(Slot, Slot.offer_id == Offer.id)
        .join(Booking, Booking.slot_id == Slot.id)
        .where(Booking.pupil_id == pupil_id, Booking.status.in_(ACTIVE_STATES))
        .distinct()
        .order_by(Provider.name, Provider.id)
    ).all()
    return [(provider_id, name) for provider_id, name in rows]


def record_guardian(teacher, booking_id: int) -> DataTransferConsent:
    """The teacher records that a guardian signed the consent for this booking's provider."""
    booking = db.session.get(Booking, booking_id)
    provider_id = booking.slot.offer.provider_id
    pupil = db.session.get(User, booking.pupil_id)
    existing = _active(pupil.id, provider_id)
    if existing is not None:
        return existing
    age = age_on(pupil.birth_date, clock.today())
    return _store(pupil.id, provider_id, "guardian", age, teacher.id)


def revoke_own(pupil, provider_id: int) -> DataTransferConsent:
    consent = _active(pupil.id, provider_id)
    if consent is None:
        raise NotFound("no-consent-for-provider")
    consent.revoked_at = clock.now()
    db.session.flush()
    return consent


def list_own(pupil) -> list[dict]:
    from app.internships.models import Provider

    rows = db.session.execute(
        select(DataTransferConsent, Provider.name)
        .join(Provider, Provider.id == DataTransferConsent.provider_id)
        .where(DataTransferConsent.pupil_id == pupil.id)
        .order_by(DataTransferConsent.given_at.desc(), DataTransferConsent.id.desc())
    ).all()
    return [serialize(consent, name) for consent, name in rows]


def serialize(consent: DataTransferConsent, provider_name: str | None = None) -> dict:
    if provider_name is None:
        from app.internships.models import Provider

        provider_name = db.session.get(Provider, consent.provider_id).name
    return {
        "id": consent.id,
        "provider_id": consent.provider_id,
        "provider_name": provider_name,
        "given_by": consent.given_by,
        "text_version": consent.text_version,
        "given_at": consent.given_at,
        "revoked_at": consent.revoked_at,
    }
