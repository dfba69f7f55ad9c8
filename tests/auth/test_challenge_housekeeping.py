"""WebAuthn challenges cannot pile up (issue 9, L7): capped per browser, purged nightly."""

from __future__ import annotations

from datetime import timedelta

from app.auth.models import WebAuthnChallenge
from app.auth.passkey_challenges import MAX_OPEN_PER_CLIENT
from app.core import clock
from tests.auth.passkey_support import BASE
from tests.support import count_of, rows_of, with_csrf


def _count(db) -> int:
    return count_of(WebAuthnChallenge)


def test_does_one_browser_hold_only_a_few_open_challenges(db, api):
    """Can a client fill the table by asking for login options again and again?"""
    for _ in range(MAX_OPEN_PER_CLIENT * 4):
        assert api.post(f"{BASE}/authentication/options").status_code == 200
    assert _count(db) == MAX_OPEN_PER_CLIENT


def test_does_the_newest_challenge_of_a_capped_browser_still_work(app, db, api):
    """After the cap dropped older ones, is the latest challenge the one that is kept?"""
    for _ in range(MAX_OPEN_PER_CLIENT + 2):
        newest = api.post(f"{BASE}/authentication/options").json["challenge"]
    kept = {row.challenge for row in rows_of(WebAuthnChallenge)}
    assert newest in kept


def test_does_the_nightly_job_purge_stale_challenges(app, db, api):
    """Does `flask retention run` delete expired challenges of every browser?"""
    for _ in range(3):  # three browsers
        response = with_csrf(app.test_client()).post(f"{BASE}/authentication/options")
        assert response.status_code == 200
    assert _count(db) == 3
    clock.travel_to(clock.now() + timedelta(minutes=6))
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert "webauthn_challenges=3" in result.output
    assert _count(db) == 0
