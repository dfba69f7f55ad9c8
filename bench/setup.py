"""Bench databases, the app bound to them, and logging a subject in without a password."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect

from app import create_app
from app.auth.models import UserSession
from app.auth.sessions import _hash
from app.extensions import db

RESULTS_DIR = Path(__file__).resolve().parent / "results"
PG_ADMIN_URL = os.environ.get(
    "PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_BENCH_DATABASE = "anschluss_bench"


def database_url(engine: str, pupils: int) -> str:
    """Where the bench region of this size lives (one database per engine and size)."""
    if engine == "sqlite":
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{RESULTS_DIR / f'bench-{pupils}.db'}"
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DATABASE}_{pupils}"


def ensure_database(url: str, fresh: bool = False) -> None:
    """Create the PostgreSQL database (or drop the SQLite file) as needed."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def schema_is_current() -> bool:
    """Does the database have every table and column of the models? A region generated before
    a model change is regenerated rather than failing half-way through a run."""
    inspector = inspect(db.engine)
    existing = set(inspector.get_table_names())
    for table in db.metadata.sorted_tables:
        if table.name not in existing:
            return False
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        if not set(table.columns.keys()) <= columns:
            return False
    return True


def bench_app(url: str, secret_key: str | None = None) -> Flask:
    """The app on the bench database; tables created from the models when missing.
    `secret_key`: sign session cookies for another server (bench/http.py) with it."""
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SECRET_KEY": secret_key or secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": url,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    with app.app_context():
        if inspect(db.engine).get_table_names() and not schema_is_current():
            print(f"{url}: the models changed since the region was generated; regenerating")
            db.engine.dispose()
            ensure_database(url, fresh=True)
        db.create_all()
    return app


def logged_in_client(app: Flask, user_id: int) -> FlaskClient:
    """A test client with a server-side session for the user, as after a real login."""
    client = app.test_client()
    token = secrets.token_urlsafe(32)
    with app.app_context():
        db.session.add(UserSession(token_hash=_hash(token), user_id=user_id, method="bench"))
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True
    csrf = client.get("/api/v1/auth/csrf").get_json()["csrf_token"]
    client.environ_base["HTTP_X_CSRF_TOKEN"] = csrf
    return client
