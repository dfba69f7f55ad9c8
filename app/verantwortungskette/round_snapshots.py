"""Identification rounds frozen at their cut-off (the round's last day, `ends_on`).

After the cut-off, each school's identification list and the Kommune's counts stay as they
were: `freeze` copies the listed pupils (with the date of their own answer in the round) and
the counts per school in a handful of statements for the whole Kommune. The nightly job
`flask anschluss freeze-rounds` freezes right after the cut-off; a read after the cut-off
freezes a round the job has not reached yet. Later changes are shown beside the snapshot as
"changes since the snapshot", never written into it.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.anschluss import reference
from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.schools.leaving import leaver_clause
from app.schools.models import ClassMembership, School, SchoolClass
from app.verantwortungskette.identification import population_query
from app.verantwortungskette.models import IdentificationRound
from app.verantwortungskette.round_models import PlanDeclaration, RoundSchool, RoundSnapshotEntry


def is_due(identification_round: IdentificationRound) -> bool:
    return identification_round.ends_on < reference.today()


def ensure_frozen(identification_round: IdentificationRound) -> None:
    """Freeze the round if its cut-off has passed and nobody froze it yet (row-locked)."""
    if identification_round.frozen_at is not None or not is_due(identification_round):
        return
    locked = db.session.scalars(
        select(IdentificationRound)
        .where(IdentificationRound.id == identification_round.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if locked.frozen_at is None:
        freeze(locked)


def _leaver_counts(identification_round) -> dict[int, int]:
    rows = db.session.execute(
        select(SchoolClass.school_id, func.count())
        .select_from(SchoolClass)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .join(School, School.id == SchoolClass.school_id)
        .where(
            SchoolClass.school_year_id == identification_round.school_year_id,
            School.kommune_id == identification_round.kommune_id,
            leaver_clause(),
        )
        .group_by(SchoolClass.school_id)
    )
    return dict(rows.all())


def declared_on(round_id: int, pupil_ids) -> dict:
    """The day of each pupil's latest answer in the round (it counts for the round)."""
    if not pupil_ids:
        return {}
    rows = db.session.execute(
        select(PlanDeclaration.pupil_id, func.max(PlanDeclaration.declared_at))
        .where(
            PlanDeclaration.identification_round_id == round_id,
            PlanDeclaration.pupil_id.in_(pupil_ids),
        )
        .group_by(PlanDeclaration.pupil_id)
    )
    return {pupil_id: at.astimezone(clock.SCHOOL_TZ).date() for pupil_id, at in rows}


def round_schools(round_ids) -> dict[tuple[int, int], RoundSchool]:
    if not round_ids:
        return {}
    rows = db.session.scalars(
        select(RoundSchool).where(RoundSchool.identification_round_id.in_(round_ids))
    )
    return {(row.identification_round_id, row.school_id): row for row in rows}


def _round_school(known: dict, round_id: int, school_id: int) -> RoundSchool:
    row = known.get((round_id, school_id))
    if row is None:
        row = RoundSchool(identification_round_id=round_id, school_id=school_id)
        db.session.add(row)
        known[(round_id, school_id)] = row
    return row


def freeze(identification_round: IdentificationRound) -> None:
    """Copy every school's list and counts of the Kommune as they are now."""
    listed = db.session.execute(
        population_query(
            identification_round.school_year_id, kommune_id=identification_round.kommune_id
        )
    ).all()
    declared = declared_on(identification_round.id, [row.pupil_id for row in listed])
    leavers = _leaver_counts(identification_round)
    school_ids = db.session.scalars(
        select(School.id).where(School.kommune_id == identification_round.kommune_id)
    ).all()
    known = round_schools([identification_round.id])
    now = clock.now()
    by_school = {school_id: [] for school_id in school_ids}
    for row in listed:
        by_school.setdefault(row.school_id, []).append(row)
    for school_id, rows in by_school.items():
        snapshot = _round_school(known, identification_round.id, school_id)
        snapshot.frozen_at = now
        snapshot.leaver_count = leavers.get(school_id, 0)
        snapshot.listed_count = len(rows)
        snapshot.entries = [_entry(row, declared.get(row.pupil_id)) for row in rows]
    identification_round.frozen_at = now
    db.session.flush()


