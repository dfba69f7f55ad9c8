"""`flask users reset-password USERNAME`: an administrator's way back into a locked-out
password account. The temporary password is printed once and must be changed at the next
login (must_change_password, enforced by the API); every session of the account ends."""

from __future__ import annotations

import logging
import secrets

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.auth.models import User
from app.auth.passwords import hash_password
from app.auth.sessions import revoke_all_sessions
from app.extensions import db

users_cli = AppGroup("users", help="Account maintenance.")
security_log = logging.getLogger("anschluss.security")


@users_cli.command("reset-password")
@click.argument("username")
def reset_password(username: str) -> None:
    """Give USERNAME a temporary password that must be changed at the next login."""
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None or not user.active:
        raise click.ClickException(f"no active account named {username!r}")
    temporary = secrets.token_urlsafe(12)
    user.password_hash = hash_password(temporary)
    user.must_change_password = True
    revoke_all_sessions(user.id)
    db.session.commit()
    security_log.info(
        "password reset by an administrator",
        extra={"event": "password.admin_reset", "user_id": user.id},
    )
    click.echo(f"Temporary password for {user.username} (change required at login): {temporary}")
