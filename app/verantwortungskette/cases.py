"""The receiving coordinator's cases: list, detail, status/outcome, follow-up and contact log.

Every coordinator belongs to one recipient organisation and sees only the cases handed to it:
a bk_coordinator those of their Berufskolleg, a kommune_coordinator those of their Kommune's
coordination, a recipient_coordinator (Agentur für Arbeit, Jobcenter, Jugendhilfe …) those of
the organisation their account belongs to — only the transfer fields, nothing else of the pupil.
The contact log offers only channels the transfer covers (no phone without a number).
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.anschluss import reference
from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.verantwortungskette import common, recipients, school_side
from app.verantwortungskette.models import WITHDRAWN, CaseContact, Handover, VkCase

CLOSING_STATUSES = ("vermittelt", "abgelehnt", "abgeschlossen")
PURPOSE = {
    "bk_coordinator": audit.Purpose.SCHOOL_TRANSFER,
    "kommune_coordinator": audit.Purpose.PLACEMENT_FOLLOWUP,
    "recipient_coordinator": audit.Purpose.PLACEMENT_FOLLOWUP,
}
COORDINATOR_ROLES = tuple(PURPOSE)


def recipient_clause(user):
    """The cases handed to this coordinator's organisation."""
    if user.role == "bk_coordinator":
        return (VkCase.recipient_kind == "berufskolleg") & (
            VkCase.recipient_school_id == user.school_id
        )
    if user.role == "recipient_coordinator":
        organisation = recipients.organisation_of(user)
        return VkCase.recipient_id == organisation if organisation else VkCase.id.is_(None)
    return (VkCase.recipient_kind == "kommune") & (VkCase.recipient_kommune_id == user.kommune_id)


def is_recipient(user, case: VkCase) -> bool:
    if user.role == "bk_coordinator":
        return case.recipient_kind == "berufskolleg" and case.recipient_school_id == user.school_id
    if user.role == "kommune_coordinator":
        return case.recipient_kind == "kommune" and case.recipient_kommune_id == user.kommune_id
    if user.role == "recipient_coordinator":
        return case.recipient_id is not None and case.recipient_id == recipients.organisation_of(
            user
        )
    return False


def contact_channels(case: VkCase) -> list[str]:
    """The channels the transfer makes possible: letter and visit need the address only."""
    return [
        *(["phone"] if case.phone else []),
        *(["email"] if case.email else []),
        "letter",
        "visit",
    ]


def default_channel(case: VkCase) -> str:
    channels = contact_channels(case)
    return case.preferred_channel if case.preferred_channel in channels else channels[0]


def overdue_clause(today):
    return (
        VkCase.follow_up_on.is_not(None)
        & (VkCase.follow_up_on < today)
        & VkCase.status.not_in((*CLOSING_STATUSES, WITHDRAWN))
    )


def _view(case: VkCase, today, contacts=None, school: dict | None = None) -> dict:
    handover = case.handover
    view = {
        "id": case.id,
        "kind": handover.kind,
        "school_anschluss": school,
        "status": case.status,
        "anschluss_option": case.anschluss_option,
        "follow_up_on": case.follow_up_on,
        "overdue": bool(
            case.follow_up_on
            and case.follow_up_on < today
            and case.status not in (*CLOSING_STATUSES, WITHDRAWN)
        ),
        "handed_over_at": handover.handed_over_at,
        "legal_basis": handover.legal_basis,
        "updated_at": case.updated_at,
        "identity": {
            "first_name": case.first_name,
            "last_name": case.last_name,
            "birth_date": case.birth_date,
            "sex": case.sex,
        },
        "contact": {
            "street": case.street,
            "postcode": case.postcode,
            "city": case.city,
            "email": case.email,
            "phone": case.phone,
            "preferred_channel": case.preferred_channel,
        },
        "recipient_name": handover.recipient_name,
        "contact_channels": contact_channels(case),
        "default_channel": default_channel(case),
        "prior_schooling": {
            "school_name": case.school_name,
            "school_form": case.school_form,
            "certificate": case.certificate,
        },
        "intended_training": {"option_code": case.wish_option, "text": case.wish_text},
    }
    if contacts is not None:
        view["contacts"] = contacts
    return view


def _contact_view(contact: CaseContact) -> dict:
    return {
        "id": contact.id,
        "date": contact.contacted_on,
        "channel": contact.channel,
        "outcome": contact.outcome,
        "recorded_at": contact.recorded_at,
        "template": contact.template,
    }


def _audit(user, action: str, pupil_ids) -> None:
    audit.record(
        user,
        action,
        "vk_case",
        [p for p in pupil_ids if p is not None],
        PURPOSE[user.role],
        common.CASE_FIELDS,
    )


