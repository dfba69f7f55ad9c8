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


def _statuses(class_id: int, jahrgang: str) -> dict[tuple[int, str, int], str]:
    """Effective statuses: the pupil's entries raised by confirmed/attended bookings."""
    members = select(ClassMembership.pupil_id).where(ClassMembership.class_id == class_id)
    return effective.statuses(members, jahrgang)


def _share_counts(class_id: int) -> dict[int, int]:
    members = select(ClassMembership.pupil_id).where(ClassMembership.class_id == class_id)
    rows = db.session.execute(
        select(Share.pupil_id, func.count(Share.id))
        .where(Share.pupil_id.in_(members), Share.revoked_at.is_(None))
        .group_by(Share.pupil_id)
    )
    return {pupil_id: count for pupil_id, count in rows}


def class_progress(user, class_id: int) -> dict:
    """Pupils × KAoA steps of the class's Jahrgang with counts per step (constant queries)."""
    school_class = db.session.get(SchoolClass, class_id)
    planned = plan.steps_for(school_class.jahrgang)
    pupils = _class_pupils(class_id)
    statuses = _statuses(class_id, school_class.jahrgang)
    shares = _share_counts(class_id)
    texts = element_texts({step.sbo_kuerzel for step in planned})
    rows = []
    totals = [Counter() for _ in planned]
    for pupil in pupils:
        cells = [statuses.get((pupil.id, s.sbo_kuerzel, s.sequence), "open") for s in planned]
        for counter, status in zip(totals, cells, strict=True):
            counter[status] += 1
        rows.append(
            {
                "id": pupil.id,
                "first_name": pupil.first_name,
                "last_name": pupil.last_name,
                "statuses": cells,
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
        "jahrgang": school_class.jahrgang,
        "steps": [
            {
                "key": s.key,
                "sbo_kuerzel": s.sbo_kuerzel,
                "sequence": s.sequence,
                "kind": s.kind,
                "official_text": texts.get(s.sbo_kuerzel, ""),
            }
            for s in planned
        ],
        "pupils": rows,
        "totals": [
            {"key": s.key, "done": c["done"], "planned": c["planned"], "open": c["open"]}
            for s, c in zip(planned, totals, strict=True)
        ],
    }
