"""Production configuration: a strong secret key and shared rate limits are required,
cookies are __Host- and Secure."""

from __future__ import annotations

import os
import secrets

import pytest

from app import create_app
from app.auth.passwords import hash_password
from app.extensions import db
from tests.support import production_rate_limits

PASSWORD = "richtig-geheim-123"


@pytest.fixture
def production(monkeypatch, tmp_path):
    """Environment as on a production host (no SECURE_COOKIES override: the default)."""
    limits = production_rate_limits()
    monkeypatch.setenv("ANSCHLUSS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_hex(32))
    monkeypatch.setenv("REDIS_URL", limits["RATELIMIT_STORAGE_URI"])
    monkeypatch.setenv("RATELIMIT_KEY_PREFIX", limits["RATELIMIT_KEY_PREFIX"])
    monkeypatch.setenv("AUDIT_HMAC_KEY", secrets.token_hex(32))
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://anschluss.example.org")
    monkeypatch.setenv("WEBAUTHN_RP_ID", "anschluss.example.org")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    for key in ("SECURE_COOKIES", "HSTS", "WEBAUTHN_ORIGIN"):
        monkeypatch.delenv(key, raising=False)
    return monkeypatch


@pytest.fixture
def production_app(production):
    app = create_app()
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_does_the_app_refuse_to_start_without_a_secret_key(production):
    """Does a production app without SECRET_KEY refuse to start?"""
    production.delenv("SECRET_KEY")
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app()


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-64-random-hex-characters",  # the value in .env.example
        "x" * 64,  # long but not random
        secrets.token_hex(16),  # random but only 16 bytes
        "Sommer2026!",
    ],
)
def test_does_production_refuse_a_placeholder_or_short_secret_key(production, key):
    """Can a production app start with the example key, a repetitive or a short one?"""
    production.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="at least 32 random bytes"):
        create_app()


@pytest.mark.parametrize("key", [secrets.token_hex(32), secrets.token_urlsafe(32)])
def test_does_production_accept_32_random_bytes(production, key):
    """Do the keys the documentation tells operators to generate pass?"""
    production.setenv("SECRET_KEY", key)
    assert create_app().config["SECRET_KEY"] == key


def test_does_production_refuse_in_memory_rate_limits(production):
    """Without REDIS_URL, would every gunicorn worker count logins on its own? (refused)"""
    production.delenv("REDIS_URL")
    with pytest.raises(RuntimeError, match="REDIS_URL must be set"):
        create_app()


@pytest.mark.parametrize(
    ("key", "complaint"),
    [
        (None, "AUDIT_HMAC_KEY must be set"),
        ("short", "at least 32"),
        ("same as SECRET_KEY", "differ from SECRET_KEY"),
        ("change-me-to-64-random-hex-characters", "at least 32"),
    ],
)
def test_does_production_refuse_a_missing_or_weak_audit_key(production, key, complaint):
    """Without its own proper key, the audit chain could be forged: does start-up refuse?"""
    if key is None:
        production.delenv("AUDIT_HMAC_KEY")
    elif key == "same as SECRET_KEY":
        production.setenv("AUDIT_HMAC_KEY", os.environ["SECRET_KEY"])
    else:
        production.setenv("AUDIT_HMAC_KEY", key)
    with pytest.raises(RuntimeError, match=complaint):
        create_app()


def test_does_development_start_without_a_secret_key(monkeypatch, tmp_path):
    """Does development generate its own key once (so `make run` needs no set-up)?"""
    monkeypatch.setenv("ANSCHLUSS_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr("app.config.INSTANCE_DIR", tmp_path)
    database = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dev.db'}"}
    first, second = create_app(database), create_app(database)
    assert len(first.config["SECRET_KEY"]) >= 32
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]  # sessions survive restarts
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_are_production_cookies_host_prefixed_and_secure(production_app):
    """Does production set the session cookie as __Host-…; Secure; HttpOnly; SameSite=Lax?"""
    from tests import factories as f

    with production_app.app_context():
        teacher = f.make_user("teacher", username="lehrerin")
        teacher.password_hash = hash_password(PASSWORD)
        db.session.commit()
    client = production_app.test_client()
    base = "https://anschluss.example.org"
    token = client.get("/api/v1/auth/csrf", base_url=base).get_json()["csrf_token"]
    response = client.post(
        "/api/v1/auth/login",
        json={"username": "lehrerin", "password": PASSWORD},
        headers={"X-CSRF-Token": token, "Origin": base},
        base_url=base,
    )
    assert response.status_code == 200
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if "-device=" not in c]
    assert cookie.startswith("__Host-anschluss=")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path", "samesite"} <= attributes
    assert "domain" not in attributes
    assert "Path=/" in cookie and "SameSite=Lax" in cookie
    assert "max-age=63072000" in response.headers["Strict-Transport-Security"]
    assert client.get("/api/v1/auth/me", base_url=base).status_code == 200


def failed_logins(app, addresses: list[str]) -> list[int]:
    """One wrong login per address (each for another account), as forwarded by a proxy."""
    client = app.test_client()
    # The limiter keeps the first app's Redis key prefix: a client address of this test's own
    # keeps other tests' logins out of the count.
    client.environ_base["REMOTE_ADDR"] = f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"
    base = "https://anschluss.example.org"
    token = client.get("/api/v1/auth/csrf", base_url=base).get_json()["csrf_token"]
    statuses = []
    for n, address in enumerate(addresses):
        response = client.post(
            "/api/v1/auth/login",
            json={"username": f"niemand{n}", "password": "falsch-falsch-falsch"},
            headers={
                "X-CSRF-Token": token,
                "X-Forwarded-For": address,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "anschluss.example.org",
            },
            base_url=base,
        )
        statuses.append(response.status_code)
    return statuses


def test_does_the_login_limit_count_each_client_behind_a_trusted_proxy(production):
    """Behind a TLS proxy (PROXY_COUNT=1), do other clients still log in while one is blocked?"""
    production.setenv("PROXY_COUNT", "1")
    app = create_app()
    with app.app_context():
        db.create_all()
    attacker = ["203.0.113.7"] * 11
    assert failed_logins(app, attacker + ["198.51.100.4"]) == [401] * 10 + [429, 401]


def test_can_a_forged_forwarded_for_header_escape_the_limit_without_a_proxy(production_app):
    """Without a trusted proxy, is X-Forwarded-For ignored (no way around the limit)?"""
    addresses = [f"203.0.113.{n}" for n in range(12)]
    assert failed_logins(production_app, addresses) == [401] * 10 + [429, 429]
