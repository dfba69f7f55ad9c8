"""CSRF protection for the cookie-authenticated JSON API and security headers."""

from __future__ import annotations

import hmac
import secrets
import uuid
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, session

from app.core.errors import Forbidden

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
CSRF_HEADER = "X-CSRF-Token"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def csrf_token() -> str:
    """The CSRF token bound to this browser session (created on first use)."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _origin_is_ours(origin: str) -> bool:
    """Compared with the configured public origin, never with the request's Host header,
    which whoever sends the request chooses."""
    config = current_app.config
    allowed = {config["PUBLIC_BASE_URL"].rstrip("/"), config["WEBAUTHN_ORIGIN"].rstrip("/")}
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" in allowed


def check_csrf() -> None:
    """before_request: unsafe API calls need the token header and a same-origin request."""
    if request.method in SAFE_METHODS or not request.path.startswith("/api/"):
        return
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in {"same-origin", "none"}:
        raise Forbidden("csrf-cross-site")
    origin = request.headers.get("Origin")
    if origin and not _origin_is_ours(origin):
        raise Forbidden("csrf-foreign-origin")
    sent = request.headers.get(CSRF_HEADER, "")
    expected = session.get("csrf", "")
    if not sent or not expected:
        raise Forbidden("csrf-token-missing", header=CSRF_HEADER)
    if not hmac.compare_digest(sent, expected):
        raise Forbidden("csrf-token-invalid", header=CSRF_HEADER)


def assign_request_id() -> None:
    g.request_id = str(uuid.uuid4())
    request.request_id = g.request_id


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config.get("HSTS"):
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if request.path.startswith("/api/"):
        headers["Cache-Control"] = "no-store"
        headers.setdefault("X-Request-Id", getattr(g, "request_id", ""))
    return response


def init_security(app: Flask) -> None:
    app.before_request(assign_request_id)
    app.before_request(check_csrf)
    app.after_request(set_security_headers)
