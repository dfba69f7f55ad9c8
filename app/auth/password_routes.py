"""Passwords: change one's own (POST /auth/password) and set the first one through an
activation link (POST /auth/activate) — nobody ever sets or sees another's password."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.auth import activation, password_change, services
from app.auth.routes import login_limit
from app.auth.schemas import ActivationSchema, MeSchema, PasswordChangeSchema
from app.core.api import problems
from app.core.policy import access, authenticated, public
from app.core.ratelimits import account_or_ip
from app.core.security import csrf_token
from app.extensions import limiter

blp = Blueprint("passwords", __name__, url_prefix="/api/v1/auth", description="Passwords")


@blp.route("/password", methods=["POST"])
@access(authenticated("Every account with a password may change its own"))
@limiter.limit(login_limit, key_func=account_or_ip)  # guesses of the current password
@blp.arguments(PasswordChangeSchema)
@blp.response(204)
@problems(
    blp,
    (409, "The account has no password (it logs in with passkeys)"),
    (422, "Current password wrong, or the new one too short, unchanged or the username"),
    (429, "Too many attempts"),
)
def change_password(body):
    """Change the own password (current one required); every other session ends."""
    password_change.change_password(
        current_user._get_current_object(), body["current_password"], body["new_password"]
    )


@blp.route("/activate", methods=["POST"])
@access(public("The owner of a new account has no session yet"))
@limiter.limit(login_limit)
@blp.arguments(ActivationSchema)
@blp.response(200, MeSchema)
@problems(
    blp,
    (401, "The link is unknown, used or expired"),
    (422, "The password is too short or the username"),
    (429, "Too many attempts"),
)
def activate(body):
    """Set the first password with the single-use activation link and log in."""
    user = activation.activate(body["token"], body["password"])
    return {**services.account_summary(user), "csrf_token": csrf_token()}
