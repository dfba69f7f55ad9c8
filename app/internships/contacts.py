"""Contact users of a provider: a contact adds a colleague, or the Kommune coordinator does.

Enrolment codes (app/auth/enrolment.py) are bound to pupils, so a colleague gets a generated
initial password instead: shown exactly once in the response, only its Argon2 hash is
stored; the colleague changes it (or adds a passkey) after the first login. Removing a
contact deactivates the account (kept for the audit trail) and ends all its sessions; the
last active contact of a provider cannot be removed, so no provider is left unmanaged.
"""

from __future__ import annotations

import logging
import re
import secrets

from sqlalchemy import func, select, update

from app.auth.models import User
from app.auth.passwords import hash_password
from app.auth.sessions import revoke_all_sessions
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db

security_log = logging.getLogger("anschluss.security")
PASSWORD_BYTES = 12  # 16 URL-safe characters, 96 bits


def list_contacts(provider_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.provider_id == provider_id, User.role == "provider")
            .order_by(User.active.desc(), User.last_name, User.first_name, User.id)
        )
    )


def _username_taken(username: str) -> bool:
    return db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower()))


def _suggest_username(first_name: str, last_name: str) -> str:
    base = re.sub(r"[^a-z0-9]", "", f"{first_name[:1]}{last_name}".lower()) or "kontakt"
    while True:
        candidate = f"{base[:60]}{secrets.randbelow(9000) + 1000}"
        if not _username_taken(candidate):
            return candidate


def create_contact(user, provider_id: int, data: dict) -> dict:
    """A new provider user of this provider with a one-time-shown initial password."""
    username = (data.get("username") or "").strip()
    if username and _username_taken(username):
        raise Conflict("username-taken", field="username")
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    contact = User(
        role="provider",
        provider_id=provider_id,
        first_name=data["first_name"].strip(),
        last_name=data["last_name"].strip(),
        email=(data.get("email") or "").strip() or None,
        username=username or _suggest_username(data["first_name"], data["last_name"]),
        password_hash=hash_password(password),
    )
    db.session.add(contact)
    db.session.flush()
    security_log.info(
        "provider contact created",
        extra={"event": "provider.contact_created", "user_id": contact.id, "by": user.id},
    )
    return {"contact": contact, "initial_password": password}


def deactivate_contact(user, provider_id: int, user_id: int) -> None:
    """Switch the contact's account off and end its sessions (409 for the last contact)."""
    others = select(func.count(User.id)).where(
        User.provider_id == provider_id,
        User.role == "provider",
        User.active.is_(True),
        User.id != user_id,
    )
    switched = db.session.execute(
        update(User)
        .where(User.id == user_id, User.active.is_(True), others.scalar_subquery() > 0)
        .values(active=False, deactivated_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if switched.rowcount != 1:
        if db.session.scalar(select(User.active).where(User.id == user_id)) is False:
            return  # already deactivated: DELETE is idempotent
        raise Conflict("last-provider-contact")
    revoke_all_sessions(user_id)
    cached = db.session.get(User, user_id)
    if cached is not None:
        db.session.expire(cached)
    security_log.info(
        "provider contact deactivated",
        extra={"event": "provider.contact_deactivated", "user_id": user_id, "by": user.id},
    )
