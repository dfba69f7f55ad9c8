"""docs/security.md §2 case 14: many parallel finishes on one challenge → exactly one login.

Twenty app clients share one browser session (same cookie, same challenge, same assertion) and
are released together; the database (SQLite file or PostgreSQL, per ANSCHLUSS_TEST_DB) decides.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.auth.models import UserSession, WebAuthnChallenge, WebAuthnCredential
from tests.auth.passkey_support import (
    BASE,
    authenticator,
    login_options,
    register,
    security_events,
    watch_security_log,
)
from tests.support import count_of, one_of, with_csrf

PARALLEL = 20


def _parallel_posts(app, cookie: str, csrf: str, url: str, body: dict) -> list[int]:
    barrier = threading.Barrier(PARALLEL, timeout=30)

    def attempt(n: int) -> int:
        client = app.test_client()
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
        client.environ_base["HTTP_X_CSRF_TOKEN"] = csrf
        client.environ_base["REMOTE_ADDR"] = f"10.1.0.{n + 1}"
        barrier.wait()
        return client.post(url, json=body).status_code

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(attempt, range(PARALLEL), timeout=60))


@pytest.mark.slow
def test_do_twenty_parallel_finishes_on_one_challenge_log_in_exactly_once(
    app, db, world, login_as, caplog, monkeypatch
):
    """Can one challenge be spent twice when twenty finishes race for it?"""
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "1000 per minute")
    auth = authenticator(app)
    assert register(login_as(world.pupil), auth).status_code == 201
    browser = with_csrf(app.test_client())
    assertion = auth.get(login_options(browser))
    cookie = browser.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    csrf = browser.environ_base["HTTP_X_CSRF_TOKEN"]
    watch_security_log(caplog)
    db.session.commit()  # free the database for the racing requests

    codes = _parallel_posts(
        app, cookie, csrf, f"{BASE}/authentication/verify", {"credential": assertion}
    )

    assert sorted(codes) == [200] + [401] * (PARALLEL - 1), codes
    assert count_of(UserSession, method="passkey") == 1
    assert one_of(WebAuthnCredential).sign_count == 1
    used = one_of(WebAuthnChallenge, purpose="login").used_at
    assert used is not None
    assert security_events(caplog).count("passkey.login") >= PARALLEL - 1
