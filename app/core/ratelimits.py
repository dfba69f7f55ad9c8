"""Anti-automation for bulk exports of personal data (ASVS 2.4.1; docs/security.md item 19).

All export endpoints share one budget per account (EXPORT_RATE_LIMIT), counted in the
limiter's storage (Redis in production, so every worker sees the same count). Over budget
the client gets 429 problem+json; routes document it with `EXPORT_LIMIT_DOC`.
"""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.extensions import limiter

EXPORT_LIMIT_DOC = "Too many exports: wait and try again (Retry-After)"


def _export_limit() -> str:
    return current_app.config["EXPORT_RATE_LIMIT"]


def account_or_ip() -> str:
    """Count per account (an attacker with many addresses stays limited); else per address."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


export_limit = limiter.shared_limit(_export_limit, scope="exports", key_func=account_or_ip)
