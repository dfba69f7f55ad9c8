"""Pooled database connections: idle ones are tested before use, busy ones are not."""

from __future__ import annotations

import secrets
import time

import psycopg
import pytest

from app import create_app
from app.extensions import db
from tests.support import (
    PG_ADMIN_URL,
    create_pg_database,
    drop_pg_database,
    pg_url,
    require_postgres,
)


@pytest.fixture
def pg_app():
    require_postgres()
    name = create_pg_database("anschluss_ping")
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SECRET_KEY": secrets.token_hex(32),
            "SQLALCHEMY_DATABASE_URI": pg_url(name),
            "RATELIMIT_STORAGE_URI": "memory://",
            "DB_PING_IDLE_SECONDS": 0.5,
        }
    )
    yield app
    with app.app_context():
        db.engine.dispose()
    drop_pg_database(name)


def _server_pids(app) -> set[int]:
    with app.app_context():
        return {db.session.connection().connection.dbapi_connection.info.backend_pid}


def _terminate(pids: set[int]) -> None:
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_does_a_connection_cut_while_idle_not_fail_the_next_request(pg_app):
    """After the database dropped a connection of the pool (a restart, an idle timeout),
    does the next request after a quiet spell still get an answer?"""
    client = pg_app.test_client()
    assert client.get("/api/v1/health").status_code == 200
    _terminate(_server_pids(pg_app))
    time.sleep(0.6)
    assert client.get("/api/v1/health").status_code == 200


def test_is_a_connection_in_use_not_pinged(pg_app):
    """Does a busy server skip the extra round trip for connections used a moment ago?"""
    pings = []
    with pg_app.app_context():
        dialect = db.engine.dialect
        original = dialect.do_ping
        dialect.do_ping = lambda connection: pings.append(1) or original(connection)
    try:
        client = pg_app.test_client()
        client.get("/api/v1/health")
        before = len(pings)
        for _ in range(5):
            assert client.get("/api/v1/health").status_code == 200
        assert len(pings) == before
        time.sleep(0.6)
        client.get("/api/v1/health")
        assert len(pings) == before + 1
    finally:
        dialect.do_ping = original
