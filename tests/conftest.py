"""Fixtures: app, db, client, login_as, and a small two-Kommune world for scope tests.

The suite runs on SQLite (a file, so concurrency is real). With ANSCHLUSS_TEST_DB=postgresql
the same suite runs on a fresh PostgreSQL database that is dropped afterwards.
"""

from __future__ import annotations

import contextvars
import os
import secrets
from datetime import date, timedelta

import pytest
from flask import has_app_context
from flask.testing import FlaskClient

os.environ.setdefault("ANSCHLUSS_ENV", "testing")

from app import create_app  # noqa: E402
from app.auth.models import UserSession  # noqa: E402
from app.auth.sessions import _hash  # noqa: E402
from app.core import clock  # noqa: E402
from app.extensions import db as _db  # noqa: E402
from app.extensions import limiter  # noqa: E402
from tests.support import (  # noqa: E402
    build_world,
    create_pg_database,
    drop_pg_database,
    empty_all_tables,
    pg_url,
    require_postgres,
    with_csrf,
)

# Every test runs on a fixed day, never on the real one. CI runs the date-sensitive folders again
# with ANSCHLUSS_TEST_TODAY set to a Saturday, 31 July, 1 August and a Christmas-holiday day.
TEST_TODAY = date.fromisoformat(os.environ.get("ANSCHLUSS_TEST_TODAY", "2026-11-11"))


@pytest.fixture(scope="session", autouse=True)
def _pinned_clock_for_session():
    """Session-wide fixtures (the browser tests' live server and its seed) see the test day too."""
    clock.travel_to(TEST_TODAY)
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def today(request):
    """The day every test starts on; a test may move on with `clock.travel_to(...)`.

    Tests marked `real_clock` talk to a production-like server in another process, which
    runs on the real clock (production refuses an override); they compute dates from it.
    """
    if request.node.get_closest_marker("real_clock"):
        clock.reset()
    else:
        clock.travel_to(TEST_TODAY)
    yield clock.today()
    clock.travel_to(TEST_TODAY)


@pytest.fixture(scope="module")
def real_clock():
    """For module-scoped set-up that talks to a production-like server (see `today`)."""
    clock.reset()
    yield
    clock.travel_to(TEST_TODAY)


@pytest.fixture
def reference(db):
    """The reference catalogues (Schulformen, Berufsfelder, SBO elements, leaving certificates,
    Anschluss options, occupations), loaded by the production loader."""
    from seeds.loader import load_reference

    counts = load_reference()
    db.session.commit()
    return counts


@pytest.fixture
def school_monday():
    """Moves the clock to the next Monday from which a whole week is school days.

    List it before `world` so the world is built in that Monday's school year.
    """
    from app.internships.schooldays import why_not_a_school_day

    day = clock.today()
    while day.weekday() != 0 or any(
        why_not_a_school_day(day + timedelta(days=offset)) for offset in range(5)
    ):
        day += timedelta(days=1)
    clock.travel_to(day)
    return day


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if os.environ.get("ANSCHLUSS_TEST_DB") == "postgresql":
        require_postgres()
        name = create_pg_database()
        yield pg_url(name)
        drop_pg_database(name)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a real server would.

    Without this, requests would reuse the test's app context (and with it `g`, the
    logged-in user cache and the db session). The test's own session is committed before
    each request (so SQLite's write lock is free) and sees fresh rows afterwards.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            _db.session.commit()
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            _db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database, empty at the start of each test; an app context is pushed."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        empty_all_tables()
        _db.session.remove()
    limiter.reset()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def api(client):
    """An anonymous client that already carries a CSRF token."""
    return with_csrf(client)


@pytest.fixture
def login_as(app, db):
    """login_as(user) → a test client logged in as that user, with CSRF token set."""

    def _login(user):
        test_client = app.test_client()
        token = secrets.token_urlsafe(32)
        db.session.add(UserSession(token_hash=_hash(token), user_id=user.id, method="test"))
        db.session.commit()
        with test_client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
        return with_csrf(test_client)

    return _login


@pytest.fixture
def world(db):
    """Two Kommunen with schools, classes, pupils and one user per role (see support.py)."""
    return build_world(db)
