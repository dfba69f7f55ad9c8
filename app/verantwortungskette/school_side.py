"""The leaving school's side of a case: the Anschluss record as the school keeps it.

A coordinator should not chase a youth whom the school has meanwhile recorded as "zugesagt –
DUAL": each case shows the school-side status and option as they change (the coordinator is
notified of changes by app/transition/hooks.py). Status and option only — nothing else of the
school's record.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss.models import Anschluss
from app.extensions import db
from app.schools.models import SchoolYear


def school_anschluss(pupil_ids: list[int | None]) -> dict[int, dict]:
    """Pupil id → {status, option_code, updated_at} of their latest record (one statement)."""
    ids = sorted({pupil_id for pupil_id in pupil_ids if pupil_id is not None})
    if not ids:
        return {}
    rows = db.session.execute(
        select(Anschluss.pupil_id, Anschluss.status, Anschluss.option_code, Anschluss.updated_at)
        .join(SchoolYear, SchoolYear.id == Anschluss.school_year_id)
        .where(Anschluss.pupil_id.in_(ids))
        .order_by(SchoolYear.starts_on)
    )
    return {
        pupil_id: {"status": status, "option_code": option, "updated_at": updated_at}
        for pupil_id, status, option, updated_at in rows
    }
