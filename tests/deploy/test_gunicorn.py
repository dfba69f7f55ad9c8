"""Production shape: gunicorn with two workers on PostgreSQL and Redis shares all state.

Nothing may live in one worker's memory: a login made on one worker is honoured by the
other, a logout on one ends the session on both, and the login rate limit counts attempts
across workers (Redis).
"""

from __future__ import annotations

import os

import pytest

from app import create_app
from app.auth.passwords import hash_password
from app.extensions import db
from tests.deploy.gunicorn_server import (
    GunicornServer,
    free_port,
    production_env,
    redis_available,
    run_flask,
)
from tests.support import create_pg_database, drop_pg_database, pg_url, require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.real_clock]

USERNAME = "lehrerin.gunicorn"
PASSWORD = "richtig-geheim-123"
COOKIE = "anschluss_session"  # SECURE_COOKIES=0: plain name, since __Host- needs HTTPS
ROUNDS = 10


def require_redis():
    if redis_available():
        return
    if os.environ.get("CI"):
        pytest.fail("CI is set but Redis at 127.0.0.1:6379 is unreachable")
    pytest.skip("Redis is not reachable on 127.0.0.1:6379")


def add_teacher(database_url: str) -> None:
    from tests import factories as f

    app = create_app(
        {"ENV_NAME": "testing", "SECRET_KEY": "setup", "SQLALCHEMY_DATABASE_URI": database_url}
    )
    with app.app_context():
        school = f.make_school(f.make_kommune("Dortmund"), "GE", "Gesamtschule Gunicorn")
        teacher = f.make_teacher(f.make_class(school, "10a", "10"), username=USERNAME)
        teacher.password_hash = hash_password(PASSWORD)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def database_url(real_clock):
    """A fresh PostgreSQL database, migrated by `flask db upgrade` as on deploy."""
    require_postgres()
    require_redis()
    name = create_pg_database("anschluss_gunicorn")
    url = pg_url(name)
    migrated = run_flask(production_env(url, 0), "db", "upgrade")
    assert migrated.returncode == 0, migrated.stderr
    add_teacher(url)
    yield url
    drop_pg_database(name)


def start_server(database_url, log_dir):
    port = free_port()
    return GunicornServer(production_env(database_url, port), port=port, log_dir=log_dir).start()


@pytest.fixture(scope="module")
def shared_server(database_url, tmp_path_factory):
    """One server for the session tests (two logins stay well under the rate limit)."""
    gunicorn = start_server(database_url, tmp_path_factory.mktemp("gunicorn"))
    yield gunicorn
    gunicorn.stop()


@pytest.fixture
def server(database_url, tmp_path):
    """A server of its own, with fresh rate-limit counters in Redis."""
    gunicorn = start_server(database_url, tmp_path)
    yield gunicorn
    gunicorn.stop()


def log_in(server) -> tuple[str, str, int]:
    """Password login over HTTP; returns session cookie, CSRF token and the worker's pid."""
    csrf = server.request("GET", "/api/v1/auth/csrf")
    pre_login_cookie = f"{COOKIE}={csrf.cookie(COOKIE)}"
    reply = server.request(
        "POST",
        "/api/v1/auth/login",
        body={"username": USERNAME, "password": PASSWORD},
        cookie=pre_login_cookie,
        csrf=csrf.body["csrf_token"],
    )
    assert reply.status == 200, reply.body
    server.attribute([reply])
    return f"{COOKIE}={reply.cookie(COOKIE)}", reply.body["csrf_token"], reply.pid


def replies_from_every_worker(server, method, path, **kwargs) -> list:
    """Send concurrent batches until both workers have answered at least once."""
    replies = []
    for _ in range(ROUNDS):
        replies += server.concurrently(16, method, path, **kwargs)
        if len({r.pid for r in replies} - {None}) >= server.workers:
            return replies
    answered = {r.pid for r in replies}
    pytest.fail(f"only workers {answered} answered")


def test_is_a_login_on_one_worker_honoured_by_the_other(shared_server):
    """Does a session created by one gunicorn worker work on every other worker?"""
    cookie, _csrf, login_pid = log_in(shared_server)
    replies = replies_from_every_worker(shared_server, "GET", "/api/v1/auth/me", cookie=cookie)
    assert {r.status for r in replies} == {200}
    assert {r.body["username"] for r in replies} == {USERNAME}
    assert login_pid is not None
    assert any(r.pid != login_pid for r in replies)


def test_is_a_logout_on_one_worker_honoured_by_both(shared_server):
    """After logging out on one worker, is the replayed cookie refused by every worker?"""
    cookie, csrf, _pid = log_in(shared_server)
    assert {
        r.status
        for r in replies_from_every_worker(shared_server, "GET", "/api/v1/auth/me", cookie=cookie)
    } == {200}
    logout = shared_server.request("POST", "/api/v1/auth/logout", cookie=cookie, csrf=csrf)
    assert logout.status == 204
    replayed = replies_from_every_worker(shared_server, "GET", "/api/v1/auth/me", cookie=cookie)
    assert {r.status for r in replayed} == {401}


def test_is_the_login_rate_limit_shared_between_workers(server):
    """Is the 11th attempt within a minute refused (429) whichever worker receives it?"""
    csrf = server.request("GET", "/api/v1/auth/csrf")
    attempt = {
        "body": {"username": USERNAME, "password": "falsch-falsch-falsch"},
        "cookie": f"{COOKIE}={csrf.cookie(COOKIE)}",
        "csrf": csrf.body["csrf_token"],
    }
    first_ten = server.concurrently(10, "POST", "/api/v1/auth/login", **attempt)
    assert [r.status for r in first_ten] == [401] * 10
    # Two workers shared ten attempts, so at least one saw five or fewer itself: its 429
    # can only come from the counter in Redis.
    refused = replies_from_every_worker(server, "POST", "/api/v1/auth/login", **attempt)
    assert {r.status for r in refused} == {429}
    assert refused[0].body["status"] == 429


def test_does_gunicorn_refuse_to_start_without_a_secret_key(database_url, tmp_path):
    """Does a production server without SECRET_KEY fail to boot instead of running insecurely?"""
    port = free_port()
    env = production_env(database_url, port)
    del env["SECRET_KEY"]
    gunicorn = GunicornServer(env, port=port, log_dir=tmp_path)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        gunicorn.start()
    gunicorn.stop()
    assert gunicorn.process.returncode != 0


def test_does_flask_db_upgrade_refuse_to_run_without_a_secret_key(database_url):
    """Is the deploy command equally strict about a missing SECRET_KEY?"""
    env = production_env(database_url, 0, SECRET_KEY="")
    result = run_flask(env, "db", "upgrade")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr + result.stdout