def list_cases(user, query: dict) -> list[dict]:
    """Active cases of the coordinator; withdrawn ones have left the list (processing ended)."""
    today = reference.today()
    statement = (
        select(VkCase)
        .options(selectinload(VkCase.handover))
        .where(recipient_clause(user), VkCase.status != WITHDRAWN)
    )
    if query.get("overdue"):
        statement = statement.where(overdue_clause(today))
    if query.get("status"):
        statement = statement.where(VkCase.status.in_(query["status"]))
    statement = statement.order_by(
        VkCase.follow_up_on.is_(None), VkCase.follow_up_on, VkCase.id.desc()
    )
    cases = list(db.session.scalars(statement))
    counts = (
        dict(
            db.session.execute(
                select(CaseContact.case_id, func.count(CaseContact.id))
                .where(CaseContact.case_id.in_([c.id for c in cases]))
                .group_by(CaseContact.case_id)
            ).all()
        )
        if cases
        else {}
    )
    _audit(user, "read", [c.pupil_id for c in cases])
    school = school_side.school_anschluss([c.pupil_id for c in cases])
    return [
        {**_view(c, today, school=school.get(c.pupil_id)), "contact_count": counts.get(c.id, 0)}
        for c in cases
    ]


def _detail(case: VkCase) -> dict:
    school = school_side.school_anschluss([case.pupil_id]).get(case.pupil_id)
    return _view(case, reference.today(), [_contact_view(c) for c in case.contacts], school)


def _active(case_id: int) -> VkCase:
    case = db.session.get(VkCase, case_id)
    if case.status == WITHDRAWN:
        raise common.Gone("case-consent-withdrawn")
    return case


def get_case(user, case_id: int) -> dict:
    case = _active(case_id)
    _audit(user, "read", [case.pupil_id])
    return _detail(case)


def _check_option(status: str, option: str | None) -> None:
    if status == "vermittelt" and not option:
        raise Invalid("placement-needs-option", field="anschluss_option")
    if option is None:
        return
    reference.require_option(option, field="anschluss_option")
    if option in reference.NO_ANSCHLUSS_OPTIONS:
        raise Invalid("option-means-no-anschluss", field="anschluss_option")


def update_case(user, case_id: int, data: dict) -> dict:
    case = _active(case_id)
    status = data.get("status", case.status)
    option = data.get("anschluss_option", case.anschluss_option)
    _check_option(status, option)
    now = clock.now()
    case.status = status
    case.anschluss_option = option
    if "follow_up_on" in data:
        case.follow_up_on = data["follow_up_on"]
    case.closed_at = (case.closed_at or now) if status in CLOSING_STATUSES else None
    case.updated_at = now
    db.session.flush()
    _audit(user, "update", [case.pupil_id])
    return _detail(case)


def active_case(case_id: int) -> VkCase:
    """The case, unless its consent was withdrawn (then 410)."""
    return _active(case_id)


def add_contact(user, case_id: int, data: dict, template: str | None = None) -> dict:
    case = _active(case_id)
    if data["date"] > reference.today():
        raise Invalid("contact-in-future", field="date")
    if data["channel"] not in contact_channels(case):
        raise Invalid("contact-channel-not-covered", field="channel")
    contact = CaseContact(
        case_id=case.id,
        contacted_on=data["date"],
        channel=data["channel"],
        outcome=data["outcome"],
        recorded_by_id=user.id,
        template=template,
    )
    db.session.add(contact)
    # The first logged attempt moves a new case on; anything later is the coordinator's call.
    if case.status == "neu":
        case.status = "kontaktiert"
    case.updated_at = clock.now()
    db.session.flush()
    _audit(user, "update", [case.pupil_id])
    return _contact_view(contact)


def case_outcomes_for_pupils(pupil_ids) -> dict[int, str]:
    """Latest case status per pupil (one query) — for the leaving school's cohort view.

    `pupil_ids` is an iterable of ids or a SELECT of pupil ids (a whole cohort stays one
    statement instead of a bound parameter per pupil).
    """
    if not isinstance(pupil_ids, Select):
        pupil_ids = list(pupil_ids)
        if not pupil_ids:
            return {}
    rows = db.session.execute(
        select(VkCase.pupil_id, VkCase.status)
        .join(Handover, Handover.id == VkCase.handover_id)
        .where(VkCase.pupil_id.in_(pupil_ids))
        .order_by(Handover.handed_over_at, VkCase.id)
    )
    return {pupil_id: status for pupil_id, status in rows}


def case_outcome_expr(pupil_id_column):
    """The same latest case status as `case_outcomes_for_pupils`, as a correlated column of
    a cohort SELECT (NULL when the pupil was not handed over)."""
    return (
        select(VkCase.status)
        .join(Handover, Handover.id == VkCase.handover_id)
        .where(VkCase.pupil_id == pupil_id_column)
        .order_by(Handover.handed_over_at.desc(), VkCase.id.desc())
        .limit(1)
        .scalar_subquery()
    )
