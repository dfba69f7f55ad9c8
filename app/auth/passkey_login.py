"""Discoverable passkey login: options without allowCredentials, then verify and log in.

Order matters: the challenge is consumed (and committed) first, then the credential is looked
up and its userHandle compared with the owner, then py_webauthn verifies (UV required), then the
sign count moves on by compare-and-swap. Every refusal is one generic 401 plus a security log.
"""

from __future__ import annotations

from sqlalchemy import select, update
from webauthn import generate_authentication_options, verify_authentication_response
from webauthn.helpers.base64url_to_bytes import base64url_to_bytes
from webauthn.helpers.structs import UserVerificationRequirement

from app.auth import passkey_challenges as challenges
from app.auth.models import User, WebAuthnCredential
from app.auth.passkeys import (
    LOGIN_FAILED,
    PARSE_ERRORS,
    client_challenge,
    options_dict,
    refuse,
    security_log,
    webauthn_config,
)
from app.auth.sessions import start_session
from app.core import clock
from app.core.errors import DomainError, Unauthorized
from app.extensions import db


def authentication_options() -> dict:
    rp_id, _origin, ttl_ms = webauthn_config()
    options = generate_authentication_options(
        rp_id=rp_id, timeout=ttl_ms, user_verification=UserVerificationRequirement.REQUIRED
    )
    challenges.issue(options.challenge, challenges.LOGIN)
    body = options_dict(options)
    body.pop("allowCredentials", None)  # discoverable credential: the authenticator chooses
    return body


def _login_refused(reason: str, **context) -> DomainError:
    return refuse("passkey.login", reason, Unauthorized(LOGIN_FAILED), **context)


def _owner_of(credential: dict) -> tuple[WebAuthnCredential, User]:
    """The stored credential and its owner; the userHandle must name that same owner."""
    raw_id = base64url_to_bytes(credential["rawId"])
    row = db.session.execute(
        select(WebAuthnCredential, User)
        .join(User, User.id == WebAuthnCredential.user_id)
        .where(WebAuthnCredential.credential_id == raw_id)
    ).first()
    if row is None:
        raise _login_refused("unknown or revoked credential")
    stored, owner = row
    handle = credential["response"].get("userHandle")
    if not handle or base64url_to_bytes(handle) != owner.webauthn_handle:
        raise _login_refused(
            "userHandle does not belong to the credential's owner",
            user_id=owner.id,
            passkey_id=stored.id,
        )
    if not owner.active:
        raise _login_refused("account inactive", user_id=owner.id)
    return stored, owner


def _verify_assertion(credential: dict, stored: WebAuthnCredential, challenge: bytes):
    rp_id, origin, _ttl = webauthn_config()
    try:
        return verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=stored.public_key,
            credential_current_sign_count=stored.sign_count,
            require_user_verification=True,
        )
    except PARSE_ERRORS as exc:
        event = "sign count regression" if "sign count" in str(exc) else "verification failed"
        raise _login_refused(
            f"{event}: {exc}", user_id=stored.user_id, passkey_id=stored.id
        ) from exc


def _advance_sign_count(stored: WebAuthnCredential, verified) -> None:
    """Compare-and-swap: only the login that read the current count may move it on."""
    result = db.session.execute(
        update(WebAuthnCredential)
        .where(
            WebAuthnCredential.id == stored.id, WebAuthnCredential.sign_count == stored.sign_count
        )
        .values(
            sign_count=verified.new_sign_count,
            last_used_at=clock.now(),
            backed_up=verified.credential_backed_up,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise _login_refused(
            "sign count changed concurrently", user_id=stored.user_id, passkey_id=stored.id
        )


def login(credential: dict) -> User:
    """Log in with a discoverable passkey; refuses with one generic 401."""
    try:
        challenge = client_challenge(credential)
    except PARSE_ERRORS as exc:
        raise _login_refused(f"malformed credential: {exc}") from exc
    if challenges.consume(challenge, challenges.LOGIN) is None:
        raise _login_refused("challenge unknown, used, expired, foreign or of another purpose")
    try:
        stored, owner = _owner_of(credential)
    except PARSE_ERRORS as exc:
        raise _login_refused(f"malformed credential: {exc}") from exc
    verified = _verify_assertion(credential, stored, challenge)
    _advance_sign_count(stored, verified)
    start_session(owner, "passkey")
    security_log.info(
        "passkey login",
        extra={"event": "passkey.login", "user_id": owner.id, "passkey_id": stored.id},
    )
    return owner
