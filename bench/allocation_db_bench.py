"""Allocation round at full scale through the database and the HTTP API.

`python -m bench.allocation_db_bench --database sqlite|postgresql [--pupils N --slots M]`
builds a fresh bench database with one Kommune (10,000 pupils in classes of 25 across
20 schools, 1,500 one-day BFE slots in one February-like week), opens a round through the
service (which notifies every pupil), stores six ranked choices per pupil (bulk insert,
same skewed popularity as `bench.allocation_bench`), passes the deadline, then times
`POST …/run` and `POST …/publish` (and a second publish, which must be 409) through the
Flask test client as the Kommune coordinator. Prints wall time and SQL statements per phase.
Targets on the 2-core reference machine: run < 10 s, publish < 30 s.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date, timedelta
from datetime import time as wall_time

from sqlalchemy import func, insert, select, update

from app.allocation.models import AllocationPreference, AllocationRound
from app.allocation.rounds import create_round
from app.auth.models import User
from app.core import clock
from app.extensions import db
from app.internships.models import Booking, BookingDay, Offer, OfferBerufsfeld, Provider, Slot
from app.internships.schooldays import why_not_a_school_day
from app.notifications.models import Notification, OutboxMail
from app.schools.models import (
    ClassMembership,
    ClassTeacher,
    Kommune,
    School,
    SchoolClass,
    SchoolYear,
)
from bench.allocation_bench import synthetic_problem
from bench.measure import StatementCounter
from bench.setup import PG_ADMIN_URL, RESULTS_DIR, bench_app, ensure_database, logged_in_client

RUN_TARGET, PUBLISH_TARGET = 10.0, 30.0
CLASS_SIZE, SCHOOLS = 25, 20
FIELDS = ("BAV", "D", "EL", "G", "GESGE", "ITC", "KKG", "LANAUM", "M", "ME", "N", "PRFE")


def _url(engine: str) -> str:
    if engine == "sqlite":
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{RESULTS_DIR / 'allocation-db.db'}"
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/anschluss_allocation_bench"


def _school_week(after_days: int = 60) -> list[date]:
    days, day = [], clock.today() + timedelta(days=after_days)
    while len(days) < 5:
        if why_not_a_school_day(day) is None:
            days.append(day)
        day += timedelta(days=1)
    return days


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(model), rows[start : start + 5000])


def _ids(model, **where) -> list[int]:
    query = select(model.id).filter_by(**where).order_by(model.id)
    return list(db.session.scalars(query))


def _region(pupils: int) -> tuple[int, list[int]]:
    """Kommune, schools, classes with teachers, pupils; returns (kommune id, pupil ids)."""
    kommune = Kommune(name="Bench-Kommune", coordination_name="Kommunale Koordinierung")
    db.session.add(kommune)
    db.session.flush()
    label, starts, ends = SchoolYear.bounds_for(clock.today())
    year = SchoolYear(label=label, starts_on=starts, ends_on=ends)
    db.session.add(year)
    db.session.flush()
    _bulk(
        School,
        [
            {
                "schulnummer": f"{190000 + i}",
                "name": f"Schule {i}",
                "schulform": "GE",
                "kommune_id": kommune.id,
                "postcode": "44135",
                "city": "Dortmund",
            }
            for i in range(SCHOOLS)
        ],
    )
    schools = _ids(School)
    classes_needed = -(-pupils // CLASS_SIZE)
    _bulk(
        SchoolClass,
        [
            {
                "school_id": schools[i % SCHOOLS],
                "school_year_id": year.id,
                "name": f"9{chr(97 + i // SCHOOLS % 26)}{i // (SCHOOLS * 26) or ''}",
                "jahrgang": "9",
            }
            for i in range(classes_needed)
        ],
    )
    classes = db.session.execute(select(SchoolClass.id, SchoolClass.school_id)).all()
    _bulk(
        User,
        [
            {
                "role": "teacher",
                "username": f"lehrkraft{i}",
                "first_name": "Lehr",
                "last_name": f"Kraft {i}",
                "school_id": school_id,
                "email": f"l{i}@schule.test",
            }
            for i, (_, school_id) in enumerate(classes)
        ],
    )
    teachers = _ids(User, role="teacher")
    _bulk(
        ClassTeacher,
        [{"teacher_id": t, "class_id": c} for t, (c, _) in zip(teachers, classes, strict=True)],
    )
    _bulk(
        User,
        [
            {
                "role": "pupil",
                "first_name": f"Vorname{i}",
                "last_name": f"Nachname{i}",
                "school_id": classes[i // CLASS_SIZE][1],
                "email": f"p{i}@schule.test",
                "birth_date": date(2011, 1 + i % 12, 1 + i % 28),
            }
            for i in range(pupils)
        ],
    )
    pupil_ids = _ids(User, role="pupil")
    _bulk(
        ClassMembership,
        [
            {"pupil_id": p, "class_id": classes[i // CLASS_SIZE][0], "school_year_id": year.id}
            for i, p in enumerate(pupil_ids)
        ],
    )
    return kommune.id, pupil_ids


def _slots(kommune_id: int, capacities, days: list[date]) -> list[int]:
    provider = Provider(
        name="Bench-Betriebe",
        kommune_id=kommune_id,
        postcode="44137",
        city="Dortmund",
        approved_at=clock.now(),
    )
    db.session.add(provider)
    db.session.flush()
    n = len(capacities)
    _bulk(
        Offer,
        [
            {
                "provider_id": provider.id,
                "kind": "bfe",
                "title": f"Angebot {i}",
                "description": "",
                "street": "Hauptstraße 1",
                "postcode": "44137",
                "city": "Dortmund",
                "status": "published",
                "min_jahrgang": 8,
            }
            for i in range(n)
        ],
    )
    offers = _ids(Offer)
    _bulk(
        OfferBerufsfeld,
        [
            {"offer_id": o, "berufsfeld": FIELDS[i % len(FIELDS)], "position": 0}
            for i, o in enumerate(offers)
        ],
    )
    _bulk(
        Slot,
        [
            {
                "offer_id": o,
                "starts_on": days[i % len(days)],
                "ends_on": days[i % len(days)],
                "daily_start": wall_time(8),
                "daily_end": wall_time(14),
                "capacity": int(capacities[i]),
                "booked": 0,
            }
            for i, o in enumerate(offers)
        ],
    )
    return list(db.session.scalars(select(Slot.id).order_by(Slot.offer_id)))


def build(pupils: int, slots: int, seed: int) -> tuple[int, int]:
    """The whole bench region; returns (round id, coordinator id). Committed."""
    problem = synthetic_problem(pupils, slots, 6, seed)
    kommune_id, pupil_ids = _region(pupils)
    days = _school_week()
    slot_ids = _slots(kommune_id, problem.capacities, days)
    coordinator = User(
        role="kommune_coordinator",
        username="koordination",
        first_name="Kim",
        last_name="Koordination",
        kommune_id=kommune_id,
    )
    db.session.add(coordinator)
    db.session.flush()
    allocation_round = create_round(
        coordinator,
        {
            "name": "BFE-Woche",
            "kommune_id": kommune_id,
            "period_start": days[0],
            "period_end": days[-1],
            "preference_deadline": clock.now() + timedelta(days=1),
            "max_choices": 6,
            "seed": seed,
        },
    )
    _bulk(
        AllocationPreference,
        [
            {
                "round_id": allocation_round.id,
                "pupil_id": pupil_ids[p],
                "slot_id": slot_ids[s],
                "rank": int(r),
            }
            for p, s, r in zip(
                problem.edge_pupil, problem.edge_slot, problem.edge_rank, strict=True
            )
        ],
    )
    db.session.execute(
        update(AllocationRound)
        .where(AllocationRound.id == allocation_round.id)
        .values(preference_deadline=clock.now() - timedelta(minutes=1))
    )
    db.session.commit()
    return allocation_round.id, coordinator.id


def _timed(client, counter: StatementCounter, path: str) -> dict:
    counter.take()
    started = time.perf_counter()
    response = client.post(path)
    seconds = time.perf_counter() - started
    return {
        "status": response.status_code,
        "seconds": round(seconds, 2),
        "statements": counter.take(),
        "body": response.get_json(),
    }


def _counts() -> dict:
    def count(model):
        return db.session.scalar(select(func.count()).select_from(model))

    return {
        "bookings": count(Booking),
        "booking_days": count(BookingDay),
        "notifications": count(Notification),
        "outbox_mails": count(OutboxMail),
        "overbooked_slots": db.session.scalar(
            select(func.count()).select_from(Slot).where(Slot.booked > Slot.capacity)
        ),
    }


def run(engine: str, pupils: int, slots: int, seed: int) -> dict:
    url = _url(engine)
    ensure_database(url, fresh=True)
    app = bench_app(url)
    started = time.perf_counter()
    with app.app_context():
        round_id, coordinator_id = build(pupils, slots, seed)
        before = _counts()
    setup_seconds = time.perf_counter() - started
    client = logged_in_client(app, coordinator_id)
    base = f"/api/v1/allocation-rounds/{round_id}"
    counter = StatementCounter()
    with app.app_context():
        engine_ = db.engine
    with counter.listening(engine_):
        ran = _timed(client, counter, f"{base}/run")
        published = _timed(client, counter, f"{base}/publish")
        again = _timed(client, counter, f"{base}/publish")
    with app.app_context():
        after = _counts()
        db.engine.dispose()
    result = ran["body"].get("result") or {}
    return {
        "database": engine,
        "pupils": pupils,
        "slots": slots,
        "seed": seed,
        "setup_seconds": round(setup_seconds, 1),
        "run": {k: ran[k] for k in ("status", "seconds", "statements")}
        | {"solver_seconds": result.get("solver_seconds")},
        "publish": {k: published[k] for k in ("status", "seconds", "statements")}
        | {
            "booked": (published["body"] or {}).get("booked"),
            "unassigned": len((published["body"] or {}).get("unassigned") or []),
        },
        "second_publish": {k: again[k] for k in ("status", "seconds", "statements")},
        "rows_before": before,
        "rows_after": after,
        "optimal": result.get("optimal", {}).get("satisfaction"),
        "fcfs": result.get("fcfs", {}).get("satisfaction"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pupils", type=int, default=10_000)
    parser.add_argument("--slots", type=int, default=1_500)
    parser.add_argument("--seed", type=int, default=20260202)
    args = parser.parse_args()
    figures = run(args.database, args.pupils, args.slots, args.seed)
    print(json.dumps(figures, indent=2))
    slow = (
        figures["run"]["seconds"] >= RUN_TARGET or figures["publish"]["seconds"] >= PUBLISH_TARGET
    )
    failed = (
        figures["run"]["status"],
        figures["publish"]["status"],
        figures["second_publish"]["status"],
    ) != (200, 200, 409)
    if failed or figures["rows_after"]["overbooked_slots"]:
        raise SystemExit("allocation db bench: unexpected status or overbooked slot")
    if slow:
        raise SystemExit("allocation db bench: slower than the target")


if __name__ == "__main__":
    main()
