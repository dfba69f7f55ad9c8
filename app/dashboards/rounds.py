"""Identification rounds on the read side: a round's snapshot (the school's frozen list, or the
Kommune's frozen counts per school, masked) and the Kommune's progress over its rounds."""

from __future__ import annotations

from sqlalchemy import select

from app.core.errors import NotFound
from app.dashboards.kommune import masked
from app.extensions import db
from app.schools.models import School
from app.verantwortungskette import round_snapshots
from app.verantwortungskette.models import IdentificationRound
from app.verantwortungskette.rounds import list_rounds


def _kommune_schools(kommune_id: int) -> list[School]:
    return list(
        db.session.scalars(
            select(School).where(School.kommune_id == kommune_id).order_by(School.name, School.id)
        )
    )


def _maybe(count: int | None) -> str | None:
    return None if count is None else masked(count)


def _school_rows(identification_round, schools, known, now: dict | None) -> list[dict]:
    frozen = identification_round.frozen_at is not None
    rows = []
    for school in schools:
        row = known.get((identification_round.id, school.id))
        rows.append(
            {
                "school_id": school.id,
                "school_name": school.name,
                "completed_at": row.completed_at if row else None,
                "leavers": _maybe(row.leaver_count) if row and frozen else None,
                "listed": _maybe(row.listed_count) if row and frozen else None,
                "listed_now": masked(now.get(school.id, 0)) if now is not None else None,
            }
        )
    return rows


def _round_view(identification_round, schools, known, now=None) -> dict:
    rows = _school_rows(identification_round, schools, known, now)
    return {
        "round": identification_round,
        "frozen": identification_round.frozen_at is not None,
        "frozen_at": identification_round.frozen_at,
        "completed": sum(1 for row in rows if row["completed_at"] is not None),
        "total": len(rows),
        "schools": rows,
    }


def snapshot(user, round_id: int) -> dict:
    """School staff: their school's frozen list and the changes since; the Kommune: the
    frozen counts per school beside today's (masked), no names."""
    identification_round = db.session.get(IdentificationRound, round_id)
    if identification_round is None:
        raise NotFound("identification-round-not-found")
    if user.role == "kommune_coordinator":
        round_snapshots.ensure_frozen(identification_round)
        schools = _kommune_schools(identification_round.kommune_id)
        known = round_snapshots.round_schools([round_id])
        now = round_snapshots.listed_now(identification_round)
        return {**_round_view(identification_round, schools, known, now), "school": None}
    school = round_snapshots.school_snapshot(user, identification_round, user.school_id)
    return {
        "round": identification_round,
        "frozen": identification_round.frozen_at is not None,
        "frozen_at": identification_round.frozen_at,
        "school": school,
        "schools": [],
    }


def progress(kommune_id: int) -> dict:
    """Every round of the Kommune (latest first): which schools completed it and when, and the
    counts frozen at its cut-off — a constant number of statements."""
    rounds = list_rounds(kommune_id)
    for identification_round in rounds:
        round_snapshots.ensure_frozen(identification_round)
    schools = _kommune_schools(kommune_id)
    known = round_snapshots.round_schools([r.id for r in rounds])
    return {
        "kommune_id": kommune_id,
        "rounds": [_round_view(r, schools, known) for r in rounds],
    }
