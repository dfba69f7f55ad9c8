"""Server-side WebAuthn challenges: bound to the browser session, purpose and user; single-use.

The cookie session holds only a random binding nonce; the challenge itself, its purpose, its
owner and its expiry live in the `webauthn_challenges` table. A challenge is consumed with a
conditional UPDATE and committed before the response is verified, so a failed verification
burns it as well and two parallel finishes cannot both use it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from flask import current_app, session
from sqlalchemy import delete, or_, select, update

from app.auth.models import WebAuthnChallenge
from app.core import clock
from app.extensions import db

REGISTER = "register"
LOGIN = "login"

_SESSION_KEY = "webauthn_binding"


def bytes_to_base64url(value: bytes) -> str:
    """As py_webauthn spells a challenge (URL-safe base64 without padding); written out here
    so that this module does not load py_webauthn at start-up."""
    return base64.urlsafe_b64encode(value).decode("ascii").rstrip("=")


# Open challenges one browser session may hold; asking for more drops its oldest. A real
# ceremony needs one; a few cover parallel tabs. The nightly job purges the rest.
MAX_OPEN_PER_CLIENT = 5


def _binding_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _browser_binding(create: bool) -> str | None:
    """Hash of this browser session's binding nonce (created on first use)."""
    nonce = session.get(_SESSION_KEY)
    if not nonce and create:
        nonce = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = nonce
    return _binding_hash(nonce) if nonce else None


def issue(
    challenge: bytes, purpose: str, user_id: int | None = None, credential_name: str | None = None
) -> None:
    """Store a fresh challenge for this browser session (and drop its stale ones)."""
    binding = _browser_binding(create=True)
    now = clock.now()
    db.session.execute(
        delete(WebAuthnChallenge).where(
            WebAuthnChallenge.binding == binding,
            or_(WebAuthnChallenge.expires_at < now, WebAuthnChallenge.used_at.is_not(None)),
        )
    )
    _keep_newest(binding, MAX_OPEN_PER_CLIENT - 1)
    db.session.add(
        WebAuthnChallenge(
            challenge=bytes_to_base64url(challenge),
            purpose=purpose,
            binding=binding,
            user_id=user_id,
            expires_at=now + current_app.config["WEBAUTHN_CHALLENGE_TTL"],
            credential_name=credential_name,
        )
    )
    db.session.flush()


def _keep_newest(binding: str, count: int) -> None:
    """Delete all but the `count` newest challenges of one browser session."""
    newest = (
        select(WebAuthnChallenge.id)
        .where(WebAuthnChallenge.binding == binding)
        .order_by(WebAuthnChallenge.id.desc())
        .limit(count)
    )
    db.session.execute(
        delete(WebAuthnChallenge).where(
            WebAuthnChallenge.binding == binding, WebAuthnChallenge.id.not_in(newest)
        )
    )


def consume(challenge: bytes, purpose: str, user_id: int | None = None) -> WebAuthnChallenge | None:
    """Burn the challenge if it is this session's, of this purpose (and user), open and unexpired.

    Returns the consumed row, or None. The consumption is committed at once: whatever the
    verification that follows decides, the challenge cannot be used again.
    """
    binding = _browser_binding(create=False)
    if binding is None:
        return None
    now = clock.now()
    conditions = [
        WebAuthnChallenge.challenge == bytes_to_base64url(challenge),
        WebAuthnChallenge.purpose == purpose,
        WebAuthnChallenge.binding == binding,
        WebAuthnChallenge.used_at.is_(None),
        WebAuthnChallenge.expires_at > now,
    ]
    if purpose == REGISTER:
        conditions.append(WebAuthnChallenge.user_id == user_id)
    result = db.session.execute(
        update(WebAuthnChallenge)
        .where(*conditions)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    won = result.rowcount == 1
    db.session.commit()
    if not won:
        return None
    return db.session.scalar(
        db.select(WebAuthnChallenge).where(
            WebAuthnChallenge.challenge == bytes_to_base64url(challenge)
        )
    )


def purge_stale(older_than=None) -> int:
    """Maintenance: delete used and expired challenges of all sessions; returns the count."""
    cutoff = older_than or clock.now()
    result = db.session.execute(
        delete(WebAuthnChallenge).where(
            or_(WebAuthnChallenge.expires_at < cutoff, WebAuthnChallenge.used_at.is_not(None))
        )
    )
    return result.rowcount
