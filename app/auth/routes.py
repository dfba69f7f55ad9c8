"""Session routes: CSRF token, password login, logout, who am I."""

from __future__ import annotations

from flask import current_app
from flask_login import current_user
from flask_smorest import Blueprint

from app.auth import services
from app.auth.schemas import CsrfSchema, LoginSchema, MeSchema
from app.auth.sessions import end_session
from app.core.api import problems
from app.core.policy import access, authenticated, public
from app.core.security import csrf_token
from app.extensions import limiter

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sessions and login")


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@blp.route("/csrf", methods=["GET"])
@access(public("Needed before any unsafe request, including login"))
@blp.response(200, CsrfSchema)
def get_csrf():
    """Get the CSRF token to send as X-CSRF-Token on unsafe requests."""
    return {"csrf_token": csrf_token()}


@blp.route("/login", methods=["POST"])
@access(public("Anyone may try to log in"))
@limiter.limit(login_limit)  # per IP; per account: the lockout in auth/lockout.py
@blp.arguments(LoginSchema)
@blp.response(200, MeSchema)
@problems(
    blp,
    (401, "Username or password is wrong"),
    (429, "Too many attempts from this address, or the account is locked for a while"),
)
def login(credentials):
    """Log in with username and password (staff, and demo pupils)."""
    user = services.login_with_password(credentials["username"], credentials["password"])
    return {**services.account_summary(user), "csrf_token": csrf_token()}


@blp.route("/logout", methods=["POST"])
@access(authenticated("Everyone may end their own session"))
@blp.response(204)
def logout():
    """End the session on the server; the cookie is useless afterwards."""
    end_session(current_user._get_current_object())


@blp.route("/me", methods=["GET"])
@access(authenticated("Everyone may see their own account"))
@blp.response(200, MeSchema)
def me():
    """The logged-in account, its role, scope and classes."""
    return {**services.account_summary(current_user), "csrf_token": csrf_token()}
