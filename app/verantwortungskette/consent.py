"""Consent per recipient for a handover (docs/security.md B7, L1; docs/domain.md §6.4, §6.7).

Who consents follows the one rule of `app/core/consent_age.py`: from 14 the pupil (in the app,
or on paper recorded by staff); below 14, or when the birth date is unknown, a guardian; from
14 a guardian only with the school's recorded reason. Each consent names exactly one recipient
organisation of the pupil's Kommune, stores the version of the text the pupil saw (recipient,
data categories, retention period) and what it covers beyond the transfer fields (phone,
e-mail, the preferred channel). Withdrawal stops processing at once: every case handed over
under it loses its personal data and its contact log, and the recipient sees `widerrufen`.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app.anschluss.reference import today
from app.auth.models import User
from app.core import audit, clock, consent_age
from app.core.consent_age import age_on
from app.core.errors import Conflict, Forbidden, Invalid, NotFound
from app.extensions import db
from app.schools.models import School
from app.verantwortungskette import common, recipients
from app.verantwortungskette.models import (
    CASE_KIND,
    OPTIONAL_CATEGORIES,
    WITHDRAWN,
    Handover,
    HandoverConsent,
    Recipient,
    VkCase,
)

PERSONAL_CASE_COLUMNS = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "street",
    "postcode",
    "city",
    "email",
    "phone",
    "preferred_channel",
    "school_name",
    "school_form",
    "certificate",
    "wish_option",
    "wish_text",
)


def pupil_kommune(pupil: User) -> int:
    home = db.session.get(School, pupil.school_id) if pupil.school_id else None
    if home is None:
        raise Invalid("pupil-without-school", field="recipient")
    return home.kommune_id


def resolve_recipient(pupil: User, data: dict) -> Recipient:
    """The active recipient of the pupil's Kommune the request names."""
    return recipients.resolve(pupil_kommune(pupil), data)


def active_consent(pupil_id: int, recipient: Recipient) -> HandoverConsent | None:
    """The consent in force for exactly this recipient (older rows name it by kind + place)."""
    kind = CASE_KIND[recipient.kind]
    legacy = HandoverConsent.recipient_id.is_(None) & (HandoverConsent.recipient_kind == kind)
    if kind == "berufskolleg":
        legacy &= HandoverConsent.recipient_school_id == recipient.school_id
    else:
        legacy &= HandoverConsent.recipient_kommune_id == recipient.kommune_id
    return db.session.scalar(
        select(HandoverConsent)
        .where(
            HandoverConsent.pupil_id == pupil_id,
            HandoverConsent.withdrawn_at.is_(None),
            (HandoverConsent.recipient_id == recipient.id) | legacy,
        )
        .order_by(HandoverConsent.id.desc())
        .limit(1)
    )


def active_for_choice(pupil_id: int, choice: dict) -> HandoverConsent | None:
    """The consent in force for one of `recipients_for()`'s choices (a former target not
    configured yet has no organisation, so no consent can name it)."""
    if choice.get("recipient_id") is None:
        return None
    return active_consent(pupil_id, db.session.get(Recipient, choice["recipient_id"]))


def _coverage(pupil: User, data: dict) -> tuple[list[str], str | None, str | None]:
    """(categories, phone, preferred channel): only what the consent covers and exists."""
    covers = [c for c in OPTIONAL_CATEGORIES if c in (data.get("covers") or [])]
    phone = (data.get("phone") or "").strip() or None
    if "phone" in covers and phone is None:
        raise Invalid("consent-phone-required", field="phone")
    if "phone" not in covers:
        phone = None
    if "email" in covers and not pupil.email:
        raise Invalid("consent-email-missing", field="covers")
    channel = data.get("preferred_channel")
    if channel in ("phone", "email") and channel not in covers:
        raise Invalid("preferred-channel-not-covered", field="preferred_channel")
    return covers, phone, channel


