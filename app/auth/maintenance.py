"""Nightly clean-up of authentication leftovers (run by `flask retention run`)."""

from __future__ import annotations

from app.auth import lockout, passkey_challenges


def run() -> dict[str, int]:
    """Delete used and expired WebAuthn challenges and forgotten login-failure counts."""
    return {
        "webauthn_challenges": passkey_challenges.purge_stale(),
        "login_throttles": lockout.purge_forgotten(),
    }
