"""The class progress matrix: pupils × KAoA steps of the class's Jahrgang (staff, audited).

It shows step statuses only; reflections and profiles appear only where the pupil shared them
(`portfolio.shared_items`).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app.auth.models import User
from app.core import audit
from app.extensions import db
from app.portfolio import effective, plan
from app.portfolio.models import Share
from app.portfolio.services import element_texts
from app.schools.models import ClassMembership, SchoolClass


def _class_pupils(class_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(ClassMembership, ClassMembership.pupil_id == User.id)
            .where(ClassMembership.class_id == class_id, User.role == "pupil")
            .order_by(User.last_name, User.first_name, User.id)
        )
    )


def _share_counts(class_id: int) -> dict[int, int]:
    members = select(ClassMembership.pupil_id).where(ClassMembership.class_id == class_id)
    rows = db.session.execute(
        select(Share.pupil_id, func.count(Share.id))
        .where(Share.pupil_id.in_(members), Share.revoked_at.is_(None))
        .group_by(Share.pupil_id)
    )
    return {pupil_id: count for pupil_id, count in rows}


def _columns(jahrgang: str, wheres) -> list[plan.PlannedStep]:
    """The union of the class's plans: the Jahrgang's steps, then the mandatory steps of
    earlier Jahrgänge still due (a Praktikum of grade 9 shown in grade 10), each once."""
    columns: dict[tuple[str, str, int], plan.PlannedStep] = {}
    for where in wheres:
        for step in plan.steps_for(jahrgang, where.profile):
            columns.setdefault((step.jahrgang, step.sbo_kuerzel, step.sequence), step)
    for where in wheres:
        for step in plan.due_by(jahrgang, where.profile):
            columns.setdefault((step.jahrgang, step.sbo_kuerzel, step.sequence), step)
    current = [c for c in columns.values() if c.jahrgang == jahrgang]
    earlier = [c for c in columns.values() if c.jahrgang != jahrgang]
    order = [year for track in plan.TRACKS for year in track]
    return sorted(current, key=lambda c: c.position) + sorted(
        earlier, key=lambda c: (order.index(c.jahrgang), c.position)
    )


def _cell(column, own: dict, where, steps) -> str | None:
    """A pupil's status in one column: None where the step is not in the pupil's plan; a
    mandatory step met in any year (or recorded as not taken part) shows as such."""
    planned = {
        (s.sbo_kuerzel, s.sequence): s for s in (*plan.steps_for(column.jahrgang, where.profile),)
    }
    step = planned.get((column.sbo_kuerzel, column.sequence))
    if step is None:
        return None
    status = own.get((column.jahrgang, column.sbo_kuerzel, column.sequence), "open")
    if step.mandatory and status not in ("done",):
        if not plan.unmet([step], effective.done_counts(steps)):
            return "done"
        if not plan.unmet([step], effective.resolved_counts(steps)):
            return "not_taken"
    return status


def class_progress(user, class_id: int) -> dict:
    """Pupils × KAoA steps of the class's Jahrgang, each pupil against their own plan: cells
    outside a pupil's plan are null; progress counts only the mandatory steps due (constant
    queries)."""
    school_class = db.session.get(SchoolClass, class_id)
    jahrgang = school_class.jahrgang
    pupils = _class_pupils(class_id)
    members = select(ClassMembership.pupil_id).where(ClassMembership.class_id == class_id)
    all_steps, wheres = effective.with_pupils(members)
    here = {p.id: wheres.get(p.id, effective.Pupil(jahrgang, plan.Profile())) for p in pupils}
    columns = _columns(jahrgang, list(here.values()) or [effective.Pupil(jahrgang, plan.Profile())])
    shares = _share_counts(class_id)
    texts = element_texts({step.sbo_kuerzel for step in columns})
    rows = []
    totals = [Counter() for _ in columns]
    for pupil in pupils:
        steps = all_steps.get(pupil.id, [])
        own = {s.key: s.status for s in steps}
        cells = [_cell(c, own, here[pupil.id], steps) for c in columns]
        for counter, status in zip(totals, cells, strict=True):
            if status is not None:
                counter[status] += 1
        due = plan.due_by(jahrgang, here[pupil.id].profile)
        unmet = plan.unmet(due, effective.resolved_counts(steps))
        rows.append(
            {
                "id": pupil.id,
                "first_name": pupil.first_name,
                "last_name": pupil.last_name,
                "statuses": cells,
                "target_groups": sorted(here[pupil.id].profile.groups),
                "mandatory_due": len(due),
                "mandatory_met": len(due) - len(unmet),
                "missing": list(dict.fromkeys(s.sbo_kuerzel for s in unmet)),
                "shared_count": shares.get(pupil.id, 0),
            }
        )
    audit.record(
        user,
        "read",
        "class_progress",
        [p.id for p in pupils],
        audit.Purpose.CAREER_GUIDANCE,
        categories=("portfolio_status",),
    )
    return {
        "class_id": school_class.id,
        "class_name": school_class.name,
        "jahrgang": jahrgang,
        "steps": [
            {
                "key": s.key if s.jahrgang == jahrgang else f"{s.jahrgang}:{s.key}",
                "sbo_kuerzel": s.sbo_kuerzel,
                "sequence": s.sequence,
                "kind": s.kind,
                "jahrgang": s.jahrgang,
                "mandatory": s.mandatory,
                "official_text": texts.get(s.sbo_kuerzel, ""),
            }
            for s in columns
        ],
        "pupils": rows,
        "totals": [
            {
                "key": s.key if s.jahrgang == jahrgang else f"{s.jahrgang}:{s.key}",
                "done": c["done"],
                "planned": c["planned"],
                "open": c["open"],
                "not_taken": c["not_taken"],
            }
            for s, c in zip(columns, totals, strict=True)
        ],
    }
