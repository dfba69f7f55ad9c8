"""Contact users of a provider: a contact adds a colleague, or the Kommune coordinator does.

Nobody but the new colleague ever sees or sets the colleague's password (issue 9, M3): the
account starts without one, and the colleague gets a single-use, expiring activation link by
e-mail (auth/activation.py) with which they choose it. The provider's other active contacts
hear of the new colleague, so an account minted behind their back does not go unnoticed.
The login name is always generated, so creating a contact reveals nothing about which names
exist. Removing a contact deactivates the account (kept for the audit trail) and ends all
its sessions; the last active contact of a provider cannot be removed.
"""

from __future__ import annotations

import logging
import re
import secrets

from sqlalchemy import func, select, update

from app.auth import activation
from app.auth.models import User
from app.auth.sessions import revoke_all_sessions
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db
from app.internships.models import Provider
from app.notifications import mail
from app.notifications.services import notify_each

security_log = logging.getLogger("anschluss.security")


def list_contacts(provider_id: int) -> list[dict]:
    contacts = list(
        db.session.scalars(
            select(User)
            .where(User.provider_id == provider_id, User.role == "provider")
            .order_by(User.active.desc(), User.last_name, User.first_name, User.id)
        )
    )
    pending = activation.pending_until([c.id for c in contacts if not c.password_hash])
    return [_view(contact, pending.get(contact.id)) for contact in contacts]


def _view(contact: User, activation_until=None) -> dict:
    return {
        "id": contact.id,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "username": contact.username,
        "active": contact.active,
        "created_at": contact.created_at,
        "activated": bool(contact.password_hash),
        "activation_expires_at": activation_until,
    }


def _free_username(first_name: str, last_name: str) -> str:
    base = re.sub(r"[^a-z0-9]", "", f"{first_name[:1]}{last_name}".lower()) or "kontakt"
    while True:
        candidate = f"{base[:60]}{secrets.randbelow(9000) + 1000}"
        taken = select(User.id).where(func.lower(User.username) == candidate)
        if db.session.scalar(taken) is None:
            return candidate


def _activation_mail(contact: User, provider: Provider, token: str, expires_at) -> None:
    url = activation.activation_url(token)
    until_de = expires_at.astimezone(clock.SCHOOL_TZ).strftime("%d.%m.%Y, %H:%M")
    until_en = expires_at.astimezone(clock.SCHOOL_TZ).strftime("%d %b %Y, %H:%M")
    body = (
        f"Guten Tag {contact.full_name},\n\n"
        f"Sie wurden als Kontaktperson von {provider.name} in Anschluss eingetragen. "
        f"Ihr Benutzername: {contact.username}\n\n"
        f"Bitte legen Sie Ihr Passwort über diesen Link selbst fest (einmal gültig, bis "
        f"{until_de} Uhr):\n{url}\n\n"
        "Sie haben das nicht erwartet? Dann ignorieren Sie diese Nachricht einfach.\n\n"
        f"-- English --\n\nYou were added as a contact of {provider.name} in Anschluss. "
        f"Your username: {contact.username}\n\nPlease set your own password with this link "
        f"(valid once, until {until_en}):\n{url}\n\n"
        "Not expecting this? Then simply ignore this message.\n"
    )
    mail.queue_message(contact, "Anschluss: Ihr Zugang / your account", body)


def create_contact(user, provider_id: int, data: dict) -> dict:
    """A new provider user of this provider, activated by the colleague through a mailed link."""
    contact = User(
        role="provider",
        provider_id=provider_id,
        first_name=data["first_name"].strip(),
        last_name=data["last_name"].strip(),
        email=data["email"].strip(),
        username=_free_username(data["first_name"], data["last_name"]),
    )
    db.session.add(contact)
    db.session.flush()
    provider = db.session.get(Provider, provider_id)
    token, expires_at = activation.issue(contact, user)
    _activation_mail(contact, provider, token, expires_at)
    colleagues = db.session.scalars(
        select(User.id).where(
            User.provider_id == provider_id,
            User.role == "provider",
            User.active.is_(True),
            User.id.not_in((contact.id, user.id)),
        )
    )
    notice = {"contact_name": contact.full_name, "provider_name": provider.name}
    notify_each("provider_contact_added", {colleague: notice for colleague in colleagues})
    security_log.info(
        "provider contact created",
        extra={"event": "provider.contact_created", "user_id": contact.id, "by": user.id},
    )
    return {"contact": _view(contact, expires_at), "activation_expires_at": expires_at}


def resend_activation(user, provider_id: int, user_id: int) -> dict:
    """A new link for a contact who has not set a password yet (the old link ends)."""
    contact = db.session.get(User, user_id)
    if contact.password_hash or not contact.active:
        raise Conflict("contact-already-activated")
    token, expires_at = activation.issue(contact, user)
    _activation_mail(contact, db.session.get(Provider, provider_id), token, expires_at)
    security_log.info(
        "provider contact activation resent",
        extra={"event": "provider.activation_resent", "user_id": contact.id, "by": user.id},
    )
    return _view(contact, expires_at)


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
