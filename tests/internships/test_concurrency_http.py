"""The booking race over HTTP: gunicorn with 2 workers on PostgreSQL, 50 clients, 20 runs.

Sessions are created directly in the database (as after a login) and the signed session
cookie is built with the server's secret key, so the race measures booking, not login.
"""

from __future__ import annotations

import secrets
import threading
import time

import pytest
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import func, select

from app import create_app
from app.auth.models import UserSession
from app.auth.sessions import _hash
from app.extensions import db
from app.internships.models import Booking, Slot
from tests.deploy.gunicorn_server import GunicornServer, free_port, production_env, redis_available
from tests.internships.concurrency_support import (
    BOOKERS,
    REPETITIONS,
    new_slot,
    record_figures,
    seed_region,
)
from tests.support import create_pg_database, drop_pg_database, pg_url, require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.real_clock]
COOKIE = "anschluss_session"  # SECURE_COOKIES=0 on plain HTTP


@pytest.fixture(scope="module")
def setup(real_clock, tmp_path_factory):
    require_postgres()
    if not redis_available():
        pytest.skip("Redis (rate-limit storage of the production config) is not reachable")
    name = create_pg_database("anschluss_race_http")
    url = pg_url(name)
    port = free_port()
    env = production_env(url, port)
    keys = {name: env[name] for name in ("SECRET_KEY", "AUDIT_HMAC_KEY")}
    app = create_app({"ENV_NAME": "testing", **keys, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        region = seed_region()
        region["clients"] = [_session_for(app, pupil_id) for pupil_id in region["pupil_ids"]]
    server = GunicornServer(env, workers=2, port=port, log_dir=tmp_path_factory.mktemp("gunicorn"))
    server.start()
    yield app, region, server
    server.stop()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_pg_database(name)


def _session_for(app, pupil_id: int) -> tuple[str, str]:
    """(cookie header, csrf token) of a fresh server-side session for the pupil."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    db.session.add(UserSession(token_hash=_hash(token), user_id=pupil_id, method="test"))
    db.session.commit()
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    value = serializer.dumps({"_user_id": token, "_fresh": True, "csrf": csrf})
    return f"{COOKIE}={value}", csrf


def _race(server, clients, slot_id):
    barrier = threading.Barrier(BOOKERS)
    statuses: list[int] = []

    def post(cookie, csrf):
        barrier.wait(timeout=30)
        try:
            reply = server.request(
                "POST", "/api/v1/bookings", body={"slot_id": slot_id}, cookie=cookie, csrf=csrf
            )
            statuses.append(reply.status)
        except OSError as error:  # a timeout or reset counts as a failure
            statuses.append(f"{type(error).__name__}")

    threads = [threading.Thread(target=post, args=client) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a client hung"
    return statuses, time.perf_counter() - started


def test_fifty_http_bookers_through_two_gunicorn_workers(setup):
    """Over HTTP with 2 gunicorn workers on PostgreSQL, does exactly one of 50 simultaneous
    requests get the last place (201), every other a 409, none a 5xx, 20 times?"""
    app, region, server = setup
    timings, successes = [], []
    for repetition in range(REPETITIONS):
        with app.app_context():
            slot_id = new_slot(region["offer_id"], repetition, 1)
        statuses, elapsed = _race(server, region["clients"], slot_id)
        assert sorted(statuses, key=str) == [201] + [409] * (BOOKERS - 1), statuses
        with app.app_context():
            assert db.session.get(Slot, slot_id).booked == 1
            rows = db.session.scalar(
                select(func.count(Booking.id)).where(Booking.slot_id == slot_id)
            )
            assert rows == 1
            db.session.remove()
        timings.append(elapsed)
        successes.append(statuses.count(201))
    record_figures("http/gunicorn-2-workers/postgresql/capacity=1", timings, successes)
