"""Activation links: a new account (a provider's contact) sets its own password (issue 9, M3).

Whoever creates the account never sees or sets a password: the system mails the owner a
single-use link that expires (ACTIVATION_LINK_TTL). The token travels in the URL fragment,
which browsers never send to a server, and the PWA posts it; the database keeps only an
HMAC of it. Using it is a conditional UPDATE, so two parallel uses let exactly one through.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import select, update

from app.auth.models import AccountActivation, User
from app.auth.passwords import hash_password
from app.auth.sessions import start_session
from app.core import clock
from app.core.errors import Invalid, Unauthorized
from app.extensions import db

security_log = logging.getLogger("anschluss.security")
LINK_INVALID = "activation-link-invalid"


def _hash(token: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, token.strip().encode(), hashlib.sha256).hexdigest()


def activation_url(token: str) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/#/activate?token={token}"


def issue(user: User, actor: User | None) -> tuple[str, datetime]:
    """A new link for the account; earlier open links of it stop working."""
    now = clock.now()
    db.session.execute(
        update(AccountActivation)
        .where(AccountActivation.user_id == user.id, AccountActivation.used_at.is_(None))
        .values(expires_at=now)
    )
    token = secrets.token_urlsafe(32)
    expires_at = now + current_app.config["ACTIVATION_LINK_TTL"]
    db.session.add(
        AccountActivation(
            user_id=user.id,
            token_hash=_hash(token),
            created_by_id=actor.id if actor else None,
            expires_at=expires_at,
        )
    )
    db.session.flush()
    return token, expires_at


def pending_until(user_ids: list[int]) -> dict[int, datetime]:
    """Open activation links of these accounts: user id → until when."""
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(AccountActivation.user_id, AccountActivation.expires_at).where(
            AccountActivation.user_id.in_(user_ids),
            AccountActivation.used_at.is_(None),
            AccountActivation.expires_at > clock.now(),
        )
    )
    return {user_id: expires_at for user_id, expires_at in rows}


def activate(token: str, password: str) -> User:
    """Spend the link, set the owner's password and log the owner in."""
    row = db.session.execute(
        select(AccountActivation.id, AccountActivation.user_id).where(
            AccountActivation.token_hash == _hash(token)
        )
    ).first()
    spent = None
    if row is not None:
        spent = db.session.execute(
            update(AccountActivation)
            .where(
                AccountActivation.id == row.id,
                AccountActivation.used_at.is_(None),
                AccountActivation.expires_at > clock.now(),
            )
            .values(used_at=clock.now())
            .execution_options(synchronize_session=False)
        )
    user = db.session.get(User, row.user_id) if spent is not None and spent.rowcount == 1 else None
    if user is None or not user.active:
        security_log.warning(
            "activation refused", extra={"event": "activation.refused", "known": row is not None}
        )
        raise Unauthorized(LINK_INVALID)
    if user.username and password.strip().lower() == user.username.lower():
        raise Invalid("password-is-username", field="password")
    user.password_hash = hash_password(password)
    user.must_change_password = False
    start_session(user, "password")
    security_log.info("account activated", extra={"event": "activation.used", "user_id": user.id})
    return user
