"""Importing a class roster (SchILD-NRW CSV): preview, then commit all rows or none.

Pupils are matched by their external id within the school, so importing the same file
again changes nothing. A commit writes only when every row is valid.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, select

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import DomainError
from app.extensions import db
from app.schools.models import ClassMembership, SchoolClass
from app.schools.roster_csv import ParsedRoster, RosterRow, parse_roster

MAX_BYTES = 2 * 1024 * 1024
MODES = ("preview", "commit")
# Fields compared for "updated"; the first four come from every file, the rest only when the
# file carries their column (an empty cell then clears the stored value).
PERSON_FIELDS = (
    "last_name",
    "first_name",
    "birth_date",
    "sex",
    "street",
    "postcode",
    "city",
    "email",
)
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


def _existing(school_class: SchoolClass, external_ids: list[str]) -> dict[str, tuple]:
    """Users of the school with these ids and their membership in the class's school year,
    in one query: external id → (user, membership or None)."""
    rows = db.session.execute(
        select(User, ClassMembership)
        .outerjoin(
            ClassMembership,
            and_(
                ClassMembership.pupil_id == User.id,
                ClassMembership.school_year_id == school_class.school_year_id,
            ),
        )
        .where(User.school_id == school_class.school_id, User.external_id.in_(external_ids))
    ).all()
    return {user.external_id: (user, membership) for user, membership in rows}


def _changes(user: User, membership, row: RosterRow, class_id: int) -> list[str]:
    changed = [
        name
        for name in PERSON_FIELDS
        if name in row.fields and getattr(user, name) != row.fields[name]
    ]
    if membership is None or membership.class_id != class_id:
        changed.append("class")
    return changed


def _plan(parsed: ParsedRoster, school_class: SchoolClass) -> dict:
    """Sort the valid rows into created / updated / unchanged against the database."""
    existing = _existing(school_class, [row.fields["external_id"] for row in parsed.rows])
    plan = {"created": [], "updated": [], "unchanged": [], "rejected": parsed.rejected}
    for row in parsed.rows:
        user, membership = existing.get(row.fields["external_id"], (None, None))
        if user is None:
            plan["created"].append(row)
        elif user.role != "pupil":
            parsed.reject(
                row.row, "staff_id", parsed.columns["external_id"], value=user.external_id
            )
        elif changes := _changes(user, membership, row, school_class.id):
            plan["updated"].append((row, user, membership, changes))
        else:
            plan["unchanged"].append(user)
    plan["rejected"].sort(key=lambda item: item["row"])
    return plan


def _write(plan: dict, school_class: SchoolClass) -> list[User]:
    created = []
    for row in plan["created"]:
        user = User(
            role="pupil",
            school_id=school_class.school_id,
            display_name=row.fields["first_name"],
            **row.fields,
        )
        db.session.add(user)
        created.append(user)
    for row, user, membership, changes in plan["updated"]:
        for name in changes:
            if name != "class":
                setattr(user, name, row.fields[name])
        if membership is not None:
            membership.class_id = school_class.id  # moved within the same school year
    db.session.flush()
    new_members = created + [
        user for _r, user, membership, _c in plan["updated"] if membership is None
    ]
    db.session.add_all(
        ClassMembership(
            pupil_id=user.id, class_id=school_class.id, school_year_id=school_class.school_year_id
        )
        for user in new_members
    )
    db.session.flush()
    return created


def _report(mode: str, committed: bool, plan: dict) -> dict:
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
            for row in plan["created"]
        ],
        "updated": [
            {"row": row.row, "external_id": row.fields["external_id"], "changes": changes}
            for row, _user, _membership, changes in plan["updated"]
        ],
        "unchanged": len(plan["unchanged"]),
        "rejected": plan["rejected"],
    }


def import_roster(
    user, class_id: int, data: bytes, mode: str = "preview", today: date | None = None
) -> dict:
    """Preview or commit a roster file for a class. Returns the report; on commit with any
    rejected row nothing is written and `committed` is false (the route answers 422)."""
    school_class = db.session.get(SchoolClass, class_id)
    parsed = parse_roster(data, school_class.name, _age_range(school_class), today or clock.today())
    plan = _plan(parsed, school_class)
    committed = mode == "commit" and not plan["rejected"]
    created = _write(plan, school_class) if committed else []
    pupil_ids = [u.id for u in plan["unchanged"]] + [u.id for _r, u, _m, _c in plan["updated"]]
    audit.record(
        user,
        "import",
        "class_roster",
        pupil_ids + [u.id for u in created],
        audit.Purpose.CLASS_MANAGEMENT,
        categories=AUDIT_CATEGORIES,
        reason=f"roster {mode} for class {class_id}",
    )
    return _report(mode, committed, plan)
