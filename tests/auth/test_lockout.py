"""Login lockout (issue 9, L4): guessing is slowed per address and per account, but nobody
elsewhere can lock the real user out of a device they used before."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.auth import lockout
from app.auth.models import LoginThrottle
from app.auth.passwords import hash_password
from app.core import clock
from app.extensions import limiter
from tests.support import rows_of, with_csrf

PASSWORD = "richtig-geheim-123"
LOGIN = "/api/v1/auth/login"


@pytest.fixture
def teacher(db, world):
    user = world.users.teacher
    user.username = "lehrerin"
    user.password_hash = hash_password(PASSWORD)
    db.session.commit()
    return user


def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return with_csrf(client)


def _attempt(client, password: str = "falsch-falsch", username: str = "lehrerin") -> int:
    return client.post(LOGIN, json={"username": username, "password": password}).status_code


def _guess_from_many_addresses(app, count: int, username: str = "lehrerin") -> list[int]:
    """One wrong password from each of `count` addresses (a botnet; no per-IP limit bites)."""
    return [_attempt(_client(app, f"198.51.100.{n + 1}"), username=username) for n in range(count)]


def test_does_the_per_account_limit_lock_after_ten_failures_from_anywhere(app, teacher):
    """Do ten wrong passwords from ten addresses lock the account for new devices (429)?"""
    assert _guess_from_many_addresses(app, 10) == [401] * 10
    newcomer = _client(app, "203.0.113.50")
    refused = newcomer.post(LOGIN, json={"username": "lehrerin", "password": PASSWORD})
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_can_the_real_user_still_log_in_on_a_device_used_before(app, teacher):
    """After an attacker elsewhere locked the account, does the teacher's own browser work?"""
    own_device = _client(app, "192.0.2.10")
    assert _attempt(own_device, PASSWORD) == 200
    with_csrf(own_device).post("/api/v1/auth/logout")
    with_csrf(own_device)
    assert _guess_from_many_addresses(app, 12) == [401] * 10 + [429] * 2
    assert _attempt(own_device, PASSWORD) == 200


def test_is_a_known_device_limited_on_its_own(app, teacher):
    """Is a (stolen) device cookie no licence to guess: does it lock after its own failures?"""
    device = _client(app, "192.0.2.20")
    assert _attempt(device, PASSWORD) == 200
    with_csrf(device).post("/api/v1/auth/logout")
    with_csrf(device)
    statuses = []
    for n in range(11):
        limiter.reset()  # the per-address limit is tested elsewhere; here: the device count
        statuses.append(_attempt(device, f"falsch-{n}"))
    assert statuses == [401] * 10 + [429]
    # …while the account itself is not locked for anyone else.
    assert _attempt(_client(app, "203.0.113.60"), PASSWORD) == 200


def test_does_a_forged_device_cookie_count_as_unknown(app, teacher):
    """Does a device cookie the server did not sign escape the account lock? (It must not.)"""
    assert _guess_from_many_addresses(app, 10) == [401] * 10
    forger = _client(app, "203.0.113.70")
    forger.set_cookie("anschluss_device", "eyJkIjoieCIsInUiOlsxXX0.forged.signature")
    assert _attempt(forger, PASSWORD) == 429


def test_does_the_lock_grow_with_each_further_failure(app, db, teacher):
    """Does the lock back off progressively: 1, 2, 4 … minutes, at most an hour?"""
    assert [lockout.lock_duration(n).total_seconds() for n in (9, 10, 11, 12)] == [0, 60, 120, 240]
    assert lockout.lock_duration(40) == timedelta(hours=1)
    _guess_from_many_addresses(app, 10)
    clock.travel_to(clock.now() + timedelta(seconds=61))
    assert _attempt(_client(app, "203.0.113.80")) == 401  # the 11th failure: two minutes
    clock.travel_to(clock.now() + timedelta(seconds=61))
    assert _attempt(_client(app, "203.0.113.81"), PASSWORD) == 429
    clock.travel_to(clock.now() + timedelta(seconds=61))
    assert _attempt(_client(app, "203.0.113.82"), PASSWORD) == 200


def test_are_unknown_accounts_locked_like_known_ones(app, teacher):
    """Can an attacker learn which usernames exist from when the lock starts? (No.)"""
    known = _guess_from_many_addresses(app, 11)
    unknown = _guess_from_many_addresses(app, 11, username="gibt-es-nicht")
    assert known == unknown == [401] * 10 + [429]


def test_is_the_count_shared_through_the_database_and_forgotten_after_a_day(app, db, teacher):
    """Do all workers see one count (a database row, not process memory), and does the
    nightly job forget counts a day old?"""
    _guess_from_many_addresses(app, 3)
    (row,) = rows_of(LoginThrottle)
    assert row.failures == 3 and "lehrerin" not in row.key  # a hash, never the typed name
    clock.travel_to(clock.now() + timedelta(hours=25))
    assert lockout.purge_forgotten() == 1


def test_is_the_per_address_limit_kept(app, teacher):
    """Are more than ten attempts a minute from one address still refused (any account)?"""
    client = _client(app, "203.0.113.90")
    statuses = [_attempt(client, username=f"konto{n}") for n in range(11)]
    assert statuses == [401] * 10 + [429]
