"""The school-year rollover: open the new school year, preview first, then commit.

By rule: every class of the ending year that is not a leaving class moves up one Jahrgang
(8a → 9a, EF → Q1) with its pupils and its class teachers — so the teachers' access follows
the new year; leaving classes (10, Q2, Berufskolleg courses) are archived. Nothing is deleted:
last year's classes and memberships stay as history, and the pupils keep their profiles,
portfolios, bookings and Anschluss records (a leaver's record stays open past 31 July, see
app/anschluss/record.py). A new roster import into the new classes corrects what the rule
cannot know (repeaters, changes of school, the move from 10 to EF).

Idempotent: running it again finds the classes, teachers and memberships already there and
changes nothing. A constant number of statements per school, whatever its size.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from sqlalchemy import func, select, update

from app.core import audit, clock
from app.core.errors import Forbidden, Invalid
from app.extensions import db
from app.schools.models import ClassMembership, ClassTeacher, School, SchoolClass, SchoolYear

MODES = ("preview", "commit")
NEXT_JAHRGANG = {"8": "9", "9": "10", "EF": "Q1", "Q1": "Q2"}
LABEL = re.compile(r"^(\d{4})/(\d{2})$")


def target_year(label: str | None, create: bool) -> SchoolYear:
    """The school year to open: the given label ("2027/28") or the one running today. A preview
    gets an unsaved row when the year does not exist yet (a preview writes nothing)."""
    day = clock.today()
    if label is not None:
        match = LABEL.match(label)
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise Invalid("rollover-school-year-invalid", field="school_year")
        day = date(int(match[1]), 8, 1)
    label, starts_on, ends_on = SchoolYear.bounds_for(day)
    year = db.session.scalar(select(SchoolYear).where(SchoolYear.label == label))
    if year is None:
        year = SchoolYear(label=label, starts_on=starts_on, ends_on=ends_on)
        if create:
            db.session.add(year)
            db.session.flush()
    return year


def previous_year(year: SchoolYear) -> SchoolYear | None:
    label, _s, _e = SchoolYear.bounds_for(year.starts_on.replace(year=year.starts_on.year - 1))
    return db.session.scalar(select(SchoolYear).where(SchoolYear.label == label))


def moved_name(name: str, jahrgang: str, new_jahrgang: str) -> str:
    """'8a' → '9a', '8 a' → '9 a', 'EF' → 'Q1'; a name without its Jahrgang stays."""
    return new_jahrgang + name[len(jahrgang) :] if name.startswith(jahrgang) else name


def _counts(column, class_ids) -> Counter:
    if not class_ids:
        return Counter()
    rows = db.session.execute(
        select(column, func.count()).where(column.in_(class_ids)).group_by(column)
    )
    return Counter(dict(rows.all()))


def plan_school(school: School, source: SchoolYear, target: SchoolYear) -> dict:
    """What the rollover does for one school: moves and archives (four statements)."""
    classes = list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.school_id == school.id, SchoolClass.school_year_id == source.id)
            .order_by(SchoolClass.name, SchoolClass.id)
        )
    )
    ids = [c.id for c in classes]
    pupils = _counts(ClassMembership.class_id, ids)
    teachers = _counts(ClassTeacher.class_id, ids)
    existing = set(
        db.session.scalars(
            select(SchoolClass.name).where(
                SchoolClass.school_id == school.id, SchoolClass.school_year_id == target.id
            )
        )
    )
    moves, archived = [], []
    for school_class in classes:
        if school_class.is_leaving_class or school_class.jahrgang not in NEXT_JAHRGANG:
            archived.append(
                {
                    "class_id": school_class.id,
                    "name": school_class.name,
                    "pupils": pupils[school_class.id],
                    "done": school_class.archived_at is not None,
                }
            )
            continue
        jahrgang = NEXT_JAHRGANG[school_class.jahrgang]
        name = moved_name(school_class.name, school_class.jahrgang, jahrgang)
        moves.append(
            {
                "class_id": school_class.id,
                "from_name": school_class.name,
                "to_name": name,
                "jahrgang": jahrgang,
                "pupils": pupils[school_class.id],
                "teachers": teachers[school_class.id],
                "done": name in existing,
            }
        )
    return {
        "school_id": school.id,
        "school_name": school.name,
        "moves": moves,
        "archived": archived,
    }


def _ensure_classes(plan: dict, school: School, target: SchoolYear) -> dict[int, int]:
    """Source class id → the new year's class id (created where missing)."""
    existing = {
        c.name: c
        for c in db.session.scalars(
            select(SchoolClass).where(
                SchoolClass.school_id == school.id, SchoolClass.school_year_id == target.id
            )
        )
    }
    for move in plan["moves"]:
        if move["to_name"] not in existing:
            existing[move["to_name"]] = SchoolClass(
                school_id=school.id,
                school_year_id=target.id,
                name=move["to_name"],
                jahrgang=move["jahrgang"],
            )
            db.session.add(existing[move["to_name"]])
    db.session.flush()
    return {move["class_id"]: existing[move["to_name"]].id for move in plan["moves"]}


