"""Consent to pass a pupil's minimal data to a provider (§ 120(5) SchulG NRW, Art. 7 DSGVO).

Who consents follows the one rule of `app/core/consent_age.py` (the Verantwortungskette uses
the same): from 14 the pupil; below 14 (or when the birth date is unknown) the teacher records
the guardian's signed consent; from 14 a guardian's consent only with the school's reason why
the pupil cannot consent. Every consent staff record is audited. Consent names one provider
(the recipient) and can be withdrawn at any time; from then on the provider sees no name.
"""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core import audit, clock, consent_age
from app.core.consent_age import SELF_CONSENT_AGE, age_on
from app.core.errors import Forbidden, Invalid, NotFound
from app.extensions import db
from app.internships.models import ACTIVE_STATES, Booking, DataTransferConsent, Offer, Slot

CONSENT_TEXT_VERSION = "2026-1"
__all__ = ["SELF_CONSENT_AGE", "age_on"]  # the internships' views read the rule from here


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


def _store(
    pupil_id, provider_id, given_by, age, recorded_by_id, reason=None
) -> DataTransferConsent:
    consent = DataTransferConsent(
        pupil_id=pupil_id,
        provider_id=provider_id,
        given_by=given_by,
        pupil_age=age,
        text_version=CONSENT_TEXT_VERSION,
        recorded_by_id=recorded_by_id,
        guardian_reason=reason,
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


def record_guardian(
    teacher, booking_id: int, guardian_reason: str | None = None
) -> DataTransferConsent:
    """The teacher records that a guardian signed the consent for this booking's provider:
    below 14 always, from 14 only with the reason why the pupil cannot consent (audited)."""
    booking = db.session.get(Booking, booking_id)
    provider_id = booking.slot.offer.provider_id
    pupil = db.session.get(User, booking.pupil_id)
    existing = _active(pupil.id, provider_id)
    if existing is not None:
        return existing
    age = age_on(pupil.birth_date, clock.today())
    reason = consent_age.check_giver(age, "guardian", guardian_reason)
    consent = _store(pupil.id, provider_id, "guardian", age, teacher.id, reason)
    audit.record(
        teacher,
        "create",
        "data_transfer_consent",
        [pupil.id],
        audit.Purpose.INTERNSHIP_PLANNING,
        ("consent", "guardian_reason") if reason else ("consent",),
    )
    return consent


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
        "guardian_reason": consent.guardian_reason,
        "text_version": consent.text_version,
        "given_at": consent.given_at,
        "revoked_at": consent.revoked_at,
    }
