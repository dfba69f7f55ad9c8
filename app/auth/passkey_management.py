"""A user's own passkeys: list, rename, revoke; and the fresh-login rule for changing them."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from app.auth.models import User, UserSession, WebAuthnCredential
from app.auth.sessions import current_session, revoke_all_sessions
from app.core import clock
from app.core.errors import Conflict, Forbidden
from app.extensions import db

security_log = logging.getLogger("anschluss.security")

# ASVS 7.5.1: adding or removing a passkey needs a recent login. A session opened with an
# enrolment code may register exactly one first passkey within ENROLMENT_PASSKEY_WINDOW
# (the pupil has no other way to log in); once it has, the session becomes "enrolled" and is
# never fresh again (issue 9, H2: a code must not mint a lasting second way in).
FRESH_LOGIN = timedelta(minutes=10)
ENROLMENT = "enrolment"
ENROLLED = "enrolled"


def passkey_view(passkey: WebAuthnCredential) -> dict:
    return {
        "id": passkey.id,
        "name": passkey.name,
        "created_at": passkey.created_at,
        "last_used_at": passkey.last_used_at,
        "backed_up": passkey.backed_up,
    }


def _is_fresh(row: UserSession | None) -> bool:
    if row is None or row.method == ENROLLED:
        return False
    age = clock.now() - row.created_at
    if row.method == ENROLMENT:
        return age < current_app.config["ENROLMENT_PASSKEY_WINDOW"]
    return age < FRESH_LOGIN


def require_fresh_login(user: User) -> None:
    if not _is_fresh(current_session(user)):
        security_log.warning(
            "passkey change refused: login not fresh",
            extra={"event": "passkey.stale_login", "user_id": user.id},
        )
        raise Forbidden("fresh-login-required", minutes=FRESH_LOGIN.seconds // 60)


def spend_enrolment_allowance(user: User) -> None:
    """An enrolment session registers its one passkey: a conditional UPDATE turns it into an
    "enrolled" session, so two parallel registrations cannot both pass."""
    row = current_session(user)
    if row is None or row.method != ENROLMENT:
        return
    spent = db.session.execute(
        update(UserSession)
        .where(UserSession.id == row.id, UserSession.method == ENROLMENT)
        .values(method=ENROLLED)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise Forbidden("fresh-login-required", minutes=FRESH_LOGIN.seconds // 60)


def passkey_is_own(user, args) -> bool | None:
    """Scope predicate: another user's passkey is reported as missing, not as forbidden."""
    passkey_id = args.get("passkey_id")
    if not isinstance(passkey_id, int):
        return None
    owner_id = db.session.scalar(
        select(WebAuthnCredential.user_id).where(WebAuthnCredential.id == passkey_id)
    )
    return True if owner_id is not None and owner_id == user.id else None


def list_passkeys(user: User) -> list[dict]:
    rows = db.session.scalars(
        select(WebAuthnCredential)
        .where(WebAuthnCredential.user_id == user.id)
        .order_by(WebAuthnCredential.created_at, WebAuthnCredential.id)
    )
    return [passkey_view(row) for row in rows]


def _own(user: User, passkey_id: int) -> WebAuthnCredential:
    passkey = db.session.get(WebAuthnCredential, passkey_id)
    if passkey is None or passkey.user_id != user.id:  # the access rule checked it already
        raise Forbidden("passkey-not-yours")
    return passkey


def rename_passkey(user: User, passkey_id: int, name: str) -> dict:
    passkey = _own(user, passkey_id)
    passkey.name = name.strip()
    db.session.flush()
    return passkey_view(passkey)


def revoke_passkey(user: User, passkey_id: int) -> None:
    """Delete the passkey; every other session of the user ends with it."""
    require_fresh_login(user)
    passkey = _own(user, passkey_id)
    remaining = db.session.scalar(
        select(func.count(WebAuthnCredential.id)).where(WebAuthnCredential.user_id == user.id)
    )
    if remaining <= 1 and not user.password_hash:
        raise Conflict("last-login-method")
    db.session.execute(delete(WebAuthnCredential).where(WebAuthnCredential.id == passkey.id))
    revoke_all_sessions(user.id, except_token=user.session_token)
    security_log.info(
        "passkey revoked",
        extra={"event": "passkey.revoked", "user_id": user.id, "passkey_id": passkey_id},
    )


def revoke_all_passkeys(pupil_ids: list[int]) -> int:
    """Staff action for a lost device: the pupils' passkeys go, and their sessions end."""
    if not pupil_ids:
        return 0
    result = db.session.execute(
        delete(WebAuthnCredential).where(WebAuthnCredential.user_id.in_(pupil_ids))
    )
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id.in_(pupil_ids), UserSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    return result.rowcount
