"""The one clock: only app/core/clock.py reads the real date; the demo can run on another day."""

from __future__ import annotations

import ast
import secrets
from datetime import date
from pathlib import Path

import pytest

from app import create_app
from app.core import clock

ROOT = Path(__file__).resolve().parents[2]
REAL_TIME_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"), ("time", "time")}


def _real_time_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in REAL_TIME_CALLS:
                found.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} {owner.id}.{node.func.attr}()"
                )
    return found


def test_no_code_but_the_clock_reads_the_real_date():
    """Does any module of the app or the seeds read the date without asking app/core/clock.py?"""
    sources = [*ROOT.joinpath("app").rglob("*.py"), *ROOT.joinpath("seeds").rglob("*.py")]
    offenders = [
        call
        for path in sources
        if path != ROOT / "app" / "core" / "clock.py"
        for call in _real_time_calls(path)
    ]
    assert offenders == []


def test_development_override_moves_today(monkeypatch):
    """Does `ANSCHLUSS_TODAY` make a development server believe it is that day?"""
    monkeypatch.setenv("ANSCHLUSS_TODAY", "2027-08-20")
    try:
        create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
        assert clock.today() == date(2027, 8, 20)
    finally:
        clock.reset()


def test_production_refuses_the_override(monkeypatch):
    """Does a production start-up refuse to run on a faked day?"""
    monkeypatch.setenv("ANSCHLUSS_TODAY", "2027-08-20")
    with pytest.raises(RuntimeError, match="ANSCHLUSS_TODAY"):
        create_app(
            {
                "ENV_NAME": "production",
                "SECRET_KEY": secrets.token_hex(32),
                "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/7",
                "AUDIT_HMAC_KEY": secrets.token_hex(32),
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
            }
        )


def test_a_malformed_override_is_refused(monkeypatch):
    """Is a typo in the override an error rather than silently the real date?"""
    monkeypatch.setenv("ANSCHLUSS_TODAY", "20.08.2027")
    with pytest.raises(RuntimeError, match="YYYY-MM-DD"):
        create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_front_end_learns_the_servers_day(world, login_as, today):
    """Does /auth/me tell the screens which day the server believes it is?"""
    assert login_as(world.pupil).get("/api/v1/auth/me").json["today"] == today.isoformat()


def test_today_is_the_school_day_not_the_utc_day():
    """At 00:30 in Dortmund, is it already the new day although UTC is still on the old one?"""
    clock.travel_to(clock.at_school_time(date(2027, 3, 2)).replace(minute=30))
    assert clock.now().date() == date(2027, 3, 1)
    assert clock.today() == date(2027, 3, 2)
