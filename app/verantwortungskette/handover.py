"""Handover with consent: the school hands a leaver to a recipient organisation of its Kommune.

The legal basis is recorded per transfer; without a valid, unwithdrawn consent naming exactly
that recipient the handover is refused. The case gets a copy of the transfer fields only, and
the pupil's phone number, e-mail and preferred channel only where the consent covers them.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import record, reference
from app.anschluss.models import Anschluss, Anschlussvereinbarung
from app.anschluss.reference import NO_ANSCHLUSS_OPTIONS
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.schools.models import School
from app.verantwortungskette import common, recipients, rounds
from app.verantwortungskette import consent as consents
from app.verantwortungskette.models import CASE_KIND, WITHDRAWN, Handover, HandoverConsent, VkCase


def purpose_for(kind: str) -> str:
    """A Berufskolleg admits a pupil (school transfer); everyone else follows up placement."""
    if kind == "berufskolleg":
        return audit.Purpose.SCHOOL_TRANSFER
    return audit.Purpose.PLACEMENT_FOLLOWUP


def _pupil_of_school(staff: User, pupil_id: int) -> User:
    pupil = db.session.get(User, pupil_id)
    if pupil is None or pupil.role != "pupil" or pupil.school_id != staff.school_id:
        raise Invalid("pupil-not-of-your-school", field="pupil_id")
    return pupil


def _wish(pupil_id: int, anschluss: Anschluss | None) -> tuple[str | None, str | None]:
    agreement = db.session.scalar(
        select(Anschlussvereinbarung)
        .where(Anschlussvereinbarung.pupil_id == pupil_id, Anschlussvereinbarung.is_current)
        .order_by(Anschlussvereinbarung.version.desc())
        .limit(1)
    )
    if agreement is not None and (agreement.wish_option or agreement.wish_text):
        return agreement.wish_option, agreement.wish_text or None
    option = anschluss.option_code if anschluss else None
    return (None if option in NO_ANSCHLUSS_OPTIONS else option), None


def covered_contact(consent: HandoverConsent | None, pupil: User) -> dict:
    """Phone, e-mail and the preferred channel — each only where the consent covers it."""
    covers = set((consent.categories or "").split(",")) if consent else set()
    return {
        "email": pupil.email if "email" in covers else None,
        "phone": consent.phone if consent and "phone" in covers else None,
        "preferred_channel": consent.preferred_channel if consent else None,
    }


def transfer_fields(pupil: User, consent: HandoverConsent | None = None) -> dict:
    """Identity, address, prior schooling and intended training, and the contact data the
    consent covers — nothing else (B1)."""
    school = db.session.get(School, pupil.school_id)
    _year, anschluss = record.find_record(pupil.id)  # the leaving cohort's record
    wish_option, wish_text = _wish(pupil.id, anschluss)
    return {
        "first_name": pupil.first_name,
        "last_name": pupil.last_name,
        "birth_date": pupil.birth_date,
        "sex": pupil.sex,
        "street": pupil.street,
        "postcode": pupil.postcode,
        "city": pupil.city,
        **covered_contact(consent, pupil),
        "school_name": school.name,
        "school_form": common.schulform_names([school.schulform]).get(
            school.schulform, school.schulform
        ),
        "certificate": (
            (anschluss.achieved_certificate or anschluss.expected_certificate)
            if anschluss
            else None
        ),
        "wish_option": wish_option,
        "wish_text": wish_text,
    }


def _open_case_exists(consent_id: int) -> bool:
    return (
        db.session.scalar(
            select(VkCase.id)
            .join(Handover, Handover.id == VkCase.handover_id)
            .where(
                Handover.consent_id == consent_id,
                VkCase.closed_at.is_(None),
                VkCase.status != WITHDRAWN,
            )
            .limit(1)
        )
        is not None
    )


def hand_over(staff: User, data: dict) -> Handover:
    pupil = _pupil_of_school(staff, data["pupil_id"])
    recipient = consents.resolve_recipient(pupil, data)
    kind = CASE_KIND[recipient.kind]
    consent = consents.active_consent(pupil.id, recipient)
    if consent is None:
        raise Invalid("handover-without-consent", field=recipients.named_field(data))
    if _open_case_exists(consent.id):
        raise Conflict("already-handed-over")
    home = db.session.get(School, pupil.school_id)
    round_id = data.get("identification_round_id")
    if round_id is not None:
        round_id = rounds.round_for_school(home, round_id).id
    now = clock.now()
    year = reference.current_school_year()
    handover = Handover(
        pupil_id=pupil.id,
        pupil_pseudonym=common.pseudonym(pupil.id),
        school_id=home.id,
        school_year_id=year.id if year else None,
        kind="consent",
        legal_basis=common.LEGAL_BASIS_CONSENT,
        consent_id=consent.id,
        recipient_kind=kind,
        recipient_id=recipient.id,
        recipient_school_id=recipient.school_id,
        recipient_kommune_id=recipient.kommune_id,
        recipient_name=recipient.name,
        fields=",".join(_fields(consent)),
        identification_round_id=round_id,
        handed_over_by_id=staff.id,
        handed_over_at=now,
    )
    handover.case = VkCase(
        pupil_id=pupil.id,
        recipient_kind=kind,
        recipient_id=recipient.id,
        recipient_school_id=recipient.school_id,
        recipient_kommune_id=recipient.kommune_id,
        status="neu",
        created_at=now,
        updated_at=now,
        **transfer_fields(pupil, consent),
    )
    db.session.add(handover)
    db.session.flush()
    audit.record(staff, "transfer", "vk_case", [pupil.id], purpose_for(kind), _fields(consent))
    return handover


def _fields(consent: HandoverConsent) -> tuple[str, ...]:
    covered = [c for c in (consent.categories or "").split(",") if c]
    return (*common.CASE_FIELDS, *covered)


def handover_view(handover: Handover, case_status: str | None) -> dict:
    return {
        "id": handover.id,
        "pupil_id": handover.pupil_id,
        "kind": handover.kind,
        "recipient": handover.recipient_kind,
        "recipient_name": handover.recipient_name,
        "legal_basis": handover.legal_basis,
        "fields": handover.fields.split(",") if handover.fields else [],
        "handed_over_at": handover.handed_over_at,
        "case_status": case_status,
    }


def school_handovers(staff: User, school_id: int) -> list[dict]:
    """The school's handovers with the outcome status only (no contact log, no case data)."""
    rows = db.session.execute(
        select(Handover, VkCase.status, User.first_name, User.last_name)
        .outerjoin(VkCase, VkCase.handover_id == Handover.id)
        .outerjoin(User, User.id == Handover.pupil_id)
        .where(Handover.school_id == school_id, Handover.pupil_id.is_not(None))
        .order_by(Handover.handed_over_at.desc(), Handover.id.desc())
    ).all()
    audit.record(
        staff,
        "read",
        "handovers",
        sorted({h.pupil_id for h, *_ in rows}),
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "transfer"),
    )
    return [
        {**handover_view(handover, status), "first_name": first, "last_name": last}
        for handover, status, first, last in rows
    ]
