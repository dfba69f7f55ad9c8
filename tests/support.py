"""Test support shared by every test folder (import it as `support`, never `conftest`).

Folder-level conftest.py files shadow the root one for `import conftest`, so shared helpers
live here and tests/conftest.py only turns them into fixtures.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from sqlalchemy import event, func, select, text

from app.extensions import db as _db

PG_ADMIN_URL = os.environ.get(
    "PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


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


def redis_available() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def production_rate_limits() -> dict:
    """Production refuses in-memory rate limits: production-like apps in tests count in Redis
    (a key prefix of their own, so runs never see each other's counters)."""
    if not redis_available():
        if os.environ.get("CI"):
            pytest.fail("CI is set but Redis at 127.0.0.1:6379 is unreachable")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (production needs it)")
    return {
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/7",
        "RATELIMIT_KEY_PREFIX": f"anschluss-test-{uuid.uuid4().hex[:12]}",
    }


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


def with_csrf(test_client):
    """Fetch a CSRF token and send it on every later request of this client."""
    token = test_client.get("/api/v1/auth/csrf").get_json()["csrf_token"]
    test_client.environ_base["HTTP_X_CSRF_TOKEN"] = token
    return test_client


def empty_all_tables() -> None:
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


def build_world(db):
    """Two Kommunen; in A a Gesamtschule (own), a Realschule (same Kommune) and a Berufskolleg;
    in B another school. One user per role, scoped to the own school/Kommune."""
    from tests import factories as f

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
    agentur = f.make_recipient(kommune, "agentur_fuer_arbeit", "Agentur für Arbeit Dortmund")
    other_agentur = f.make_recipient(
        other_kommune, "agentur_fuer_arbeit", "Agentur für Arbeit Bochum"
    )
    users = SimpleNamespace(
        pupil=pupil,
        teacher=teacher,
        stubo=f.make_user("stubo", school_id=school.id),
        bk_coordinator=f.make_user(
            "bk_coordinator", school_id=berufskolleg.id, kommune_id=kommune.id
        ),
        kommune_coordinator=f.make_user("kommune_coordinator", kommune_id=kommune.id),
        recipient_coordinator=f.make_recipient_coordinator(agentur),
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
        agentur=agentur,
        other_agentur=other_agentur,
        users=users,
    )


@contextmanager
def counted_statements(engine):
    """Count the SQL statements the engine runs inside the block."""
    statements: list[str] = []

    def _count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def statements_for(client, db, url: str) -> int:
    """How many SQL statements a GET of `url` runs (it must answer 200)."""
    with counted_statements(db.engine) as statements:
        response = client.get(url)
    assert response.status_code == 200, response.get_json()
    return len(statements)


# -- reading rows in tests (SQLAlchemy 2 `select`; the legacy Query API is not used) -------------


def _select(model, where, equal):
    return select(model).where(*where, *(getattr(model, k) == v for k, v in equal.items()))


def rows_of(model, *where, **equal) -> list:
    """Rows of `model` matching the conditions (`where` clauses, `column=value`), by id."""
    return list(_db.session.scalars(_select(model, where, equal).order_by(model.id)))


def one_of(model, *where, **equal):
    """The one row of `model` matching the conditions (error if none or several)."""
    return _db.session.scalars(_select(model, where, equal)).one()


def count_of(model, *where, **equal) -> int:
    """How many rows of `model` match the conditions."""
    query = _select(model, where, equal).with_only_columns(func.count()).select_from(model)
    return _db.session.scalar(query)
