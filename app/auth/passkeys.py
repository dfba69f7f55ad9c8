"""Passkey ceremonies (WebAuthn, py_webauthn 3): registration and discoverable login.

What py_webauthn checks and what this module adds is listed in docs/security.md §2. Here: the
challenge store (passkey_challenges), user verification always required, RP ID and origin from
configuration, credential IDs unique, sign count compare-and-swap, userHandle ↔ owner check.
Every refusal is written to the "anschluss.security" log. Login lives in passkey_login.py.
"""

from __future__ import annotations

import binascii
import json
import logging
import secrets

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from webauthn import (
    generate_registration_options,
    options_to_json,
    verify_registration_response,
)
from webauthn.helpers import parse_client_data_json
from webauthn.helpers.base64url_to_bytes import base64url_to_bytes
from webauthn.helpers.cose import COSEAlgorithmIdentifier
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from app.auth import passkey_challenges as challenges
from app.auth.models import User, WebAuthnCredential
from app.auth.passkey_management import (
    passkey_view,
    require_fresh_login,
    spend_enrolment_allowance,
)
from app.core.errors import Conflict, DomainError
from app.extensions import db

security_log = logging.getLogger("anschluss.security")

SUPPORTED_ALGORITHMS = [
    COSEAlgorithmIdentifier.ECDSA_SHA_256,
    COSEAlgorithmIdentifier.RSASSA_PKCS1_v1_5_SHA_256,
    COSEAlgorithmIdentifier.EDDSA,
]
LOGIN_FAILED = "passkey-login-failed"
DEFAULT_NAME = "Passkey"
# Anything a malformed browser payload can make the parsers raise.
PARSE_ERRORS = (WebAuthnException, ValueError, TypeError, KeyError, AttributeError, binascii.Error)


class PasskeyRejected(DomainError):
    status = 400


def refuse(event: str, reason: str, error: DomainError, **context) -> DomainError:
    # The reason may quote client data (e.g. an origin): no line breaks into the log.
    reason = "".join(ch if ch.isprintable() else "?" for ch in reason)[:300]
    security_log.warning(
        "%s refused: %s", event, reason, extra={"event": event, "reason": reason, **context}
    )
    return error


def webauthn_config() -> tuple[str, str, int]:
    config = current_app.config
    ttl_ms = int(config["WEBAUTHN_CHALLENGE_TTL"].total_seconds() * 1000)
    return config["WEBAUTHN_RP_ID"], config["WEBAUTHN_ORIGIN"], ttl_ms


def options_dict(options) -> dict:
    return json.loads(options_to_json(options))


def _user_handle(user: User) -> bytes:
    """The user's random WebAuthn handle, created at their first registration."""
    if user.webauthn_handle is None:
        user.webauthn_handle = secrets.token_bytes(32)
        db.session.flush()
    return user.webauthn_handle


def _transports(raw: str) -> list[AuthenticatorTransport]:
    known = {t.value for t in AuthenticatorTransport}
    return [AuthenticatorTransport(t) for t in raw.split(",") if t in known]


def client_challenge(credential: dict) -> bytes:
    client_data = base64url_to_bytes(credential["response"]["clientDataJSON"])
    return parse_client_data_json(client_data).challenge


# -- registration ------------------------------------------------------------------------


def registration_options(user: User, name: str | None = None) -> dict:
    require_fresh_login(user)  # refuse before the browser prompts, not only after
    rp_id, _origin, ttl_ms = webauthn_config()
    existing = db.session.execute(
        select(WebAuthnCredential.credential_id, WebAuthnCredential.transports).where(
            WebAuthnCredential.user_id == user.id
        )
    ).all()
    account_name = user.username or user.display_name or user.full_name or f"user-{user.id}"
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=current_app.config["WEBAUTHN_RP_NAME"],
        user_id=_user_handle(user),
        user_name=account_name,
        user_display_name=user.display_name or user.full_name or account_name,
        timeout=ttl_ms,
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=cid, transports=_transports(transports))
            for cid, transports in existing
        ],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        supported_pub_key_algs=SUPPORTED_ALGORITHMS,
    )
    challenges.issue(options.challenge, challenges.REGISTER, user.id, name)
    return options_dict(options)


def _verify_registration(user: User, credential: dict):
    rp_id, origin, _ttl = webauthn_config()
    try:
        challenge = client_challenge(credential)
    except PARSE_ERRORS as exc:
        error = PasskeyRejected("passkey-malformed")
        raise refuse(
            "passkey.register", f"malformed credential: {exc}", error, user_id=user.id
        ) from exc
    consumed = challenges.consume(challenge, challenges.REGISTER, user.id)
    if consumed is None:
        raise refuse(
            "passkey.register",
            "challenge unknown, used, expired or foreign",
            PasskeyRejected("passkey-registration-expired"),
            user_id=user.id,
        )
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
            supported_pub_key_algs=SUPPORTED_ALGORITHMS,
        )
    except PARSE_ERRORS as exc:
        error = PasskeyRejected("passkey-not-verified")
        raise refuse(
            "passkey.register", f"verification failed: {exc}", error, user_id=user.id
        ) from exc
    return verified, consumed.credential_name


def verify_registration(user: User, credential: dict, name: str | None = None) -> dict:
    """Store a new passkey of the (freshly logged-in) user after verifying the ceremony."""
    require_fresh_login(user)
    verified, requested_name = _verify_registration(user, credential)  # commits the challenge
    spend_enrolment_allowance(user)  # after the commit: a failed ceremony does not spend it
    duplicate = Conflict("passkey-already-registered")
    if db.session.scalar(
        select(exists().where(WebAuthnCredential.credential_id == verified.credential_id))
    ):
        raise refuse("passkey.register", "duplicate credential id", duplicate, user_id=user.id)
    transports = credential["response"].get("transports")
    transports = transports if isinstance(transports, list) else []
    passkey = WebAuthnCredential(
        user_id=user.id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=",".join(t for t in transports if isinstance(t, str))[:120],
        name=(name or requested_name or DEFAULT_NAME).strip()[:80] or DEFAULT_NAME,
        backed_up=verified.credential_backed_up,
    )
    try:
        with db.session.begin_nested():
            db.session.add(passkey)
    except IntegrityError as exc:  # a parallel registration of the same id won the race
        raise refuse(
            "passkey.register", "duplicate credential id (race)", duplicate, user_id=user.id
        ) from exc
    security_log.info(
        "passkey registered",
        extra={"event": "passkey.registered", "user_id": user.id, "passkey_id": passkey.id},
    )
    return passkey_view(passkey)
