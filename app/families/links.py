"""Guardian links: issued by the class teacher or StuBO, token shown once and stored as a hash.

A link reaches exactly one pupil, ends at the end of the school year (or after
GUARDIAN_LINK_DAYS days when configured), can be revoked, and a new one ends the old ones.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, time, timedelta

from flask import current_app, g
from sqlalchemy import select, update

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict, NotFound
from app.extensions import db
from app.families.models import GuardianLink
from app.schools.models import SchoolYear

TOKEN_BYTES = 24  # 192 bits: not guessable, short enough for a QR code


def token_hash(token: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"guardian:{token}".encode(), hashlib.sha256).hexdigest()


def guardian_url(token: str) -> str:
    """The token travels in the fragment: it never reaches a server log as a page request."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/#/guardian/{token}"


def expiry() -> datetime:
    days = current_app.config["GUARDIAN_LINK_DAYS"]
    today = clock.today()
    last_day = today + timedelta(days=days) if days else SchoolYear.bounds_for(today)[2]
    return datetime.combine(last_day, time(23, 59, 59), tzinfo=clock.SCHOOL_TZ)


def _end_open_links(pupil_ids: list[int], now: datetime) -> None:
    db.session.execute(
        update(GuardianLink)
        .where(GuardianLink.pupil_id.in_(pupil_ids), GuardianLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def issue(actor: User, pupils: list[User], languages: dict[int, str]) -> list[dict]:
    """A new link per pupil (earlier links of those pupils end); tokens only in the answer."""
    now = clock.now()
    _end_open_links([pupil.id for pupil in pupils], now)
    ends = expiry()
    issued = []
    for pupil in pupils:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        link = GuardianLink(
            pupil_id=pupil.id,
            token_hash=token_hash(token),
            language=languages[pupil.id],
            created_by_id=actor.id,
            created_at=now,
            expires_at=ends,
        )
        db.session.add(link)
        issued.append((pupil, link, token))
    db.session.flush()
    if pupils:
        audit.record(
            actor,
            "create",
            "guardian_link",
            [pupil.id for pupil in pupils],
            audit.Purpose.CAREER_GUIDANCE,
            ("identity",),
        )
    return [
        {**link_view(link), "token": token, "url": guardian_url(token), "pupil": pupil}
        for pupil, link, token in issued
    ]


def link_view(link: GuardianLink) -> dict:
    return {
        "id": link.id,
        "pupil_id": link.pupil_id,
        "language": link.language,
        "created_at": link.created_at,
        "expires_at": link.expires_at,
        "revoked_at": link.revoked_at,
        "last_used_at": link.last_used_at,
        "active": link.revoked_at is None and link.expires_at > clock.now(),
    }


def revoke(actor: User, link_id: int) -> dict:
    link = db.session.get(GuardianLink, link_id)
    if link.revoked_at is not None:
        raise Conflict("guardian-link-already-revoked")
    link.revoked_at = clock.now()
    db.session.flush()
    audit.record(
        actor, "update", "guardian_link", [link.pupil_id], audit.Purpose.CAREER_GUIDANCE, ()
    )
    return link_view(link)


def links_of(pupil_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(GuardianLink)
        .where(GuardianLink.pupil_id == pupil_id)
        .order_by(GuardianLink.created_at.desc(), GuardianLink.id.desc())
    )
    return [link_view(link) for link in rows]


def resolve(token: str) -> GuardianLink:
    """The open link of a token; an unknown, revoked or expired link answers the same 404."""
    link = db.session.scalar(
        select(GuardianLink).where(GuardianLink.token_hash == token_hash(token))
    )
    if link is None or link.revoked_at is not None or link.expires_at <= clock.now():
        raise NotFound("guardian-link-invalid")
    g.guardian_language = link.language  # the page's server messages follow the link
    return link


def set_language(link: GuardianLink, language: str) -> dict:
    link.language = language
    g.guardian_language = language
    db.session.flush()
    return link_view(link)
