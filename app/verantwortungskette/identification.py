"""Who the Verantwortungskette is about: leavers without a secured Anschluss, per school.

The population is the leavers of anschluss/cohort_terms.py (from the 10th school year of
attendance; Berufskolleg only full-time courses without a vocational qualification) without a
secured Anschluss; pupils admitted to the Abitur exam (and, where the Kommune's agreement says
so, to the Fachhochschulreife exam) are excluded as SchülerDÜG NRW says. One SELECT finds the
population; the consent and handover state of the listed pupils takes two more.
"""

from __future__ import annotations

from sqlalchemy import and_, not_, select

from app.anschluss import reference
from app.anschluss.cohort_terms import status_column
from app.anschluss.models import SECURED_STATUSES, Anschluss
from app.auth.models import User
from app.core import audit
from app.extensions import db
from app.schools.leaving import exam_admitted_clause, leaver_clause
from app.schools.models import ClassMembership, School, SchoolClass
from app.schools.teaching import taught_class_ids
from app.verantwortungskette import consent as consent_service
from app.verantwortungskette import rounds
from app.verantwortungskette.models import Handover, HandoverConsent, VkCase
from app.verantwortungskette.round_models import PlanDeclaration


def population_query(
    school_year_id: int,
    *,
    school_id: int | None = None,
    kommune_id: int | None = None,
    teacher_id: int | None = None,
):
    """Leavers of the school year without a secured Anschluss, not admitted to the exam, of a
    school (or all schools of a Kommune: the rounds' snapshots)."""
    query = (
        select(
            User.id.label("pupil_id"),
            SchoolClass.school_id,
            User.first_name,
            User.last_name,
            User.birth_date,
            User.sex,
            User.street,
            User.postcode,
            User.city,
            SchoolClass.id.label("class_id"),
            SchoolClass.name.label("class_name"),
            SchoolClass.jahrgang,
            status_column().label("status"),
            Anschluss.option_code,
            Anschluss.expected_certificate,
            Anschluss.achieved_certificate,
        )
        .select_from(SchoolClass)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(User, User.id == ClassMembership.pupil_id)
        .outerjoin(
            Anschluss,
            and_(
                Anschluss.pupil_id == ClassMembership.pupil_id,
                Anschluss.school_year_id == SchoolClass.school_year_id,
            ),
        )
        .where(
            SchoolClass.school_year_id == school_year_id,
            leaver_clause(),
            not_(exam_admitted_clause()),
            status_column().not_in(SECURED_STATUSES),
        )
        .order_by(SchoolClass.name, User.last_name, User.first_name, User.id)
    )
    if school_id is not None:
        query = query.where(SchoolClass.school_id == school_id)
    if kommune_id is not None:
        schools = select(School.id).where(School.kommune_id == kommune_id)
        query = query.where(SchoolClass.school_id.in_(schools))
    if teacher_id is not None:
        query = query.where(SchoolClass.id.in_(taught_class_ids(teacher_id)))
    return query


def population(school_id: int, teacher_id: int | None = None) -> list:
    year = reference.current_school_year()
    if year is None:
        return []
    return list(
        db.session.execute(
            population_query(year.id, school_id=school_id, teacher_id=teacher_id)
        ).all()
    )


def _chain_state(pupil_ids: list[int]) -> tuple[dict, dict, dict]:
    """Active consents, consent handovers (with case status) and statutory transfers."""
    consents: dict[int, list[dict]] = {}
    handed: dict[int, list[dict]] = {}
    statutory: dict[int, object] = {}
    if not pupil_ids:
        return consents, handed, statutory
    for consent in db.session.scalars(
        select(HandoverConsent).where(
            HandoverConsent.pupil_id.in_(pupil_ids), HandoverConsent.withdrawn_at.is_(None)
        )
    ):
        consents.setdefault(consent.pupil_id, []).append(
            {
                "id": consent.id,
                "recipient": consent.recipient_kind,
                "recipient_id": consent.recipient_id,
                "recipient_school_id": consent.recipient_school_id,
                "given_by": consent.given_by,
            }
        )
    rows = db.session.execute(
        select(Handover, VkCase.status)
        .outerjoin(VkCase, VkCase.handover_id == Handover.id)
        .where(Handover.pupil_id.in_(pupil_ids))
        .order_by(Handover.handed_over_at)
    )
    for handover, case_status in rows:
        if handover.kind == "statutory":
            statutory[handover.pupil_id] = handover.handed_over_at
            continue
        if handover.kind != "consent":  # Schulpflicht transfers after the summer (transition)
            continue
        handed.setdefault(handover.pupil_id, []).append(
            {
                "recipient": handover.recipient_kind,
                "recipient_name": handover.recipient_name,
                "handed_over_at": handover.handed_over_at,
                "case_status": case_status,
            }
        )
    return consents, handed, statutory


def latest_in_round(round_id: int | None, pupil_ids: list[int]) -> dict[int, PlanDeclaration]:
    """Each listed pupil's latest answer in the round (one statement)."""
    if round_id is None or not pupil_ids:
        return {}
    latest: dict[int, PlanDeclaration] = {}
    for declaration in db.session.scalars(
        select(PlanDeclaration)
        .where(
            PlanDeclaration.identification_round_id == round_id,
            PlanDeclaration.pupil_id.in_(pupil_ids),
        )
        .order_by(PlanDeclaration.declared_at, PlanDeclaration.id)
    ):
        latest[declaration.pupil_id] = declaration
    return latest


def identification_list(user, school_id: int, round_id: int | None) -> dict:
    school = db.session.get(School, school_id)
    identification_round = rounds.round_for_school(school, round_id)
    teacher_id = user.id if user.role == "teacher" else None
    rows = population(school_id, teacher_id)
    pupil_ids = [row.pupil_id for row in rows]
    consents, handed, statutory = _chain_state(pupil_ids)
    answers = latest_in_round(identification_round.id if identification_round else None, pupil_ids)
    audit.record(
        user,
        "read",
        "identification",
        pupil_ids,
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    items = [
        {
            "pupil_id": row.pupil_id,
            "first_name": row.first_name,
            "last_name": row.last_name,
            "class_id": row.class_id,
            "class_name": row.class_name,
            "status": row.status,
            "option_code": row.option_code,
            "expected_certificate": row.expected_certificate,
            "consents": consents.get(row.pupil_id, []),
            "handovers": handed.get(row.pupil_id, []),
            "statutory_transferred_at": statutory.get(row.pupil_id),
            "declaration": answers.get(row.pupil_id),
        }
        for row in rows
    ]
    recipients = consent_service.recipients_for_school(school)
    return {"round": identification_round, "items": items, "recipients": recipients}
