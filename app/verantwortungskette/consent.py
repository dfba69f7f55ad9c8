"""Consent per recipient for a handover (docs/security.md B7; docs/domain.md §6.4, §6.7).

From 14 a pupil consents themselves (in the app, or on paper recorded by staff); below 14, or
when the birth date is unknown, staff record the guardian's signed consent. Each consent names
exactly one recipient. Withdrawal stops processing at once: every case handed over under it
loses its personal data and its contact log, and the recipient sees status `widerrufen`.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss.reference import today
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict, Forbidden, Invalid, NotFound
from app.extensions import db
from app.schools.models import School
from app.verantwortungskette import common
from app.verantwortungskette.models import WITHDRAWN, Handover, HandoverConsent, VkCase

PERSONAL_CASE_COLUMNS = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "street",
    "postcode",
    "city",
    "email",
    "school_name",
    "school_form",
    "certificate",
    "wish_option",
    "wish_text",
)


def age_on(birth_date, day) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def resolve_recipient(pupil: User, kind: str, school_id: int | None) -> tuple:
    """(recipient_school_id, recipient_kommune_id) for a recipient named in a request."""
    if kind == "berufskolleg":
        school = db.session.get(School, school_id) if school_id else None
        if school is None or not school.is_berufskolleg:
            raise Invalid("recipient-not-berufskolleg", field="recipient_school_id")
        return school.id, None
    if school_id is not None:
        raise Invalid("kommune-recipient-without-school", field="recipient_school_id")
    home = db.session.get(School, pupil.school_id) if pupil.school_id else None
    if home is None:
        raise Invalid("pupil-without-school", field="recipient")
    return None, home.kommune_id


def active_consent(pupil_id: int, kind: str, school_id, kommune_id) -> HandoverConsent | None:
    query = select(HandoverConsent).where(
        HandoverConsent.pupil_id == pupil_id,
        HandoverConsent.recipient_kind == kind,
        HandoverConsent.withdrawn_at.is_(None),
    )
    if kind == "berufskolleg":
        query = query.where(HandoverConsent.recipient_school_id == school_id)
    else:
        query = query.where(HandoverConsent.recipient_kommune_id == kommune_id)
    return db.session.scalar(query.order_by(HandoverConsent.id.desc()).limit(1))


def _record(pupil: User, given_by: str, data: dict, recorded_by: User | None) -> HandoverConsent:
    school_id, kommune_id = resolve_recipient(
        pupil, data["recipient"], data.get("recipient_school_id")
    )
    if active_consent(pupil.id, data["recipient"], school_id, kommune_id) is not None:
        raise Conflict("consent-already-in-force", field="recipient")
    consent = HandoverConsent(
        pupil_id=pupil.id,
        pupil_pseudonym=common.pseudonym(pupil.id),
        given_by=given_by,
        age_at_consent=age_on(pupil.birth_date, today()),
        recorded_by_id=recorded_by.id if recorded_by else None,
        text_version=common.CONSENT_TEXT_VERSION,
        purpose=common.CONSENT_PURPOSE,
        recipient_kind=data["recipient"],
        recipient_school_id=school_id,
        recipient_kommune_id=kommune_id,
        given_at=clock.now(),
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def give_own(pupil: User, data: dict) -> HandoverConsent:
    """A pupil of 14 or older consents in the app."""
    age = age_on(pupil.birth_date, today())
    if age is None or age < common.SELF_CONSENT_AGE:
        raise Forbidden("handover-guardian-consent-needed", age=common.SELF_CONSENT_AGE)
    return _record(pupil, "pupil", data, None)


def give_by_guardian(pupil: User, data: dict) -> HandoverConsent:
    """The guardians consent through their link (the caller checked that they decide)."""
    return _record(pupil, "guardian", data, None)


def record_for_pupil(staff: User, pupil_id: int, data: dict) -> HandoverConsent:
    """Staff record a signed consent: the guardian's below 14, the pupil's own from 14."""
    pupil = db.session.get(User, pupil_id)
    age = age_on(pupil.birth_date, today())
    needed = "pupil" if age is not None and age >= common.SELF_CONSENT_AGE else "guardian"
    if data["given_by"] != needed:
        raise Invalid(
            "consent-by-pupil-from-age" if needed == "pupil" else "consent-by-guardian-below-age",
            field="given_by",
            age=common.SELF_CONSENT_AGE,
        )
    consent = _record(pupil, data["given_by"], data, staff)
    audit.record(
        staff,
        "create",
        "handover_consent",
        [pupil.id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("consent",),
    )
    return consent


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
    """The Berufskollegs of the school's Kommune and the Kommune's coordination."""
    from app.schools.models import Kommune
    from app.verantwortungskette.common import recipient_name

    if home is None:
        return []
    colleges = db.session.scalars(
        select(School)
        .where(School.kommune_id == home.kommune_id, School.schulform == "BK")
        .order_by(School.name)
    )
    kommune = db.session.get(Kommune, home.kommune_id)
    return [
        {"recipient": "berufskolleg", "recipient_school_id": s.id, "name": s.name} for s in colleges
    ] + [
        {
            "recipient": "kommune",
            "recipient_school_id": None,
            "name": recipient_name("kommune", None, kommune),
        }
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
        "may_consent_myself": age is not None and age >= common.SELF_CONSENT_AGE,
    }
