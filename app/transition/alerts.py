"""No-show alerts as the leaving school's StuBO and the Kommune's coordination see them.

The StuBO sees names (the school follows its own leavers up). The Kommune sees every no-show of
its schools, but a name only where a Schulpflicht case was opened for it — the other youths are
no longer obliged to attend school, and their follow-up needs their consent.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict
from app.extensions import db
from app.schools.models import School
from app.transition.models import TransitionAlert

leaving = aliased(School)
receiving = aliased(School)


def _query(*where, open_only: bool):
    query = (
        select(TransitionAlert, User.first_name, User.last_name, leaving.name, receiving.name)
        .join(User, User.id == TransitionAlert.pupil_id)
        .join(leaving, leaving.id == TransitionAlert.school_id)
        .join(receiving, receiving.id == TransitionAlert.reported_by_school_id)
        .where(*where)
        .order_by(TransitionAlert.created_at.desc(), TransitionAlert.id.desc())
    )
    if open_only:
        query = query.where(TransitionAlert.resolved_at.is_(None))
    return query


def _view(alert: TransitionAlert, first, last, school_name, reported_by, named: bool) -> dict:
    return {
        "id": alert.id,
        "kind": alert.kind,
        "pupil_id": alert.pupil_id if named else None,
        "first_name": first if named else None,
        "last_name": last if named else None,
        "school_name": school_name,
        "reported_by": reported_by,
        "schulpflichtig": alert.schulpflichtig,
        "case_id": alert.case_id,
        "created_at": alert.created_at,
        "resolved_at": alert.resolved_at,
    }


def for_school(user, school_id: int, query: dict) -> list[dict]:
    rows = db.session.execute(
        _query(TransitionAlert.school_id == school_id, open_only=query.get("open", True))
    ).all()
    audit.record(
        user,
        "read",
        "transition_alerts",
        [row[0].pupil_id for row in rows],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "anschluss"),
    )
    return [_view(*row, named=True) for row in rows]


def for_kommune(user, kommune_id: int, query: dict) -> list[dict]:
    rows = db.session.execute(
        _query(TransitionAlert.kommune_id == kommune_id, open_only=query.get("open", True))
    ).all()
    named = [row[0].pupil_id for row in rows if row[0].case_id is not None]
    audit.record(
        user,
        "read",
        "transition_alerts",
        named,
        audit.Purpose.SCHOOL_TRANSFER,
        ("identity",),
    )
    return [_view(*row, named=row[0].case_id is not None) for row in rows]


def resolve(user, alert_id: int) -> dict:
    alert = db.session.get(TransitionAlert, alert_id)
    if alert.resolved_at is not None:
        raise Conflict("transition-alert-resolved")
    alert.resolved_at = clock.now()
    alert.resolved_by_id = user.id
    db.session.flush()
    rows = db.session.execute(_query(TransitionAlert.id == alert.id, open_only=False)).one()
    return _view(*rows, named=True)
