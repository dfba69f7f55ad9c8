"""50 pupils race for the last place(s) of a slot, 20 times, on a SQLite file and PostgreSQL.

Each booker is a thread with its own app context and database session, released together
by a barrier. Exactly `capacity` get a place; every other gets a clean 409 (SlotFull) or,
when it asked for it, a waiting-list place; nobody sees another error and nothing hangs.
"""

from __future__ import annotations

import secrets
import threading
import time

import pytest
from sqlalchemy import func, select

from app import create_app
from app.auth.models import User
from app.core.errors import Conflict
from app.extensions import db
from app.internships import booking, waitlist
from app.internships.capacity import SlotFull
from app.internships.models import Booking, Slot, WaitlistEntry
from tests.internships.concurrency_support import (
    BOOKERS,
    REPETITIONS,
    new_slot,
    record_figures,
    seed_region,
)
from tests.support import create_pg_database, drop_pg_database, pg_url, require_postgres

pytestmark = pytest.mark.slow
THREAD_TIMEOUT = 60


def _app(url: str):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": url,
            "RATELIMIT_STORAGE_URI": "memory://",
            # One connection per booker, so the database (not the pool) decides who waits.
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": BOOKERS + 5, "max_overflow": 0},
        }
    )
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def race_app(request, tmp_path_factory):
    if request.param == "postgresql":
        require_postgres()
        name = create_pg_database("anschluss_race")
        url = pg_url(name)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('race') / 'race.db'}"
    app = _app(url)
    with app.app_context():
        region = seed_region()
    yield request.param, app, region
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if request.param == "postgresql":
        drop_pg_database(name)


def _book(app, pupil_id, slot_id, wants_waitlist, barrier, outcomes):
    with app.app_context():
        try:
            pupil = db.session.get(User, pupil_id)
            # End the read transaction: on SQLite it holds the write lock (BEGIN IMMEDIATE).
            db.session.commit()
            barrier.wait(timeout=THREAD_TIMEOUT)
            try:
                booking.request_booking(pupil, slot_id)
                outcome = "booked"
            except SlotFull:
                if not wants_waitlist:
                    raise
                waitlist.join(pupil, db.session.get(Slot, slot_id), "ITC")
                outcome = "waitlisted"
            db.session.commit()
        except Conflict as error:
            db.session.rollback()
            outcome = f"409:{error.code}"
        except Exception as error:  # anything else is a failure of the test
            db.session.rollback()
            outcome = f"error:{type(error).__name__}:{error}"
        finally:
            db.session.remove()
        outcomes.append(outcome)


def _race(app, region, slot_id):
    barrier = threading.Barrier(BOOKERS)
    outcomes: list[str] = []
    threads = [
        threading.Thread(target=_book, args=(app, pid, slot_id, i % 2 == 1, barrier, outcomes))
        for i, pid in enumerate(region["pupil_ids"])
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT)
    assert not any(t.is_alive() for t in threads), "a booker hung"
    return outcomes, time.perf_counter() - started


@pytest.mark.parametrize("capacity", [1, 3])
def test_fifty_bookers_race_for_the_last_places(race_app, capacity):
    """Do exactly `capacity` of 50 simultaneous bookers get a place, 20 times in a row, with
    every other one refused cleanly (409) or queued, and the counters consistent?"""
    engine, app, region = race_app
    timings, successes = [], []
    for repetition in range(REPETITIONS):
        with app.app_context():
            slot_id = new_slot(
                region["offer_id"], repetition + (0 if capacity == 1 else 40), capacity
            )
        outcomes, elapsed = _race(app, region, slot_id)
        errors = [o for o in outcomes if o.startswith("error")]
        assert not errors, errors
        assert len(outcomes) == BOOKERS
        booked = outcomes.count("booked")
        assert booked == capacity, outcomes
        assert set(outcomes) <= {"booked", "waitlisted", "409:slot-full"}, set(outcomes)
        with app.app_context():
            slot = db.session.get(Slot, slot_id)
            rows = db.session.scalar(
                select(func.count(Booking.id)).where(Booking.slot_id == slot_id)
            )
            waiting = db.session.scalar(
                select(func.count(WaitlistEntry.id)).where(WaitlistEntry.slot_id == slot_id)
            )
            assert (slot.booked, rows) == (capacity, capacity)
            assert waiting == outcomes.count("waitlisted")
            db.session.remove()
        timings.append(elapsed)
        successes.append(booked)
    record_figures(f"service/{engine}/capacity={capacity}", timings, successes)
