"""Password-login lockout that slows guessing without locking the real user out (issue 9, L4).

- Per IP address: flask-limiter (LOGIN_RATE_LIMIT on the route, Redis in production).
- Per claimed account: failures are counted in the database (shared by every worker). The
  first FREE_FAILURES cost nothing; then each further failure locks the account against
  password logins for FIRST_LOCK, doubling up to LONGEST_LOCK. Counts are forgotten
  FORGET_AFTER the last failure. Unknown names are counted like known ones (no enumeration).
- Known devices: a browser where the user logged in successfully before carries a signed
  device cookie naming that user. It is not subject to the account's lock, so an attacker
  elsewhere cannot keep the user out; its own failures are counted under the device instead
  (the same progression), so a stolen device cookie is no guessing licence.
- Passkey logins are never locked: nothing can be guessed there.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import timedelta

from flask import after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import case, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.auth.models import LoginThrottle
from app.core import clock
from app.core.errors import TooManyRequests
from app.extensions import db

FREE_FAILURES = 10
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
FORGET_AFTER = timedelta(hours=24)
DEVICE_TRUST = timedelta(days=180)
DEVICE_USERS = 8  # accounts one shared device (a school tablet) remembers
_SALT = "anschluss.device"


def lock_duration(failures: int) -> timedelta:
    """How long the FAILURES-th failure locks: nothing at first, then 1, 2, 4 … 60 minutes."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_LOCK * 2 ** min(failures - FREE_FAILURES, 16), LONGEST_LOCK)


def account_key(username: str) -> str:
    normalised = username.strip().lower().encode("utf-8", "replace")
    return "account:" + hashlib.sha256(normalised).hexdigest()


# -- the device cookie ---------------------------------------------------------------------


def _cookie_name() -> str:
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    return "__Host-anschluss-device" if secure else "anschluss_device"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _device() -> dict | None:
    raw = request.cookies.get(_cookie_name())
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=int(DEVICE_TRUST.total_seconds()))
    except BadSignature:
        return None
    valid = isinstance(data, dict) and isinstance(data.get("d"), str)
    return data if valid and isinstance(data.get("u"), list) else None


def known_device_key(user_id: int | None) -> str | None:
    """The throttle key of this browser if the user logged in on it before, else None."""
    device = _device()
    if device is None or user_id is None or user_id not in device["u"]:
        return None
    return "device:" + hashlib.sha256(device["d"].encode()).hexdigest()


def remember_device(user_id: int) -> None:
    """After a successful login: this browser is known for the user (cookie set on the way out)."""
    device = _device() or {"d": secrets.token_urlsafe(24), "u": []}
    users = [user_id, *(u for u in device["u"] if u != user_id)][:DEVICE_USERS]
    value = _serializer().dumps({"d": device["d"], "u": users})

    @after_this_request
    def _set_cookie(response):
        response.set_cookie(
            _cookie_name(),
            value,
            max_age=int(DEVICE_TRUST.total_seconds()),
            path="/",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Strict",
        )
        return response


# -- counting ------------------------------------------------------------------------------


def refuse_if_locked(key: str) -> None:
    locked_until = db.session.scalar(
        select(LoginThrottle.locked_until).where(LoginThrottle.key == key)
    )
    now = clock.now()
    if locked_until is not None and locked_until > now:
        wait = math.ceil((locked_until - now).total_seconds())
        raise TooManyRequests("account-locked", headers={"Retry-After": str(wait)})


def _count(key: str) -> int | None:
    now = clock.now()
    forgotten = LoginThrottle.last_failure_at < now - FORGET_AFTER
    return db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key)
        .values(
            failures=case((forgotten, 1), else_=LoginThrottle.failures + 1), last_failure_at=now
        )
        .returning(LoginThrottle.failures)
        .execution_options(synchronize_session=False)
    ).scalar()


def record_failure(key: str) -> None:
    """Count one failure under `key` and lock it if the count says so. Committed at once:
    the failed request rolls back, the count must not."""
    failures = _count(key)
    if failures is None:
        try:
            with db.session.begin_nested():
                db.session.execute(
                    insert(LoginThrottle).values(key=key, failures=1, last_failure_at=clock.now())
                )
            failures = 1
        except IntegrityError:  # a parallel failure created the row first
            failures = _count(key)
    lock = lock_duration(failures or 0)
    if lock:
        db.session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key)
            .values(locked_until=clock.now() + lock)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()


def record_success(key: str) -> None:
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))


def purge_forgotten() -> int:
    """Maintenance: rows whose last failure is older than FORGET_AFTER and that lock nothing."""
    now = clock.now()
    result = db.session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.last_failure_at < now - FORGET_AFTER,
            (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < now),
        )
    )
    return result.rowcount
