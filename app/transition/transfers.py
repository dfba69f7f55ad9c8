"""Transfers without consent where the law provides them, each logged with its legal basis.

- **Schulpflicht handover** (VO-DV I § 7 Abs. 1–3): for a leaver still obliged to attend school
  the leaving school passes the Schulpflicht data set to the receiving (or responsible)
  Berufskolleg. It needs no consent. The receiving school then sees the data set in its list
  of incoming pupils; the pupil sees the transfer among their disclosures.
- **Schulpflicht case**: a youth still obliged to attend school did not arrive at the school
  that expected them. The leaving school stays responsible until an admission is confirmed
  (VO-DV I § 7 Abs. 1); a case opens for the Kommune's coordination in the
  Verantwortungskette, with the case fields only.

Both are `Handover` rows of the Verantwortungskette's transfer log (the pupil's disclosures
read that log); only the Schulpflicht case has a `VkCase`.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import record
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import Kommune, School
from app.transition import schulpflicht
from app.verantwortungskette import common
from app.verantwortungskette.handover import transfer_fields
from app.verantwortungskette.models import WITHDRAWN, Handover, VkCase

LEGAL_BASIS_SCHOOL_TRANSFER = (
    "Überwachung der Schulpflicht: VO-DV I § 7 Abs. 1–3 (Übermittlung an die aufnehmende "
    "Schule, ohne Einwilligung); §§ 34–38 SchulG NRW"
)
LEGAL_BASIS_SCHULPFLICHT_CASE = (
    "Überwachung der Schulpflicht (§§ 34–41 SchulG NRW; VO-DV I § 7 Abs. 1); Übermittlung "
    "an eine öffentliche Stelle nach § 120 Abs. 5 SchulG NRW"
)
# The VO-DV I § 7 data set as far as the app holds it (the rest — birth place, nationality,
# guardians, first enrolment, absences — goes from the school's administration software).
SCHOOL_TRANSFER_FIELDS = (
    "identity",
    "contact",
    "school_number",
    "class",
    "prior_schooling",
    "intended_training",
)


def facts_of(pupil: User) -> schulpflicht.Facts:
    _year, anschluss = record.find_record(pupil.id)
    return schulpflicht.Facts(
        birth_date=pupil.birth_date,
        status=anschluss.status if anschluss else "offen",
        option_code=anschluss.option_code if anschluss else None,
        arrived=bool(anschluss and anschluss.closed_reason == "arrival_confirmed"),
    )


def evaluate(pupil: User) -> dict:
    return schulpflicht.evaluate(facts_of(pupil), clock.today())


def _log(actor, pupil: User, kind: str, **recipient) -> Handover:
    year = record.record_year(pupil.id)
    handover = Handover(
        pupil_id=pupil.id,
        pupil_pseudonym=common.pseudonym(pupil.id),
        school_id=pupil.school_id,
        school_year_id=year.id if year else None,
        kind=kind,
        handed_over_by_id=actor.id,
        handed_over_at=clock.now(),
        **recipient,
    )
    db.session.add(handover)
    return handover


def school_transfer(actor, pupil_id: int, school_id: int) -> Handover:
    """Pass the Schulpflicht data set to a Berufskolleg; once per pupil and school."""
    pupil = db.session.get(User, pupil_id)
    school = db.session.get(School, school_id)
    if school is None or not school.is_berufskolleg:
        raise Invalid("school-transfer-not-a-berufskolleg", field="school_id")
    if not evaluate(pupil)["obliged"]:
        raise Invalid("school-transfer-not-obliged", field="pupil_id")
    existing = db.session.scalar(
        select(Handover).where(
            Handover.pupil_id == pupil.id,
            Handover.kind == "school_transfer",
            Handover.recipient_school_id == school.id,
        )
    )
    if existing is not None:
        return existing
    handover = _log(
        actor,
        pupil,
        "school_transfer",
        legal_basis=LEGAL_BASIS_SCHOOL_TRANSFER,
        recipient_kind="berufskolleg",
        recipient_school_id=school.id,
        recipient_name=school.name,
        fields=",".join(SCHOOL_TRANSFER_FIELDS),
    )
    db.session.flush()
    audit.record(
        actor,
        "transfer",
        "school_transfer",
        [pupil.id],
        audit.Purpose.SCHOOL_TRANSFER,
        SCHOOL_TRANSFER_FIELDS,
    )
    return handover


def open_schulpflicht_case(actor, pupil: User) -> VkCase:
    """A case for the Kommune's coordination; an open one is reused (idempotent)."""
    existing = db.session.scalar(
        select(VkCase)
        .join(Handover, Handover.id == VkCase.handover_id)
        .where(
            VkCase.pupil_id == pupil.id,
            Handover.kind == "schulpflicht",
            VkCase.closed_at.is_(None),
            VkCase.status != WITHDRAWN,
        )
    )
    if existing is not None:
        return existing
    home = db.session.get(School, pupil.school_id)
    kommune = db.session.get(Kommune, home.kommune_id)
    now = clock.now()
    handover = _log(
        actor,
        pupil,
        "schulpflicht",
        legal_basis=LEGAL_BASIS_SCHULPFLICHT_CASE,
        recipient_kind="kommune",
        recipient_kommune_id=kommune.id,
        recipient_name=common.recipient_name("kommune", None, kommune),
        fields=",".join(common.CASE_FIELDS),
    )
    handover.case = VkCase(
        pupil_id=pupil.id,
        recipient_kind="kommune",
        recipient_kommune_id=kommune.id,
        status="neu",
        created_at=now,
        updated_at=now,
        **transfer_fields(pupil),
    )
    db.session.flush()
    audit.record(
        actor, "transfer", "vk_case", [pupil.id], audit.Purpose.SCHOOL_TRANSFER, common.CASE_FIELDS
    )
    return handover.case


def transfer_view(handover: Handover) -> dict:
    return {
        "id": handover.id,
        "pupil_id": handover.pupil_id,
        "recipient_school_id": handover.recipient_school_id,
        "recipient_name": handover.recipient_name,
        "legal_basis": handover.legal_basis,
        "fields": handover.fields.split(","),
        "handed_over_at": handover.handed_over_at,
    }
