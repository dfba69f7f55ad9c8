"""Identification rounds on the read side: a round's snapshot (the school's frozen list, or the
Kommune's frozen counts per school) and the Kommune's progress over its rounds.

The Kommune's counts go through complementary suppression (dashboards/suppression.py): per
school the frozen leavers are the listed plus the others (secured or exam-admitted), so a small
"others" hides one more cell; the same school's counts in different rounds are a series whose
small differences are hidden like week-to-week changes; today's listed count is hidden when it
is small or a small step from a shown frozen count. The frozen cells are decided the same way
for the snapshot and the progress view, so no two answers together reveal a hidden cell."""

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


COUNT_COLUMNS = {"listed": "listed_count", "leavers": "leaver_count"}
NOT_FROZEN = {"leavers": None, "listed": None}


def _cross_round_primary(rounds, schools, known) -> dict[tuple[int, int], set[str]]:
    """Cells to hide because the same school's count in another round is only 1 … SMALL − 1
    away (a small change between rounds is a small cell, like a week-to-week change)."""
    frozen = [r for r in rounds if r.frozen_at is not None]  # latest first
    primary: dict[tuple[int, int], set[str]] = {}
    for school in schools:
        rows = [(r.id, known.get((r.id, school.id))) for r in frozen]
        rows = [(round_id, row) for round_id, row in rows if row is not None and row.frozen_at]
        for name in ("listed", "leavers"):
            series = [
                ((round_id, name), getattr(row, COUNT_COLUMNS[name]) or 0) for round_id, row in rows
            ]
            for round_id, cell in small_changes(series):
                primary.setdefault((round_id, school.id), set()).add(cell)
    return primary


def _school_cells(leavers: int, listed: int, primary: set[str]) -> dict[str, str]:
    """One school in one round: leavers = listed + others; small and recomputable cells
    hidden (no sum across schools is published, so each school is its own table)."""
    table = Table()
    parts = (table.add("listed", listed), table.add("others", leavers - listed))
    table.equation(table.add("leavers", leavers), parts)
    hidden = suppress(table, primary)
    return {
        "leavers": publish(table, hidden, "leavers"),
        "listed": publish(table, hidden, "listed"),
    }


def _frozen_cells(rounds, schools, known) -> dict[tuple[int, int], dict[str, str]]:
    """The published frozen counts of every round × school — the same in every view, so no
    two answers together reveal more than one does."""
    primary = _cross_round_primary(rounds, schools, known)
    frozen_ids = {r.id for r in rounds if r.frozen_at is not None}
    return {
        key: _school_cells(row.leaver_count or 0, row.listed_count or 0, primary.get(key, set()))
        for key, row in known.items()
        if key[0] in frozen_ids and row.frozen_at is not None
    }


def _today(count: int, shown_listed: list[int]) -> str:
    """Today's listed count is in no sum: hidden when small or close to a shown frozen count."""
    if count < SMALL or any(0 < abs(count - value) < SMALL for value in shown_listed):
        return MASK
    return str(count)


def _school_rows(identification_round, schools, known, cells, now=None) -> list[dict]:
    rows = []
    for school in schools:
        row = known.get((identification_round.id, school.id))
        published = cells.get(
            (identification_round.id, school.id), {"leavers": None, "listed": None}
        )
        today = None
        if now is not None:
            shown = [
                int(value["listed"])
                for (_round_id, school_id), value in cells.items()
                if school_id == school.id and value["listed"] != MASK
            ]
            today = _today(now.get(school.id, 0), shown)
        rows.append(
            {
                "school_id": school.id,
                "school_name": school.name,
                "completed_at": row.completed_at if row else None,
                **published,
                "listed_now": today,
            }
        )
    return rows


def _round_view(identification_round, schools, known, cells, now=None) -> dict:
    rows = _school_rows(identification_round, schools, known, cells, now)
    return {
        "round": identification_round,
        "frozen": identification_round.frozen_at is not None,
        "frozen_at": identification_round.frozen_at,
        "completed": sum(1 for row in rows if row["completed_at"] is not None),
        "total": len(rows),
        "schools": rows,
    }


def _kommune_rounds(kommune_id: int):
    """The Kommune's rounds (due ones frozen), its schools, their round rows and the
    published frozen counts: a constant number of statements."""
    rounds = list_rounds(kommune_id)
    for identification_round in rounds:
        round_snapshots.ensure_frozen(identification_round)
    schools = _kommune_schools(kommune_id)
    known = round_snapshots.round_schools([r.id for r in rounds])
    return rounds, schools, known, _frozen_cells(rounds, schools, known)


def snapshot(user, round_id: int) -> dict:
    """School staff: their school's frozen list and the changes since; the Kommune: the
    frozen counts per school beside today's (masked), no names."""
    identification_round = db.session.get(IdentificationRound, round_id)
    if identification_round is None:
        raise NotFound("identification-round-not-found")
    if user.role == "kommune_coordinator":
        _rounds, schools, known, cells = _kommune_rounds(identification_round.kommune_id)
        now = round_snapshots.listed_now(identification_round)
        view = _round_view(identification_round, schools, known, cells, now)
        return {**view, "school": None}
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
    rounds, schools, known, cells = _kommune_rounds(kommune_id)
    return {
        "kommune_id": kommune_id,
        "rounds": [_round_view(r, schools, known, cells) for r in rounds],
    }