def _copy_teachers(mapping: dict[int, int]) -> int:
    present = set(
        db.session.execute(
            select(ClassTeacher.teacher_id, ClassTeacher.class_id).where(
                ClassTeacher.class_id.in_(list(mapping.values()))
            )
        ).all()
    )
    rows = db.session.execute(
        select(ClassTeacher.teacher_id, ClassTeacher.class_id).where(
            ClassTeacher.class_id.in_(list(mapping))
        )
    ).all()
    new = {(teacher, mapping[source]) for teacher, source in rows} - present
    db.session.add_all(ClassTeacher(teacher_id=t, class_id=c) for t, c in sorted(new))
    return len(new)


def _move_pupils(mapping: dict[int, int], target: SchoolYear) -> list[int]:
    members = db.session.execute(
        select(ClassMembership.pupil_id, ClassMembership.class_id).where(
            ClassMembership.class_id.in_(list(mapping))
        )
    ).all()
    placed = set(
        db.session.scalars(
            select(ClassMembership.pupil_id).where(
                ClassMembership.school_year_id == target.id,
                ClassMembership.pupil_id.in_([pupil for pupil, _c in members]),
            )
        )
    )
    moved = [(pupil, mapping[source]) for pupil, source in members if pupil not in placed]
    db.session.add_all(
        ClassMembership(pupil_id=pupil, class_id=class_id, school_year_id=target.id)
        for pupil, class_id in moved
    )
    return [pupil for pupil, _c in moved]


def commit_school(plan: dict, target: SchoolYear) -> dict:
    school = db.session.get(School, plan["school_id"])
    mapping = _ensure_classes(plan, school, target)
    teachers = _copy_teachers(mapping) if mapping else 0
    moved = _move_pupils(mapping, target) if mapping else []
    archive = [a["class_id"] for a in plan["archived"] if not a["done"]]
    if archive:
        db.session.execute(
            update(SchoolClass)
            .where(SchoolClass.id.in_(archive))
            .values(archived_at=clock.now())
            .execution_options(synchronize_session=False)
        )
    db.session.flush()
    return {"moved_pupils": moved, "teachers": teachers, "archived": len(archive)}


def _schools(actor, school_id: int | None, source: SchoolYear) -> list[School]:
    if actor is not None and actor.role == "stubo":
        if school_id is not None and school_id != actor.school_id:
            raise Forbidden("outside-scope")
        school_id = actor.school_id
    if school_id is not None:
        school = db.session.get(School, school_id)
        if school is None:
            raise Invalid("rollover-unknown-school", field="school_id")
        return [school]
    with_classes = select(SchoolClass.school_id).where(SchoolClass.school_year_id == source.id)
    return list(
        db.session.scalars(select(School).where(School.id.in_(with_classes)).order_by(School.id))
    )


def rollover(
    actor, mode: str, school_id: int | None = None, school_year: str | None = None
) -> dict:
    """Preview (writes nothing) or commit the rollover into the new school year."""
    target = target_year(school_year, create=mode == "commit")
    source = previous_year(target)
    if source is None:
        raise Invalid("rollover-no-previous-year", field="school_year")
    plans = [plan_school(school, source, target) for school in _schools(actor, school_id, source)]
    moved: list[int] = []
    for plan in plans:
        plan["result"] = commit_school(plan, target) if mode == "commit" else None
        if plan["result"]:
            moved += plan["result"].pop("moved_pupils")
    if moved:
        audit.record(
            actor,
            "update",
            "class_membership",
            moved,
            audit.Purpose.CLASS_MANAGEMENT,
            ("class",),
            reason=f"school-year rollover to {target.label}",
        )
    return {
        "mode": mode,
        "committed": mode == "commit",
        "from_year": source.label,
        "to_year": target.label,
        "schools": plans,
    }
