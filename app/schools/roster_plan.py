"""Sorting a parsed roster into created / updated / moved / unchanged rows, within the
caller's reach (issue 9, H1).

Rows are matched to pupils of the school by their external (SchILD) id. What a row may do
depends on who imports:

- A class teacher's file matches only pupils already in the target class, or pupils of the
  school who are in no class of that school year yet (new classes after the summer) — and
  those only when the row names them as the school has them (last name, first name, birth
  date), so a guessed id cannot pull a stranger into the class. Every other match is
  rejected with one neutral reason that names neither the pupil's class nor their data.
- The StuBO and admins may move a pupil from another class of the same school year; the
  move is listed in the preview and committed only with an explicit confirmation.

The preview shows per-field changes only for pupils within the caller's reach before the
import (the class's own pupils; for StuBO and admins the whole school). A pupil who joins the
class shows only "class", so the preview cannot be used to test guesses of other pupils'
names, birth dates or addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, select

from app.auth.models import User
from app.extensions import db
from app.schools.models import ClassMembership, SchoolClass
from app.schools.roster_csv import ParsedRoster, RosterRow

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
IDENTITY_FIELDS = ("last_name", "first_name", "birth_date")
# Who may move pupils between classes (whole-school reach).
MOVERS = ("stubo", "admin")


@dataclass
class Update:
    row: RosterRow
    user: User
    membership: ClassMembership | None
    changes: list[str]
    shown: list[str]  # what the report may show: the changes, or only "class"
    from_class: SchoolClass | None = None  # set for a move between classes


@dataclass
class RosterPlan:
    created: list[RosterRow] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    unchanged: list[User] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    @property
    def moves(self) -> list[Update]:
        return [update for update in self.updated if update.from_class is not None]

    @property
    def pupil_ids(self) -> list[int]:
        return [u.id for u in self.unchanged] + [update.user.id for update in self.updated]


def _existing(school_class: SchoolClass, external_ids: list[str]) -> dict[str, tuple]:
    """Users of the school with these ids, their membership in the class's school year and
    that membership's class, in one query: external id → (user, membership, class)."""
    rows = db.session.execute(
        select(User, ClassMembership, SchoolClass)
        .outerjoin(
            ClassMembership,
            and_(
                ClassMembership.pupil_id == User.id,
                ClassMembership.school_year_id == school_class.school_year_id,
            ),
        )
        .outerjoin(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(User.school_id == school_class.school_id, User.external_id.in_(external_ids))
    ).all()
    return {user.external_id: (user, membership, klasse) for user, membership, klasse in rows}


def _field_changes(user: User, row: RosterRow) -> list[str]:
    return [
        name
        for name in PERSON_FIELDS
        if name in row.fields and getattr(user, name) != row.fields[name]
    ]


def _same_person(user: User, row: RosterRow) -> bool:
    def norm(value):
        return " ".join(value.split()).casefold() if isinstance(value, str) else value

    return all(norm(getattr(user, name)) == norm(row.fields.get(name)) for name in IDENTITY_FIELDS)


def _reject_out_of_reach(parsed: ParsedRoster, row: RosterRow) -> None:
    parsed.reject(
        row.row,
        "not_in_reach",
        parsed.columns["external_id"],
        value=row.fields["external_id"][:64],
    )


def _in_reach(actor, school_class, row, user, membership) -> bool:
    """May this caller's file touch this pupil? (see the module docstring)"""
    if actor.role in MOVERS or (membership and membership.class_id == school_class.id):
        return True
    return membership is None and _same_person(user, row)


def _sort(plan, actor, school_class, row, user, membership, current) -> None:
    """Put one matched pupil's row where it belongs for this caller."""
    in_class = membership is not None and membership.class_id == school_class.id
    changes = _field_changes(user, row) + ([] if in_class else ["class"])
    if membership is not None and row.fields.get("attendance_year") not in (
        None,
        membership.attendance_year,
    ):
        changes.append("attendance_year")
    if not changes:
        plan.unchanged.append(user)
        return
    shown = changes if in_class or actor.role in MOVERS else ["class"]
    moved_from = current if membership is not None and not in_class else None
    plan.updated.append(Update(row, user, membership, changes, shown, moved_from))


def plan_roster(parsed: ParsedRoster, school_class: SchoolClass, actor) -> RosterPlan:
    """Sort the valid rows against the database, within the caller's reach."""
    existing = _existing(school_class, [row.fields["external_id"] for row in parsed.rows])
    plan = RosterPlan(rejected=parsed.rejected)
    for row in parsed.rows:
        user, membership, current = existing.get(row.fields["external_id"], (None, None, None))
        if user is None:
            plan.created.append(row)
        elif user.role != "pupil":
            parsed.reject(
                row.row, "staff_id", parsed.columns["external_id"], value=user.external_id
            )
        elif not _in_reach(actor, school_class, row, user, membership):
            _reject_out_of_reach(parsed, row)
        else:
            _sort(plan, actor, school_class, row, user, membership, current)
    plan.rejected.sort(key=lambda item: item["row"])
    return plan
