"""Identification rounds on the read side: a round's snapshot (the school's frozen list, or the
Kommune's frozen counts per school) and the Kommune's progress over its rounds.

The Kommune's counts go through complementary suppression (dashboards/suppression.py): per
school the frozen leavers are the listed plus the others (secured or exam-admitted), so a small
"others" hides one more cell; today's listed count beside the frozen one is a trend pair whose
small difference is hidden like a week-to-week change."""

from __future__ import annotations

from sqlalchemy import select

from app.core.errors import NotFound
from app.dashboards.suppression import MASK, SMALL, Table, publish, small_changes, suppress
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


def _published(counts: dict[int, tuple[int, int]], now: dict | None) -> dict[int, dict]:
    """The frozen counts (and today's listed) per school with small and recomputable cells
    hidden. No sum across schools is published, so each school is its own table. Today's
    count is in no sum: it is hidden when small, or when its difference to the frozen count
    is small (then the frozen one is hidden as well)."""
    return {
        school_id: _school_cells(school_id, leavers, listed, now)
        for school_id, (leavers, listed) in counts.items()
    }


def _school_cells(school_id: int, leavers: int, listed: int, now: dict | None) -> dict:
    table = Table()
    parts = (table.add("listed", listed), table.add("others", leavers - listed))
    table.equation(table.add("leavers", leavers), parts)
    trend = set()
    if now is not None:
        trend = small_changes([(("now", school_id), now.get(school_id, 0)), ("listed", listed)])
    hidden = suppress(table, trend & {"listed"})
    return {
        "leavers": publish(table, hidden, "leavers"),
        "listed": publish(table, hidden, "listed"),
        "listed_now": _today(now, trend, school_id),
    }


def _today(now: dict | None, trend: set, school_id: int) -> str | None:
    if now is None:
        return None
    count = now.get(school_id, 0)
    return MASK if count < SMALL or ("now", school_id) in trend else str(count)


def _school_rows(identification_round, schools, known, now: dict | None) -> list[dict]:
    frozen = identification_round.frozen_at is not None
    rows = {school.id: known.get((identification_round.id, school.id)) for school in schools}
    counts = {
        school_id: (row.leaver_count or 0, row.listed_count or 0)
        for school_id, row in rows.items()
        if frozen and row is not None and row.frozen_at is not None
    }
    published = _published(counts, now)
    empty = {"leavers": None, "listed": None, "listed_now": None}
    return [
        {
            "school_id": school.id,
            "school_name": school.name,
            "completed_at": rows[school.id].completed_at if rows[school.id] else None,
            **published.get(school.id, empty),
        }
        for school in schools
    ]


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
