"""Password login and the account summary."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from app.auth import lockout
from app.auth.models import User, WebAuthnCredential
from app.auth.passwords import verify_password
from app.auth.sessions import start_session
from app.core import clock
from app.core.errors import Unauthorized
from app.core.provided import Provided
from app.extensions import db

security_log = logging.getLogger("anschluss.security")

LOGIN_FAILED = "login-failed"

# The classes a pupil learns in or a teacher teaches: the schools feature owns them.
class_ids_of = Provided("class ids of a user (schools.services.class_ids_of)")


def login_with_password(username: str, password: str) -> User:
    """Same answer for an unknown user and a wrong password (no account enumeration).

    Failures count against the claimed account, or against this browser if the user logged
    in here before (auth/lockout.py); a locked key answers 429 without trying the password.
    """
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    throttle_key = lockout.known_device_key(user.id if user else None)
    throttle_key = throttle_key or lockout.account_key(username)
    lockout.refuse_if_locked(throttle_key)
    valid = verify_password(user.password_hash if user else None, password)
    if not user or not valid or not user.active:
        # The claimed account name shows which accounts are attacked (stuffing); the log
        # filter (core/logsafety) keeps CR/LF in it from forging lines.
        security_log.warning(
            "password login failed for %s",
            username[:80],
            extra={"event": "login.failed", "username_known": bool(user)},
        )
        lockout.record_failure(throttle_key)
        raise Unauthorized(LOGIN_FAILED)
    lockout.record_success(throttle_key)
    start_session(user, "password")
    return user


def account_summary(user: User) -> dict:
    class_ids = class_ids_of(user)
    passkeys = db.session.scalar(
        select(func.count())
        .select_from(WebAuthnCredential)
        .where(WebAuthnCredential.user_id == user.id)
    )
    return {
        "today": clock.today(),
        "id": user.id,
        "role": user.role,
        "username": user.username,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "school_id": user.school_id,
        "kommune_id": user.kommune_id,
        "provider_id": user.provider_id,
        "class_ids": list(class_ids),
        "has_password": bool(user.password_hash),
        "must_change_password": bool(user.must_change_password),
        "passkey_count": passkeys,
        "language": user.language,
    }
