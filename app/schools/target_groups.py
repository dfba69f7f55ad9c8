"""A pupil's KAoA target groups: special educational needs (Förderschwerpunkt; STAR for the
Förderschwerpunkte beyond Lernen and emotionale und soziale Entwicklung) and newly arrived
(KAoA-kompakt). The plan and the expected steps follow them (app/portfolio/plan.py).

The roster import derives them from SchILD's Förderschwerpunkt and date of arrival where the
file carries them; the class teacher and the StuBO may change them. What staff set wins over a
later import (`source` = "staff"): the import only fills rows it wrote itself.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import PupilTargetGroup

# Förderschwerpunkte of the two-day Potenzialanalyse 4.2 (not STAR).
LEARNING = ("LE", "ES")
# Newly arrived: arrived in Germany within two years before the import (KAoA-kompakt).
KOMPAKT_MONTHS = 24


def derived(foerderschwerpunkt: str | None, arrived_on: date | None, today: date) -> dict:
    """The flags SchILD's data imply."""
    recent = arrived_on is not None and (today - arrived_on).days <= KOMPAKT_MONTHS * 31
    return {
        "sen_learning": foerderschwerpunkt in LEARNING,
        "star": foerderschwerpunkt is not None and foerderschwerpunkt not in LEARNING,
        "kaoa_kompakt": recent,
    }


def view(pupil_id: int, row: PupilTargetGroup | None) -> dict:
    return {
        "pupil_id": pupil_id,
        "target_groups": row.groups if row else [],
        "foerderschwerpunkt": row.foerderschwerpunkt if row else None,
        "arrived_on": row.arrived_on if row else None,
        "source": row.source if row else None,
        "updated_at": row.updated_at if row else None,
    }


def _row(pupil_id: int) -> PupilTargetGroup | None:
    return db.session.scalar(select(PupilTargetGroup).where(PupilTargetGroup.pupil_id == pupil_id))


def get(actor, pupil_id: int) -> dict:
    row = _row(pupil_id)
    audit.record(
        actor,
        "read",
        "target_groups",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("special_needs",),
    )
    return view(pupil_id, row)


def _check(groups: set[str], foerderschwerpunkt: str | None) -> None:
    if {"star", "sen_learning"} <= groups:
        raise Invalid("target-groups-conflict", field="target_groups")
    if groups & {"star", "sen_learning"} and foerderschwerpunkt is None:
        raise Invalid("target-group-needs-foerderschwerpunkt", field="foerderschwerpunkt")


def put(actor, pupil_id: int, data: dict) -> dict:
    """Replace the pupil's target groups (staff): the flags as given, with the facts."""
    groups = set(data["target_groups"])
    _check(groups, data.get("foerderschwerpunkt"))
    row = _row(pupil_id)
    if row is None:
        row = PupilTargetGroup(pupil_id=pupil_id)
        db.session.add(row)
    row.foerderschwerpunkt = data.get("foerderschwerpunkt")
    row.arrived_on = data.get("arrived_on")
    for group in ("sen_learning", "star", "kaoa_kompakt"):
        setattr(row, group, group in groups)
    row.source = "staff"
    row.updated_by = actor.id
    row.updated_at = clock.now()
    db.session.flush()
    audit.record(
        actor,
        "update",
        "target_groups",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("special_needs",),
    )
    return view(pupil_id, row)


def from_import(pupils: list[tuple[User, dict]], today: date) -> None:
    """Set the flags of imported pupils whose row carries SchILD's Förderschwerpunkt or date
    of arrival; rows staff changed stay as they are (two statements)."""
    facts = {user.id: data for user, data in pupils if data}
    if not facts:
        return
    rows = {
        row.pupil_id: row
        for row in db.session.scalars(
            select(PupilTargetGroup).where(PupilTargetGroup.pupil_id.in_(facts))
        )
    }
    for pupil_id, data in facts.items():
        row = rows.get(pupil_id)
        if row is not None and row.source == "staff":
            continue
        if row is None:
            if not any(data.values()):
                continue  # nothing to flag
            row = PupilTargetGroup(pupil_id=pupil_id, source="import")
            db.session.add(row)
        for key in ("foerderschwerpunkt", "arrived_on"):
            if key in data:
                setattr(row, key, data[key])
        for group, flag in derived(row.foerderschwerpunkt, row.arrived_on, today).items():
            setattr(row, group, flag)
        row.updated_at = clock.now()
    db.session.flush()