def _record(
    pupil: User,
    given_by: str,
    data: dict,
    recorded_by: User | None,
    guardian_reason: str | None = None,
) -> HandoverConsent:
    recipient = resolve_recipient(pupil, data)
    if active_consent(pupil.id, recipient) is not None:
        raise Conflict("consent-already-in-force", field=recipients.named_field(data))
    covers, phone, channel = _coverage(pupil, data)
    consent = HandoverConsent(
        pupil_id=pupil.id,
        pupil_pseudonym=common.pseudonym(pupil.id),
        given_by=given_by,
        age_at_consent=age_on(pupil.birth_date, today()),
        recorded_by_id=recorded_by.id if recorded_by else None,
        text_version=common.CONSENT_TEXT_VERSION,
        purpose=common.CONSENT_PURPOSE,
        recipient_kind=CASE_KIND[recipient.kind],
        recipient_id=recipient.id,
        recipient_school_id=recipient.school_id,
        recipient_kommune_id=recipient.kommune_id,
        guardian_reason=guardian_reason,
        categories=",".join(covers),
        phone=phone,
        preferred_channel=channel,
        given_at=clock.now(),
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def give_own(pupil: User, data: dict) -> HandoverConsent:
    """A pupil of 14 or older consents in the app."""
    if not consent_age.may_consent_myself(age_on(pupil.birth_date, today())):
        raise Forbidden("handover-guardian-consent-needed", age=consent_age.SELF_CONSENT_AGE)
    return _record(pupil, "pupil", data, None)


def give_by_guardian(pupil: User, data: dict) -> HandoverConsent:
    """The guardians consent through their link (the caller checked that they decide)."""
    return _record(pupil, "guardian", data, None)


def record_for_pupil(staff: User, pupil_id: int, data: dict) -> HandoverConsent:
    """Staff record a signed consent by the rule of core/consent_age.py; always audited."""
    pupil = db.session.get(User, pupil_id)
    reason = consent_age.check_giver(
        age_on(pupil.birth_date, today()), data["given_by"], data.get("guardian_reason")
    )
    consent = _record(pupil, data["given_by"], data, staff, reason)
    audit.record(
        staff,
        "create",
        "handover_consent",
        [pupil.id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("consent", "guardian_reason") if reason else ("consent",),
    )
    return consent


def terms(recipient_name: str, covers=()) -> dict:
    """What the consent text of the current version states (the catalogues word it)."""
    return {
        "text_version": common.CONSENT_TEXT_VERSION,
        "recipient_name": recipient_name,
        "categories": [*common.CASE_FIELDS, *(c for c in OPTIONAL_CATEGORIES if c in covers)],
        "retention_months": current_app.config["RETENTION_CASE_MONTHS"],
        "purpose": common.CONSENT_PURPOSE,
    }


def list_for_pupil(pupil_id: int) -> list[HandoverConsent]:
    return list(
        db.session.scalars(
            select(HandoverConsent)
            .where(HandoverConsent.pupil_id == pupil_id)
            .order_by(HandoverConsent.given_at.desc(), HandoverConsent.id.desc())
        )
    )


def list_for_staff(staff: User, pupil_id: int) -> list[HandoverConsent]:
    audit.record(
        staff,
        "read",
        "handover_consent",
        [pupil_id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("consent",),
    )
    return list_for_pupil(pupil_id)


def erase_case(case: VkCase, now) -> None:
    """Processing stops: personal copy and contact log go, the status tells the recipient."""
    for column in PERSONAL_CASE_COLUMNS:
        setattr(case, column, None)
    case.contacts.clear()
    case.status = WITHDRAWN
    case.follow_up_on = None
    case.updated_at = now
    case.closed_at = now


def withdraw(consent_id: int, via: str) -> HandoverConsent:
    consent = db.session.get(HandoverConsent, consent_id)
    if consent is None:
        raise NotFound("consent-not-found")
    if consent.withdrawn_at is not None:
        raise Conflict("consent-already-withdrawn")
    now = clock.now()
    consent.withdrawn_at = now
    consent.withdrawn_via = via
    consent.phone = None  # given only for this processing, which has ended
    cases = db.session.scalars(
        select(VkCase)
        .join(Handover, Handover.id == VkCase.handover_id)
        .where(Handover.consent_id == consent.id, VkCase.status != WITHDRAWN)
    )
    for case in cases:
        erase_case(case, now)
    db.session.flush()
    return consent


def withdraw_by_staff(staff: User, consent_id: int) -> HandoverConsent:
    consent = withdraw(consent_id, "staff")
    audit.record(
        staff,
        "update",
        "handover_consent",
        [consent.pupil_id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("consent",),
    )
    return consent


def recipients_for_school(home: School | None) -> list[dict]:
    """The recipients a consent of this school's pupils may name, with the consent terms."""
    if home is None:
        return []
    return [
        {**item, "terms": terms(item["name"], OPTIONAL_CATEGORIES)}
        for item in recipients.choices(home.kommune_id)
    ]


def recipients_for(pupil: User) -> list[dict]:
    home = db.session.get(School, pupil.school_id) if pupil.school_id else None
    return recipients_for_school(home)


def my_overview(pupil: User) -> dict:
    from app.verantwortungskette.consent_rows import consent_rows

    age = age_on(pupil.birth_date, today())
    return {
        "consents": consent_rows(HandoverConsent.pupil_id == pupil.id),
        "recipients": recipients_for(pupil),
        "text_version": common.CONSENT_TEXT_VERSION,
        "may_consent_myself": consent_age.may_consent_myself(age),
        "has_email": bool(pupil.email),
    }
