"""Self-found placements: a Betriebspraktikum (Sek I, SBO 6.1) or Praxiselemente (Sek II,
SBO 9.1) at a company, university or institution not in the system.

The pupil or a teacher records it; the class teacher (or the StuBO) confirms it, assigns a
visiting teacher of the school, plans and records the visit and, at the end, the company's
certificate or assessment. The agreement PDF (placement_pdf.py) is signed by company, parents
and school. Hours follow the Jugendarbeitsschutzgesetz (jarbschg.py); Sek II Praxiselemente
last at least five days, as single days or a block.
"""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.internships import jarbschg
from app.internships.models import Placement
from app.internships.schooldays import school_days
from app.schools.models import ClassMembership, SchoolClass, SchoolYear

SEK_II = ("EF", "Q1", "Q2")
MIN_PRAXIS_DAYS = 5
PUPIL_FIELDS = (
    "institution_type", "company_name", "street", "postcode", "city", "contact_name",
    "contact_phone", "contact_email", "berufsfeld", "occupation", "starts_on", "ends_on",
    "weekdays", "daily_start", "daily_end", "break_minutes",
)  # fmt: skip
DEFAULTS = {
    "institution_type": "company", "street": "", "postcode": "", "city": "", "contact_name": "",
    "contact_phone": "", "contact_email": "", "occupation": "", "weekdays": "",
    "berufsfeld": None, "break_minutes": None,
}  # fmt: skip
STAFF_FIELDS = (
    "visiting_teacher_id", "visit_planned_on", "visited_on", "visit_note",
    "certificate_received_on", "assessment",
)  # fmt: skip


def _jahrgang(pupil_id: int) -> str | None:
    return db.session.scalar(
        select(SchoolClass.jahrgang)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(ClassMembership.pupil_id == pupil_id)
        .order_by(SchoolYear.starts_on.desc())
        .limit(1)
    )


def _check(placement: Placement) -> None:
    """Dates, school days and the hours of the placement's stage (422 naming the rule)."""
    if placement.ends_on < placement.starts_on:
        raise Invalid("slot-ends-before-start", field="ends_on")
    if (placement.ends_on - placement.starts_on).days > 366:
        raise Invalid("placement-length", field="ends_on")
    if placement.daily_end <= placement.daily_start:
        raise Invalid("slot-day-ends-before-start", field="daily_end")
    days = school_days(placement.starts_on, placement.ends_on, placement.weekdays)
    if not days:
        raise Invalid("slot-without-school-day", field="starts_on")
    stage = "sek2" if placement.kind == "praxiselement" else "sek1"
    per_week = len(set(placement.weekdays)) or 5
    jarbschg.check(
        placement.daily_start, placement.daily_end, placement.break_minutes, per_week, stage
    )
    if placement.kind == "praxiselement" and len(days) < MIN_PRAXIS_DAYS:
        raise Invalid("praxiselemente-days", field="ends_on", days=MIN_PRAXIS_DAYS)


def create(actor, pupil_id: int, data: dict) -> dict:
    """Record a self-found placement (proposed until the teacher confirms it)."""
    jahrgang = _jahrgang(pupil_id)
    if jahrgang is None:
        raise Conflict("placement-needs-class")
    placement = Placement(
        pupil_id=pupil_id,
        jahrgang=jahrgang,
        kind="praxiselement" if jahrgang in SEK_II else "praktikum",
        created_by=actor.id,
        status="proposed",
        visit_note="",
        assessment="",
        **(DEFAULTS | {key: data[key] for key in PUPIL_FIELDS if key in data}),
    )
    _check(placement)
    if actor.role != "pupil" and data.get("confirm"):
        _confirm(actor, placement)
    db.session.add(placement)
    db.session.flush()
    _audit(actor, "create", placement)
    return view(placement)


def _confirm(actor, placement: Placement) -> None:
    placement.status = "confirmed"
    placement.confirmed_by = actor.id
    placement.confirmed_at = clock.now()


def _check_visiting_teacher(pupil: User, teacher_id: int | None) -> None:
    if teacher_id is None:
        return
    teacher = db.session.get(User, teacher_id)
    if (
        teacher is None
        or teacher.role not in ("teacher", "stubo")
        or teacher.school_id != pupil.school_id
        or not teacher.active
    ):
        raise Invalid("visiting-teacher-invalid", field="visiting_teacher_id")


def update(actor, placement_id: int, data: dict) -> dict:
    """Staff: change the placement's data, confirm or withdraw it, assign the visiting
    teacher, plan and record the visit, record the certificate."""
    placement = db.session.get(Placement, placement_id)
    if placement.status == "withdrawn":
        raise Conflict("placement-withdrawn")
    pupil = db.session.get(User, placement.pupil_id)
    _check_visiting_teacher(pupil, data.get("visiting_teacher_id"))
    for key in (*PUPIL_FIELDS, *STAFF_FIELDS):
        if key in data:
            setattr(placement, key, data[key])
    _check(placement)
    if placement.visited_on and placement.visited_on > clock.today():
        raise Invalid("visit-in-future", field="visited_on")
    if data.get("status") == "confirmed" and placement.status != "confirmed":
        _confirm(actor, placement)
    elif data.get("status") == "withdrawn":
        placement.status = "withdrawn"
    placement.updated_at = clock.now()
    db.session.flush()
    _audit(actor, "update", placement)
    return view(placement)


def list_for(actor, pupil_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(Placement)
        .where(Placement.pupil_id == pupil_id)
        .order_by(Placement.starts_on, Placement.id)
    ).all()
    if actor.role != "pupil":
        audit.record(
            actor, "read", "placements", [pupil_id], audit.Purpose.PLACEMENT_FOLLOWUP, ("kaoa",)
        )
    names = _names({r.visiting_teacher_id for r in rows} - {None})
    return [view(row, names) for row in rows]


def _names(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(User.id, User.first_name, User.last_name).where(User.id.in_(user_ids))
    )
    return {uid: f"{first} {last}".strip() for uid, first, last in rows}


def _audit(actor, action: str, placement: Placement) -> None:
    audit.record(
        actor,
        action,
        "placement",
        [placement.pupil_id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("kaoa",),
    )


def view(placement: Placement, names: dict[int, str] | None = None) -> dict:
    if names is None:
        names = _names({placement.visiting_teacher_id} - {None})
    days = school_days(placement.starts_on, placement.ends_on, placement.weekdays)
    return {
        **{key: getattr(placement, key) for key in (*PUPIL_FIELDS, *STAFF_FIELDS)},
        "id": placement.id,
        "pupil_id": placement.pupil_id,
        "kind": placement.kind,
        "status": placement.status,
        "jahrgang": placement.jahrgang,
        "days": len(days),
        "working_hours": round(
            jarbschg.working_hours(
                placement.daily_start, placement.daily_end, placement.break_minutes
            ),
            2,
        ),
        "visiting_teacher_name": names.get(placement.visiting_teacher_id),
        "confirmed_at": placement.confirmed_at,
        "agreement_url": f"/api/v1/placements/{placement.id}/agreement.pdf",
    }
