"""Session cookie attributes (ASVS 3.3.1, 3.3.2, 3.3.4; docs/security.md item 10)."""

from __future__ import annotations

import secrets

import pytest

from app import create_app
from app.auth.passwords import hash_password
from app.extensions import db as _db
from tests import factories as f
from tests.support import production_rate_limits

PASSWORD = "richtig-geheim-123"
BASE = "https://anschluss.example.org"


def _attributes(cookie: str) -> dict[str, str]:
    parts = [p.strip() for p in cookie.split(";")]
    return {p.split("=", 1)[0].lower(): (p.split("=", 1) + [""])[1] for p in parts[1:]}


def _app(tmp_path, **overrides):
    app = create_app(
        {
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_HMAC_KEY": secrets.token_hex(32),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cookies.db'}",
            **production_rate_limits(),
            "PUBLIC_BASE_URL": BASE,
            "WEBAUTHN_ORIGIN": BASE,
            **overrides,
        }
    )
    with app.app_context():
        _db.create_all()
        teacher = f.make_user("teacher", username="lehrerin")
        teacher.password_hash = hash_password(PASSWORD)
        _db.session.commit()
    return app


@pytest.fixture
def production_app(tmp_path):
    app = _app(tmp_path, ENV_NAME="production")
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _cookies(app) -> list[str]:
    """Set-Cookie headers of the csrf, login and logout answers."""
    client = app.test_client()
    seen = []
    csrf = client.get("/api/v1/auth/csrf", base_url=BASE)
    seen += csrf.headers.getlist("Set-Cookie")
    headers = {"X-CSRF-Token": csrf.json["csrf_token"], "Origin": BASE}
    login = client.post(
        "/api/v1/auth/login",
        json={"username": "lehrerin", "password": PASSWORD},
        headers=headers,
        base_url=BASE,
    )
    assert login.status_code == 200
    seen += login.headers.getlist("Set-Cookie")
    headers["X-CSRF-Token"] = login.json["csrf_token"]
    logout = client.post("/api/v1/auth/logout", headers=headers, base_url=BASE)
    assert logout.status_code == 204
    seen += logout.headers.getlist("Set-Cookie")
    assert seen
    return seen


def _session_cookies(app) -> list[str]:
    name = app.config["SESSION_COOKIE_NAME"]
    return [cookie for cookie in _cookies(app) if cookie.startswith(f"{name}=")]


def _named(response, name: str) -> str:
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{name}=")]
    return cookie


def test_are_production_cookies_host_prefixed_secure_httponly_lax(production_app):
    """With SECURE_COOKIES on: __Host- name, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain?"""
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    for cookie in _session_cookies(production_app):
        assert cookie.startswith("__Host-anschluss="), cookie
        attributes = _attributes(cookie)
        assert "secure" in attributes and "httponly" in attributes
        assert attributes["samesite"] == "Lax" and attributes["path"] == "/"
        assert "domain" not in attributes


def test_are_development_cookies_httponly_and_lax(tmp_path):
    """Without TLS (development): still HttpOnly and SameSite=Lax, no __Host- prefix?"""
    app = _app(tmp_path, ENV_NAME="development")
    try:
        for cookie in _session_cookies(app):
            attributes = _attributes(cookie)
            assert "httponly" in attributes and attributes["samesite"] == "Lax"
            assert not cookie.startswith("__Host-")
    finally:
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()


def test_is_the_old_cookie_useless_after_logout(production_app):
    """Is the session cookie captured before logout refused afterwards (401)?"""
    client = production_app.test_client()
    token = client.get("/api/v1/auth/csrf", base_url=BASE).json["csrf_token"]
    login = client.post(
        "/api/v1/auth/login",
        json={"username": "lehrerin", "password": PASSWORD},
        headers={"X-CSRF-Token": token, "Origin": BASE},
        base_url=BASE,
    )
    cookie = _named(login, production_app.config["SESSION_COOKIE_NAME"]).split(";")[0]
    headers = {"X-CSRF-Token": login.json["csrf_token"], "Origin": BASE}
    client.post("/api/v1/auth/logout", headers=headers, base_url=BASE)
    replay = production_app.test_client()
    answer = replay.get("/api/v1/auth/me", headers={"Cookie": cookie}, base_url=BASE)
    assert answer.status_code == 401


def test_is_the_known_device_cookie_host_prefixed_secure_httponly_strict(production_app):
    """Is the cookie that marks a known device (login lockout) as well protected as the
    session cookie, long-lived, and only sent to this site's own requests?"""
    (device,) = [c for c in _cookies(production_app) if "device" in c.split("=", 1)[0]]
    assert device.startswith("__Host-anschluss-device=")
    attributes = _attributes(device)
    assert "secure" in attributes and "httponly" in attributes and "domain" not in attributes
    assert attributes["samesite"] == "Strict" and attributes["path"] == "/"
    assert int(attributes["max-age"]) >= 90 * 24 * 3600
