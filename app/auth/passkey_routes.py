"""Passkey routes: register, log in (discoverable credential), list, rename, revoke."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user
from flask_smorest import Blueprint

from app.auth import passkey_management, services
from app.auth.passkey_schemas import (
    AuthenticationVerifySchema,
    CreationOptionsSchema,
    PasskeyRenameSchema,
    PasskeySchema,
    RegistrationOptionsRequestSchema,
    RegistrationVerifySchema,
    RequestOptionsSchema,
)
from app.auth.routes import login_limit
from app.auth.schemas import MeSchema
from app.core.api import problems
from app.core.policy import ROLES, access, allow, authenticated, public
from app.core.security import csrf_token
from app.extensions import limiter

blp = Blueprint(
    "passkeys", __name__, url_prefix="/api/v1/auth/passkeys", description="Passkeys (WebAuthn)"
)


# Options cost a database row each; generous enough for retries, low enough against flooding.
def options_rate_limit() -> str:
    return current_app.config["PASSKEY_OPTIONS_RATE_LIMIT"]


def passkey_account_key() -> str:
    """Rate-limit key per passkey: the credential id the client presents."""
    body = request.get_json(silent=True)
    credential = body.get("credential") if isinstance(body, dict) else None
    raw_id = credential.get("rawId") if isinstance(credential, dict) else None
    return f"passkey:{raw_id[:200] if isinstance(raw_id, str) else ''}"


def _user():
    return current_user._get_current_object()


# The WebAuthn ceremonies (`passkeys`, `passkey_login`) import py_webauthn (0.25 s with its
# cryptography and CBOR stack), so they are loaded by the first ceremony, not at start-up.


@blp.route("/registration/options", methods=["POST"])
@access(authenticated("Everyone may add a passkey to their own account"))
@limiter.limit(options_rate_limit)
@blp.arguments(RegistrationOptionsRequestSchema, required=False)
@blp.response(200, CreationOptionsSchema)
@problems(
    blp,
    (403, "The login is not fresh (older than 10 minutes)"),
    (429, "Too many requests"),
)
def registration_options(body):
    """Start registering a passkey: options for navigator.credentials.create()."""
    from app.auth import passkeys

    return passkeys.registration_options(_user(), (body or {}).get("name"))


@blp.route("/registration/verify", methods=["POST"])
@access(authenticated("Everyone may add a passkey to their own account"))
@blp.arguments(RegistrationVerifySchema)
@blp.response(201, PasskeySchema)
@problems(
    blp,
    (
        400,
        "The passkey response could not be verified, or the "
        "registration request expired or was already used",
    ),
    (403, "The login is not fresh (older than 10 minutes)"),
    (409, "This passkey is already registered"),
)
def registration_verify(body):
    """Finish registering: verify the authenticator's answer and store the passkey."""
    from app.auth import passkeys

    return passkeys.verify_registration(_user(), body["credential"], body.get("name"))


@blp.route("/authentication/options", methods=["POST"])
@access(public("Anyone may start a passkey login"))
@limiter.limit(options_rate_limit)
@blp.response(200, RequestOptionsSchema)
@problems(blp, (429, "Too many requests"))
def authentication_options():
    """Start a passkey login: options for navigator.credentials.get() (no username needed)."""
    from app.auth import passkey_login

    return passkey_login.authentication_options()


@blp.route("/authentication/verify", methods=["POST"])
@access(public("Anyone may try to log in"))
@limiter.limit(login_limit)
@limiter.limit(login_limit, key_func=passkey_account_key)
@blp.arguments(AuthenticationVerifySchema)
@blp.response(200, MeSchema)
@problems(blp, (401, "The passkey login failed"), (429, "Too many attempts"))
def authentication_verify(body):
    """Finish a passkey login: a new session starts; same answer as password login."""
    from app.auth import passkey_login

    user = passkey_login.login(body["credential"])
    return {**services.account_summary(user), "csrf_token": csrf_token()}


@blp.route("", methods=["GET"])
@access(authenticated("Everyone may list their own passkeys"))
@blp.response(200, PasskeySchema(many=True))
def list_passkeys():
    """The caller's own passkeys."""
    return passkey_management.list_passkeys(_user())


_OWN_PASSKEY = allow(
    "Only the owner may change a passkey; another user's passkey does not exist for them",
    **{role: passkey_management.passkey_is_own for role in ROLES},
)


@blp.route("/<int:passkey_id>", methods=["PATCH"])
@access(_OWN_PASSKEY)
@blp.arguments(PasskeyRenameSchema)
@blp.response(200, PasskeySchema)
@problems(blp, (404, "No such passkey of yours"))
def rename_passkey(body, passkey_id: int):
    """Rename one of the caller's passkeys."""
    return passkey_management.rename_passkey(_user(), passkey_id, body["name"])


@blp.route("/<int:passkey_id>", methods=["DELETE"])
@access(_OWN_PASSKEY)
@blp.response(204)
@problems(
    blp,
    (404, "No such passkey of yours"),
    (403, "The login is not fresh (older than 10 minutes)"),
    (409, "The last way to log in cannot be removed"),
)
def delete_passkey(passkey_id: int):
    """Revoke one of the caller's passkeys; all other sessions of the caller end."""
    passkey_management.revoke_passkey(_user(), passkey_id)
