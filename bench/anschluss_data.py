"""Leaver data for the bench region: Anschlüsse, applications, agreements, next steps,
snapshots, portfolio.

Runs after the base region is written (see bench/generate.py). Deterministic for a seed; bulk
Core inserts in chunks, so ~50,000 leavers take seconds. Values satisfy the models' rules:
every option fits the leaver's expected certificate.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, insert, or_, select, text

from app.anschluss.models import Anschluss, Anschlussvereinbarung, Application, NextStep
from app.catalog.models import LeavingCertificate
from app.core import clock
from app.dashboards.models import AnschlussSnapshot
from app.extensions import db
from app.portfolio.models import PortfolioStep
from app.schools.models import LEAVING_JAHRGAENGE, ClassMembership, School, SchoolClass

CHUNK = 5_000
# (certificate, options that fit it) — a realistic spread of Sek I and Sek II leavers.
PATHS = (
    ("SBO_10_7_5", ("DUAL", "BFSI", "AV", "BVB")),
    ("SBO_10_7_6", ("DUAL", "BFSII", "EQ")),
    ("SBO_10_7_7", ("DUAL", "BFSII", "FOS", "HOEBFS", "SCHUAUS")),
    ("SBO_10_7_8", ("GY", "BERUFGY", "DUAL", "FOS")),
    ("SBO_10_7_13", ("STUD", "DUASTUD", "DUAL", "FREI")),
)
# Status mix of a cohort in spring: share of leavers per status (remaining: no record → offen).
STATUS_MIX = (
    ("geplant", 0.2),
    ("beworben", 0.2),
    ("zugesagt", 0.2),
    ("angetreten", 0.05),
    ("nokean", 0.1),
    ("unbe", 0.03),
)
TREND_WEEKS = 8
# Options a Berufskolleg offers: applications for them name one of the Kommune's Berufskollegs
# (so a Berufskolleg's incoming list has a realistic length); the rest name a company.
BK_OPTIONS = frozenset({"BFSI", "BFSII", "AV", "HOEBFS", "FOS", "BERUFGY"})
# Applications per leaver by record status: (status of the chosen one or None, others).
APPLICATIONS_BY_STATUS = {
    "geplant": (None, ("geplant",)),
    "beworben": (None, ("beworben", "beworben", "einladung")),
    "zugesagt": ("zugesagt", ("abgesagt", "beworben")),
    "angetreten": ("zugesagt", ("abgesagt",)),
}
# KAoA steps a leaver may have opened in "Mein Weg" (share of leavers per step, statuses drawn).
PORTFOLIO_STEPS = ("SBO 2.1", "SBO 2.2", "SBO 4.1", "SBO 5.1", "SBO 6.1", "SBO 10.6")
PORTFOLIO_SHARE = 0.4


def _leavers():
    return db.session.execute(
        select(ClassMembership.pupil_id, SchoolClass.school_year_id, SchoolClass.school_id)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .where(or_(SchoolClass.jahrgang.in_(LEAVING_JAHRGAENGE), SchoolClass.jahrgang.like("BK%")))
        .order_by(ClassMembership.pupil_id)
    ).all()


def _status(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for status, share in STATUS_MIX:
        total += share
        if roll < total:
            return status
    return "offen"


def _anschluss_row(rng, pupil_id: int, year_id: int, now) -> dict | None:
    status = _status(rng)
    if status == "offen":
        return None
    certificate, options = rng.choice(PATHS)
    option = {"nokean": "NOKEAN", "unbe": "UNBE"}.get(status) or rng.choice(options)
    return {
        "pupil_id": pupil_id,
        "school_year_id": year_id,
        "expected_certificate": certificate,
        "option_code": option,
        "status": status,
        "lock_version": 1,
        "updated_at": now,
    }


def _agreement_rows(rng, leavers, now) -> tuple[list[dict], list[dict]]:
    agreements, steps = [], []
    today = now.date()
    for pupil_id, year_id, _school in leavers:
        if rng.random() > 0.6:
            continue
        agreement_id = len(agreements) + 1
        agreements.append(
            {
                "id": agreement_id,
                "pupil_id": pupil_id,
                "school_year_id": year_id,
                "version": 1,
                "is_current": True,
                "stufe": "10",
                "wish_option": "DUAL",
                "wish_text": "",
                "alternatives": [],
                "berufsfelder": ["M"],
                "contacts": [],
                "created_at": now,
            }
        )
        for position, days in enumerate((rng.randint(-30, 10), rng.randint(5, 60))):
            steps.append(
                {
                    "agreement_id": agreement_id,
                    "pupil_id": pupil_id,
                    "position": position,
                    "description": "Bewerbung schreiben",
                    "owner": "pupil",
                    "due_on": today + timedelta(days=days),
                    "done_at": now if rng.random() < 0.4 else None,
                }
            )
    return agreements, steps


def _berufskollegs() -> tuple[dict[int, list[int]], dict[int, int]]:
    """Kommune id → its Berufskollegs; school id → Kommune id."""
    rows = db.session.execute(select(School.id, School.kommune_id, School.schulform)).all()
    by_kommune: dict[int, list[int]] = {}
    for school_id, kommune_id, schulform in rows:
        if schulform == "BK":
            by_kommune.setdefault(kommune_id, []).append(school_id)
    return by_kommune, {school_id: kommune_id for school_id, kommune_id, _ in rows}


def _application_rows(rng, anschluss_rows, leavers, now) -> list[dict]:
    """Bewerbungen that agree with each record's status: a secured record has its chosen
    acceptance (arrived when angetreten), an open one only pending applications."""
    bks_of_kommune, kommune_of_school = _berufskollegs()
    school_of = {pupil_id: school_id for pupil_id, _year, school_id in leavers}
    today = now.date()
    rows = []
    for record in anschluss_rows:
        chosen_status, others = APPLICATIONS_BY_STATUS.get(record["status"], (None, ()))
        bks = bks_of_kommune.get(kommune_of_school[school_of[record["pupil_id"]]], [])
        arrived = record["status"] == "angetreten"
        plan = [(chosen_status, True)] if chosen_status else []
        plan += [(status, False) for status in others]
        for status, is_chosen in plan:
            option = record["option_code"]
            to_school = option in BK_OPTIONS and bks
            rows.append(
                {
                    "pupil_id": record["pupil_id"],
                    "school_year_id": record["school_year_id"],
                    "target_kind": "school" if to_school else "company",
                    "target_school_id": rng.choice(bks) if to_school else None,
                    "target_name": "" if to_school else f"Bench-Betrieb {rng.randint(1, 500)}",
                    "option_code": option,
                    "status": status,
                    "applied_on": today - timedelta(days=rng.randint(20, 120)),
                    "decided_on": None,
                    "starts_on": None,
                    "is_chosen": is_chosen,
                    "is_fallback": False,
                    "source": "staff",
                    "external_ref": None,
                    "confirmed_at": now,
                    "confirmed_by_id": None,
                    "arrival": "arrived" if arrived and is_chosen else None,
                    "arrival_recorded_at": None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    return rows


def _snapshot_rows(anschluss_rows, leavers, now) -> list[dict]:
    """Past weeks with fewer secured leavers, so the trend has a shape."""
    current = Counter()
    by_pupil = {row["pupil_id"]: row for row in anschluss_rows}
    for pupil_id, year_id, school_id in leavers:
        row = by_pupil.get(pupil_id)
        current[(school_id, year_id, row["status"] if row else "offen")] += 1
    rows = []
    this_week = now.date() - timedelta(days=now.date().weekday())
    for weeks_back in range(1, TREND_WEEKS + 1):
        week = this_week - timedelta(weeks=weeks_back)
        for (school_id, year_id, status), count in current.items():
            if status in ("zugesagt", "angetreten"):
                count = max(0, count - weeks_back * count // (TREND_WEEKS + 2))
            rows.append(
                {
                    "school_id": school_id,
                    "school_year_id": year_id,
                    "week_start": week,
                    "status": status,
                    "option_code": "",
                    "count": count,
                    "taken_at": now,
                }
            )
    return rows


def _portfolio_rows(rng, leavers, now) -> list[dict]:
    """Steps of grade 9 the leavers opened, some done: the cohort's missing steps and risk
    reasons read them."""
    return [
        {
            "pupil_id": pupil_id,
            "jahrgang": "9",
            "sbo_kuerzel": element,
            "sequence": 1,
            "status": rng.choice(("open", "planned", "done", "done")),
            "provider": "",
            "reflection": "",
            "created_at": now,
            "updated_at": now,
        }
        for pupil_id, _year, _school in leavers
        for element in PORTFOLIO_STEPS
        if rng.random() < PORTFOLIO_SHARE
    ]


def _ensure_reference() -> None:
    if db.session.scalar(select(func.count()).select_from(LeavingCertificate)):
        return
    from seeds.loader import load_reference

    load_reference()
    db.session.flush()


def add_leaver_data(seed: int) -> dict[str, int]:
    """Insert Anschluss data for every leaver of the generated region; commits."""
    _ensure_reference()
    rng = random.Random(seed + 5)
    now = clock.now()
    leavers = _leavers()
    anschluss_rows = [
        row
        for pupil_id, year_id, _school in leavers
        if (row := _anschluss_row(rng, pupil_id, year_id, now)) is not None
    ]
    applications = _application_rows(rng, anschluss_rows, leavers, now)
    agreements, steps = _agreement_rows(rng, leavers, now)
    snapshots = _snapshot_rows(anschluss_rows, leavers, now)
    steps_done = _portfolio_rows(rng, leavers, now)
    connection = db.session.connection()
    for model, rows in (
        (Anschluss, anschluss_rows),
        (Application, applications),
        (Anschlussvereinbarung, agreements),
        (NextStep, steps),
        (AnschlussSnapshot, snapshots),
        (PortfolioStep, steps_done),
    ):
        for start in range(0, len(rows), CHUNK):
            connection.execute(insert(model.__table__), rows[start : start + CHUNK])
    if connection.dialect.name == "postgresql" and agreements:
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('anschlussvereinbarungen', 'id'), :n)"),
            {"n": len(agreements)},
        )
        connection.execute(text("ANALYZE"))
    db.session.commit()
    return {
        "leavers": len(leavers),
        "anschluesse": len(anschluss_rows),
        "anschluss_applications": len(applications),
        "anschlussvereinbarungen": len(agreements),
        "anschluss_next_steps": len(steps),
        "anschluss_snapshots": len(snapshots),
        "portfolio_steps": len(steps_done),
    }
