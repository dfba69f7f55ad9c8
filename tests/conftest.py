"""Fixtures: app, db, client, login_as, and a small two-Kommune world for scope tests.

The suite runs on SQLite (a file, so concurrency is real). With ANSCHLUSS_TEST_DB=postgresql
the same suite runs on a fresh PostgreSQL database that is dropped afterwards.
"""

from __future__ import annotations

import contextvars
import os
import secrets
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("ANSCHLUSS_ENV", "testing")

from app import create_app  # noqa: E402
from app.auth.models import UserSession  # noqa: E402
from app.auth.sessions import _hash  # noqa: E402
from app.extensions import db as _db  # noqa: E402
from app.extensions import limiter  # noqa: E402

PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return True
    except Exception:
        return False


def require_postgres():
    """Skip without PostgreSQL, except under CI where it must be there."""
    if postgres_available():
        return
    if os.environ.get("CI"):
        pytest.fail("CI is set but PostgreSQL at 127.0.0.1:5432 is unreachable")
    pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")


def create_pg_database(prefix: str = "anschluss_t") -> str:
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


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


def _empty_all_tables() -> None:
    tables = list(_db.metadata.tables.values())
    if _db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        _db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        # Foreign keys are checked at commit, when every table is empty (order irrelevant).
        _db.session.execute(text("PRAGMA defer_foreign_keys=ON"))
        for table in tables:
            _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def db(app):
    """The database, empty at the start of each test; an app context is pushed."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _empty_all_tables()
        _db.session.remove()
    limiter.reset()


@pytest.fixture
def client(app, db):
    return app.test_client()


def with_csrf(test_client):
    """Fetch a CSRF token and send it on every later request of this client."""
    token = test_client.get("/api/v1/auth/csrf").get_json()["csrf_token"]
    test_client.environ_base["HTTP_X_CSRF_TOKEN"] = token
    return test_client


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
    """Two Kommunen; in A a Gesamtschule (own), a Realschule (same Kommune) and a Berufskolleg;
    in B another school. One user per role, scoped to the own school/Kommune."""
    import factories as f

    kommune = f.make_kommune("Dortmund")
    other_kommune = f.make_kommune("Bochum")
    school = f.make_school(kommune, "GE", "Gesamtschule Nord")
    same_kommune_school = f.make_school(kommune, "R", "Realschule Süd")
    berufskolleg = f.make_school(kommune, "BK", "Berufskolleg Mitte")
    other_school = f.make_school(other_kommune, "GE", "Gesamtschule Bochum")
    klasse = f.make_class(school, "10a", "10")
    klasse_b = f.make_class(school, "10b", "10")
    other_class = f.make_class(other_school, "10a", "10")
    same_kommune_class = f.make_class(same_kommune_school, "10a", "10")
    pupil = f.make_pupil(klasse, first_name="Mia", last_name="Becker")
    classmate = f.make_pupil(klasse, first_name="Ali", last_name="Yılmaz")
    pupil_b = f.make_pupil(klasse_b, first_name="Lena", last_name="Schulz")
    other_pupil = f.make_pupil(other_class, first_name="Tom", last_name="Wagner")
    same_kommune_pupil = f.make_pupil(same_kommune_class, first_name="Eva", last_name="Fischer")
    teacher = f.make_teacher(klasse)
    teacher_b = f.make_teacher(klasse_b)
    other_teacher = f.make_teacher(other_class)
    provider_org = f.make_provider(kommune)
    other_provider_org = f.make_provider(other_kommune)
    users = SimpleNamespace(
        pupil=pupil,
        teacher=teacher,
        stubo=f.make_user("stubo", school_id=school.id),
        bk_coordinator=f.make_user("bk_coordinator", school_id=berufskolleg.id, kommune_id=kommune.id),
        kommune_coordinator=f.make_user("kommune_coordinator", kommune_id=kommune.id),
        provider=f.make_user("provider", provider_id=provider_org.id, kommune_id=kommune.id),
        admin=f.make_user("admin"),
    )
    db.session.commit()
    return SimpleNamespace(
        kommune=kommune,
        other_kommune=other_kommune,
        school=school,
        same_kommune_school=same_kommune_school,
        berufskolleg=berufskolleg,
        other_school=other_school,
        klasse=klasse,
        klasse_b=klasse_b,
        other_class=other_class,
        same_kommune_class=same_kommune_class,
        pupil=pupil,
        classmate=classmate,
        pupil_b=pupil_b,
        other_pupil=other_pupil,
        same_kommune_pupil=same_kommune_pupil,
        teacher_b=teacher_b,
        other_teacher=other_teacher,
        provider_org=provider_org,
        other_provider_org=other_provider_org,
        users=users,
    )
