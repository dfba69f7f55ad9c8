"""Server-side sessions behind flask-login: revocable, with idle and absolute timeouts."""

from __future__ import annotations

import hashlib
import secrets

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, select, update

from app.auth import lockout
from app.auth.models import PushSubscription, User, UserSession
from app.core import clock
from app.extensions import db, login_manager

# Logins that make this browser a known device of the user (see auth/lockout.py).
REMEMBERED_METHODS = ("password", "passkey")

# Write last_seen_at at most this often, so reads don't turn into writes on every request.
_TOUCH_INTERVAL_SECONDS = 60


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, method: str) -> None:
    """Log the user in under a brand-new session identifier (old cookie content is dropped).

    A login this browser already held ends on the server too: a copy of the old cookie
    must not stay usable after someone else (or the same person) logged in here.
    """
    previous = session.get("_user_id")
    if isinstance(previous, str) and previous:
        _revoke_token(previous)
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(token_hash=_hash(token), user_id=user.id, method=method))
    db.session.flush()
    user.session_token = token
    login_user(user)
    if method in REMEMBERED_METHODS:
        lockout.remember_device(user.id)


def _revoke_token(token: str) -> None:
    db.session.execute(
        update(UserSession)
        .where(UserSession.token_hash == _hash(token), UserSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    # The device's push subscription ends with its login (nothing arrives after logout).
    db.session.execute(
        delete(PushSubscription).where(
            PushSubscription.session_id.in_(
                select(UserSession.id).where(UserSession.token_hash == _hash(token))
            )
        )
    )


def current_session_id(user: User) -> int | None:
    """The id of the login this request runs in."""
    if not getattr(user, "session_token", None):
        return None
    return db.session.scalar(
        select(UserSession.id).where(UserSession.token_hash == _hash(user.session_token))
    )


def end_session(user: User) -> None:
    if user.session_token:
        _revoke_token(user.session_token)
    logout_user()
    session.clear()


def revoke_all_sessions(user_id: int, except_token: str | None = None) -> None:
    """Passkey revocation, deactivation, password change: every login of the user ends
    (except the one holding `except_token`, when the user revokes from that session)."""
    query = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    if except_token:
        query = query.where(UserSession.token_hash != _hash(except_token))
    db.session.execute(query.values(revoked_at=clock.now()))
    ended = select(UserSession.id).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_not(None)
    )
    db.session.execute(delete(PushSubscription).where(PushSubscription.session_id.in_(ended)))


def current_session(user: User) -> UserSession | None:
    """The server-side row of the user's current login (its method and age)."""
    if not getattr(user, "session_token", None):
        return None
    return db.session.scalar(
        select(UserSession).where(UserSession.token_hash == _hash(user.session_token))
    )


@login_manager.user_loader
def load_user(token: str) -> User | None:
    row = db.session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == _hash(token))
    ).first()
    if row is None:
        return None
    user_session, user = row
    now = clock.now()
    config = current_app.config
    idle = config["PUPIL_IDLE_TIMEOUT"] if user.role == "pupil" else config["STAFF_IDLE_TIMEOUT"]
    if (
        user_session.revoked_at is not None
        or not user.active
        or now - user_session.created_at > config["SESSION_ABSOLUTE_TIMEOUT"]
        or now - user_session.last_seen_at > idle
    ):
        return None
    if (now - user_session.last_seen_at).total_seconds() > _TOUCH_INTERVAL_SECONDS:
        user_session.last_seen_at = now
    user.session_token = token
    return user
