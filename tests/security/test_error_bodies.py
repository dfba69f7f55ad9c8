"""Generic errors, debug off: no traceback in any 5xx body (ASVS 16.5.1, 13.4.2; item 23)."""

from __future__ import annotations

import secrets

import pytest

from app import create_app
from app.extensions import db as _db
from tests.support import production_rate_limits

MARKER = "very-secret-internal-state-42"
STACK_SIGNS = ("Traceback", 'File "', "RuntimeError", MARKER, "/app/", ".py", "line ")


def _boom(*_args, **_kwargs):
    raise RuntimeError(f"{MARKER} in /work/main/app/privacy/export.py line 1")


def _assert_generic(response):
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    body = response.get_data(as_text=True)
    for sign in STACK_SIGNS:
        assert sign not in body, sign
    assert response.json["status"] == 500
    assert response.json["type"] == "https://anschluss.nrw/problems/internal-error"


def test_does_a_failing_service_answer_a_generic_problem(db, world, login_as, monkeypatch, caplog):
    """When a service raises, is the answer problem+json without stack text, and logged?"""
    monkeypatch.setattr("app.privacy.export.export_data", _boom)
    response = login_as(world.pupil).get("/api/v1/me/export")
    _assert_generic(response)
    assert any(MARKER in (r.exc_text or "") or r.exc_info for r in caplog.records)


@pytest.fixture
def production_app(tmp_path):
    app = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_HMAC_KEY": secrets.token_hex(32),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.db'}",
            **production_rate_limits(),
        }
    )
    with app.app_context():
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def test_is_debug_off_and_the_500_generic_in_production(production_app, monkeypatch):
    """In a production-like app, is debug off and a crash in a public route generic?"""
    assert production_app.debug is False and not production_app.testing
    monkeypatch.setattr("app.auth.routes.csrf_token", _boom)
    response = production_app.test_client().get("/api/v1/auth/csrf", base_url="https://localhost")
    _assert_generic(response)


def test_does_a_database_error_not_leak_sql(db, world, login_as, monkeypatch):
    """Does an SQL error (with statement text) become the same generic 500?"""
    from sqlalchemy.exc import ProgrammingError

    def broken(*_args, **_kwargs):
        raise ProgrammingError("SELECT secret_column FROM users", {}, Exception(MARKER))

    monkeypatch.setattr("app.privacy.export.export_data", broken)
    response = login_as(world.pupil).get("/api/v1/me/export")
    _assert_generic(response)
    assert "SELECT" not in response.get_data(as_text=True)
