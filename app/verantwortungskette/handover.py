"""Handover with consent: the school hands a leaver to a Berufskolleg or the Kommune.

The legal basis is recorded per transfer; without a valid, unwithdrawn consent naming exactly
that recipient the handover is refused. The case gets a copy of the transfer fields only.
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
from app.schools.models import Kommune, School
from app.verantwortungskette import common, rounds
from app.verantwortungskette import consent as consents
from app.verantwortungskette.models import WITHDRAWN, Handover, VkCase

RECIPIENT_PURPOSE = {
    "berufskolleg": audit.Purpose.SCHOOL_TRANSFER,
    "kommune": audit.Purpose.PLACEMENT_FOLLOWUP,
}


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


def transfer_fields(pupil: User) -> dict:
    """Identity, contact, prior schooling and intended training — nothing else (B1)."""
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
        "email": pupil.email,
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
    kind = data["recipient"]
    school_id, kommune_id = consents.resolve_recipient(pupil, kind, data.get("recipient_school_id"))
    consent = consents.active_consent(pupil.id, kind, school_id, kommune_id)
    if consent is None:
        raise Invalid("handover-without-consent", field="recipient")
    if _open_case_exists(consent.id):
        raise Conflict("already-handed-over")
    home = db.session.get(School, pupil.school_id)
    round_id = data.get("identification_round_id")
    if round_id is not None:
        round_id = rounds.round_for_school(home, round_id).id
    recipient_school = db.session.get(School, school_id) if school_id else None
    recipient_kommune = db.session.get(Kommune, kommune_id) if kommune_id else None
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
        recipient_school_id=school_id,
        recipient_kommune_id=kommune_id,
        recipient_name=common.recipient_name(kind, recipient_school, recipient_kommune),
        fields=",".join(common.CASE_FIELDS),
        identification_round_id=round_id,
        handed_over_by_id=staff.id,
        handed_over_at=now,
    )
    handover.case = VkCase(
        pupil_id=pupil.id,
        recipient_kind=kind,
        recipient_school_id=school_id,
        recipient_kommune_id=kommune_id,
        status="neu",
        created_at=now,
        updated_at=now,
        **transfer_fields(pupil),
    )
    db.session.add(handover)
    db.session.flush()
    audit.record(
        staff, "transfer", "vk_case", [pupil.id], RECIPIENT_PURPOSE[kind], common.CASE_FIELDS
    )
    return handover


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