def _entry(row, declared) -> RoundSnapshotEntry:
    return RoundSnapshotEntry(
        pupil_id=row.pupil_id,
        first_name=row.first_name,
        last_name=row.last_name,
        class_name=row.class_name,
        status=row.status,
        option_code=row.option_code,
        declared_on=declared,
    )


def freeze_due_rounds() -> int:
    """The nightly job: freeze every round whose cut-off has passed. Returns how many."""
    due = db.session.scalars(
        select(IdentificationRound).where(
            IdentificationRound.frozen_at.is_(None),
            IdentificationRound.ends_on < reference.today(),
        )
    ).all()
    for identification_round in due:
        ensure_frozen(identification_round)
    return len(due)


def complete(user, round_id: int) -> RoundSchool:
    """The StuBO marks the school's work on the round done (the Kommune sees when)."""
    identification_round = db.session.get(IdentificationRound, round_id)
    if identification_round.starts_on > reference.today():
        raise Invalid(
            "round-not-started",
            field="identification_round_id",
            starts_on=identification_round.starts_on,
        )
    row = _round_school(round_schools([round_id]), round_id, user.school_id)
    if row.completed_at is None:
        row.completed_at = clock.now()
        row.completed_by_id = user.id
    db.session.flush()
    return row


def school_snapshot(user, identification_round: IdentificationRound, school_id: int) -> dict:
    """The school's list as frozen, and what changed since (added, removed, other status)."""
    ensure_frozen(identification_round)
    row = round_schools([identification_round.id]).get((identification_round.id, school_id))
    frozen = identification_round.frozen_at is not None
    entries = list(row.entries) if row is not None and frozen else []
    changes = _changes(identification_round, school_id, entries) if frozen else []
    pupil_ids = {e.pupil_id for e in entries} | {c["pupil_id"] for c in changes}
    audit.record(
        user,
        "read",
        "identification_snapshot",
        sorted(pid for pid in pupil_ids if pid is not None),
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    return {
        "completed_at": row.completed_at if row else None,
        "leavers": row.leaver_count if row and frozen else None,
        "listed": row.listed_count if row and frozen else None,
        "items": entries,
        "changes": changes,
    }


def _changes(identification_round, school_id: int, entries) -> list[dict]:
    now = db.session.execute(
        population_query(identification_round.school_year_id, school_id=school_id)
    ).all()
    current = {row.pupil_id: row for row in now}
    then = {entry.pupil_id: entry for entry in entries if entry.pupil_id is not None}
    changes = []
    for pupil_id, row in current.items():
        if pupil_id not in then:
            changes.append(_change("added", row, None, row.status))
        elif then[pupil_id].status != row.status:
            changes.append(_change("status", row, then[pupil_id].status, row.status))
    for pupil_id, entry in then.items():
        if pupil_id not in current:
            changes.append(_change("removed", entry, entry.status, None))
    return sorted(changes, key=lambda c: (c["last_name"], c["first_name"], c["pupil_id"]))


def _change(kind: str, person, status_then, status_now) -> dict:
    return {
        "change": kind,
        "pupil_id": person.pupil_id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "class_name": person.class_name,
        "status_then": status_then,
        "status_now": status_now,
    }


def listed_now(identification_round: IdentificationRound) -> dict[int, int]:
    """How many each school lists today (for the Kommune's "since the snapshot")."""
    query = population_query(
        identification_round.school_year_id, kommune_id=identification_round.kommune_id
    ).subquery()
    rows = db.session.execute(select(query.c.school_id, func.count()).group_by(query.c.school_id))
    return dict(rows.all())
