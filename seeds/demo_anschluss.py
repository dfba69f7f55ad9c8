"""Demo Anschluss data: leavers of 10a/10b with statuses, agreements, a report, a trend.

schueler1 … schueler3 stay without any record (status offen), so a demo or a browser test can
record their Anschluss from scratch. Idempotent and deterministic (see seeds/demo.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.anschluss.models import (
    Anschluss,
    AnschlussReport,
    Anschlussvereinbarung,
    NextStep,
)
from app.core import clock
from app.dashboards import snapshots
from app.dashboards.models import AnschlussSnapshot
from app.extensions import db

if TYPE_CHECKING:
    from seeds.demo import DemoRegion

UNTOUCHED = {"schueler1", "schueler2", "schueler3"}
# (status, certificate, option) cycled over the other leavers.
PLANS = (
    ("zugesagt", "SBO_10_7_7", "DUAL"),
    ("beworben", "SBO_10_7_7", "BFSII"),
    ("geplant", "SBO_10_7_8", "GY"),
    ("nokean", "SBO_10_7_5", "NOKEAN"),
    ("angetreten", "SBO_10_7_6", "DUAL"),
    ("beworben", "SBO_10_7_5", "BFSI"),
    ("unbe", "SBO_10_7_5", "UNBE"),
    ("geplant", "SBO_10_7_7", "FOS"),
)
TREND_WEEKS = 6


def _anschluss(pupil, year_id: int, plan, now) -> int:
    if db.session.scalar(
        select(Anschluss.id).where(
            Anschluss.pupil_id == pupil.id, Anschluss.school_year_id == year_id
        )
    ):
        return 0
    status, certificate, option = plan
    db.session.add(
        Anschluss(
            pupil_id=pupil.id,
            school_year_id=year_id,
            status=status,
            option_code=option,
            expected_certificate=certificate,
            lock_version=1,
            updated_at=now,
        )
    )
    return 1


def _agreement(pupil, year_id: int, rng, today) -> int:
    if db.session.scalar(
        select(Anschlussvereinbarung.id).where(Anschlussvereinbarung.pupil_id == pupil.id)
    ):
        return 0
    agreement = Anschlussvereinbarung(
        pupil_id=pupil.id,
        school_year_id=year_id,
        version=1,
        is_current=True,
        stufe="10",
        wish_option="DUAL",
        wish_text="Ausbildung",
        berufsfelder=["M", "WIVE"],
        alternatives=[{"option_code": "BFSII", "text": ""}],
        contacts=[],
    )
    agreement.next_steps.append(
        NextStep(
            pupil_id=pupil.id,
            position=0,
            description="Bewerbungsunterlagen fertigstellen",
            owner="pupil",
            due_on=today + timedelta(days=rng.randint(-20, 20)),
        )
    )
    agreement.next_steps.append(
        NextStep(
            pupil_id=pupil.id,
            position=1,
            description="Termin bei der Berufsberatung",
            owner="teacher",
            due_on=today + timedelta(days=rng.randint(5, 40)),
        )
    )
    db.session.add(agreement)
    return 1


def _report(region: DemoRegion, year_id: int) -> int:
    pupil = region.users.get("schueler6")
    if pupil is None or db.session.scalar(
        select(AnschlussReport.id).where(AnschlussReport.pupil_id == pupil.id)
    ):
        return 0
    db.session.add(
        AnschlussReport(pupil_id=pupil.id, school_year_id=year_id, proposed_status="zugesagt")
    )
    return 1


def _trend(region: DemoRegion) -> int:
    """Past weekly snapshots: the current counts with fewer secured leavers further back."""
    year_id = region.school_year.id
    rows = snapshots.grouped_counts(year_id, kommune_id=region.kommune.id)
    this_week = clock.today() - timedelta(days=clock.today().weekday())
    written = 0
    for weeks_back in range(1, TREND_WEEKS + 1):
        week = this_week - timedelta(weeks=weeks_back)
        if db.session.scalar(
            select(AnschlussSnapshot.id)
            .where(
                AnschlussSnapshot.school_year_id == year_id, AnschlussSnapshot.week_start == week
            )
            .limit(1)
        ):
            continue
        for row in rows:
            count = row.count
            if row.status in ("zugesagt", "angetreten"):
                count = max(0, count - weeks_back * count // (TREND_WEEKS + 1))
            db.session.add(
                AnschlussSnapshot(
                    school_id=row.school_id,
                    school_year_id=year_id,
                    week_start=week,
                    status=row.status,
                    option_code=row.option_code,
                    count=count,
                )
            )
            written += 1
    return written


def add_demo_anschluss(region: DemoRegion) -> dict:
    rng = region.random("anschluss")
    now = clock.now()
    year_id = region.school_year.id
    leavers = region.pupils_by_class.get("10a", []) + region.pupils_by_class.get("10b", [])
    created = agreements = 0
    for index, pupil in enumerate(p for p in leavers if p.username not in UNTOUCHED):
        created += _anschluss(pupil, year_id, PLANS[index % len(PLANS)], now)
        if index % 3 == 0:
            agreements += _agreement(pupil, year_id, rng, now.date())
    reports = _report(region, year_id)
    db.session.flush()
    trend = _trend(region)
    db.session.flush()
    return {
        "anschluesse": created,
        "anschlussvereinbarungen": agreements,
        "anschluss_reports": reports,
        "anschluss_snapshots": trend,
    }
