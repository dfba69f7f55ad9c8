"""Importing a class roster (SchILD-NRW CSV): preview, then commit all rows or none.

Pupils are matched by their external id within the school, so importing the same file
again changes nothing. A commit writes only when every row is valid. What a row may touch
depends on the caller (roster_plan.py): a class teacher's file never reaches pupils of other
classes; the StuBO's moves between classes need an explicit confirmation and are audited.
"""

from __future__ import annotations

from datetime import date

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import DomainError
from app.extensions import db
from app.schools import target_groups
from app.schools.models import ClassMembership, SchoolClass
from app.schools.roster_csv import MEMBERSHIP_FIELDS, TARGET_GROUP_FIELDS, parse_roster
from app.schools.roster_plan import RosterPlan, plan_roster

MAX_BYTES = 2 * 1024 * 1024
MODES = ("preview", "commit")
AUDIT_CATEGORIES = ("identity", "contact", "class")


class ContentTooLarge(DomainError):
    status = 413
    generic_code = "payload-too-large"


def _age_range(school_class: SchoolClass) -> tuple[int, int]:
    """Plausible ages: Sek I/II pupils 8–30; Berufskolleg courses also take adults."""
    return (14, 65) if school_class.jahrgang.startswith("BK") else (8, 30)


def read_upload(stream) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ContentTooLarge("roster-file-too-large", field="file", megabytes=MAX_BYTES >> 20)
    return data


def _person(fields: dict) -> dict:
    return {
        name: value
        for name, value in fields.items()
        if name not in MEMBERSHIP_FIELDS and name not in TARGET_GROUP_FIELDS
    }


def _write(plan: RosterPlan, school_class: SchoolClass) -> list[User]:
    created = []
    attendance = {}  # user → school year of attendance from the file (stored on the membership)
    for row in plan.created:
        user = User(
            role="pupil",
            school_id=school_class.school_id,
            display_name=row.fields["first_name"],
            **_person(row.fields),
        )
        db.session.add(user)
        created.append(user)
        attendance[user] = row.fields.get("attendance_year")
    for update in plan.updated:
        for name in update.changes:
            if name not in ("class", *MEMBERSHIP_FIELDS, *TARGET_GROUP_FIELDS):
                setattr(update.user, name, update.row.fields[name])
        attendance[update.user] = update.row.fields.get("attendance_year")
        if update.membership is not None:
            update.membership.class_id = school_class.id  # a confirmed move, same school year
            if "attendance_year" in update.row.fields:
                update.membership.attendance_year = update.row.fields["attendance_year"]
    db.session.flush()
    new_members = created + [u.user for u in plan.updated if u.membership is None]
    db.session.add_all(
        ClassMembership(
            pupil_id=user.id,
            class_id=school_class.id,
            school_year_id=school_class.school_year_id,
            attendance_year=attendance.get(user),
        )
        for user in new_members
    )
    db.session.flush()
    return created


def _audit_moves(actor, plan: RosterPlan, school_class: SchoolClass) -> None:
    """One entry per moved pupil, naming both classes (the old class teacher loses access)."""
    for move in plan.moves:
        audit.record(
            actor,
            "move",
            "class_membership",
            [move.user.id],
            audit.Purpose.CLASS_MANAGEMENT,
            categories=("class",),
            reason=(
                f"roster import moved the pupil from class {move.from_class.id} "
                f"({move.from_class.name}) to class {school_class.id} ({school_class.name})"
            ),
        )


def _report(mode: str, committed: bool, plan: RosterPlan, confirm_moves: bool) -> dict:
    return {
        "mode": mode,
        "committed": committed,
        "created": [
            {
                "row": row.row,
                "external_id": row.fields["external_id"],
                "first_name": row.fields["first_name"],
                "last_name": row.fields["last_name"],
            }
            for row in plan.created
        ],
        "updated": [
            {"row": u.row.row, "external_id": u.row.fields["external_id"], "changes": u.shown}
            for u in plan.updated
        ],
        # Names as the file gives them; the old class only for those who may move pupils.
        "moves": [
            {
                "row": m.row.row,
                "external_id": m.row.fields["external_id"],
                "first_name": m.row.fields["first_name"],
                "last_name": m.row.fields["last_name"],
                "from_class": m.from_class.name,
            }
            for m in plan.moves
        ],
        "moves_confirmed": bool(plan.moves) and confirm_moves,
        "unchanged": len(plan.unchanged),
        "rejected": plan.rejected,
    }


def _write_target_groups(parsed, users) -> None:
    """KAoA target groups from the file's Förderschwerpunkt / date of arrival, where it has
    those columns (staff changes win: target_groups.from_import)."""
    columns = [name for name in TARGET_GROUP_FIELDS if name in parsed.column_index]
    if not columns:
        return
    facts = {
        row.fields["external_id"]: {name: row.fields.get(name) for name in columns}
        for row in parsed.rows
    }
    pairs = [(u, facts[u.external_id]) for u in users if u.external_id in facts]
    target_groups.from_import(pairs, clock.today())


def import_roster(
    user,
    class_id: int,
    data: bytes,
    mode: str = "preview",
    *,
    confirm_moves: bool = False,
    today: date | None = None,
) -> dict:
    """Preview or commit a roster file for a class. Returns the report; on commit with any
    rejected row, or with moves between classes not confirmed, nothing is written and
    `committed` is false (the route answers 422)."""
    school_class = db.session.get(SchoolClass, class_id)
    parsed = parse_roster(data, school_class.name, _age_range(school_class), today or clock.today())
    plan = plan_roster(parsed, school_class, user)
    committed = mode == "commit" and not plan.rejected and (confirm_moves or not plan.moves)
    created = _write(plan, school_class) if committed else []
    if committed:
        _audit_moves(user, plan, school_class)
        _write_target_groups(parsed, [*created, *(u.user for u in plan.updated), *plan.unchanged])
    audit.record(
        user,
        "import",
        "class_roster",
        plan.pupil_ids + [u.id for u in created],
        audit.Purpose.CLASS_MANAGEMENT,
        categories=AUDIT_CATEGORIES,
        reason=f"roster {mode} for class {class_id}",
    )
    return _report(mode, committed, plan, confirm_moves)
