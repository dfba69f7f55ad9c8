"""Changing one's own password, and the rule that a password chosen by someone else must be
changed before anything else (issue 9, M3).

The change needs the current password (a hijacked session alone cannot take the account
over), ends every other session of the user and clears `must_change_password`. While that
flag is set, the API answers only the few routes needed to change the password or leave.
"""

from __future__ import annotations

import logging

from flask import request
from flask_login import current_user

from app.auth.models import User
from app.auth.passwords import hash_password, verify_password
from app.auth.sessions import revoke_all_sessions
from app.core import audit
from app.core.errors import Conflict, Forbidden, Invalid

security_log = logging.getLogger("anschluss.security")

# What a user who must change the password may still call (endpoint names).
OPEN_WHILE_CHANGE_PENDING = frozenset(
    {"auth.me", "auth.logout", "auth.get_csrf", "passwords.change_password"}
)


def change_password(user: User, current: str, new: str) -> None:
    if not user.password_hash:
        raise Conflict("no-password-set")
    if not verify_password(user.password_hash, current):
        security_log.warning(
            "password change refused: current password wrong",
            extra={"event": "password.change_refused", "user_id": user.id},
        )
        raise Invalid("current-password-wrong", field="current_password")
    if new == current:
        raise Invalid("password-unchanged", field="new_password")
    if user.username and new.strip().lower() == user.username.lower():
        raise Invalid("password-is-username", field="new_password")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    revoke_all_sessions(user.id, except_token=user.session_token)
    security_log.info("password changed", extra={"event": "password.changed", "user_id": user.id})


def enforce_password_change() -> None:
    """before_request: a user whose password someone else set gets 403 everywhere else."""
    if not request.path.startswith("/api/"):
        return
    if not getattr(current_user, "is_authenticated", False):
        return
    if not current_user.must_change_password or request.endpoint in OPEN_WHILE_CHANGE_PENDING:
        return
    audit.record_denial(current_user, 403)
    raise Forbidden("password-change-required")
