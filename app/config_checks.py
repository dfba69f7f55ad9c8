"""Start-up checks outside development: settings that are fine on a laptop but unsafe on a
server make the app refuse to start (issue 9, L8)."""

from __future__ import annotations

import math
import string

# The value .env.example ships with: a copied example file must not become a live key.
EXAMPLE_SECRET_KEY = "change-me-to-64-random-hex-characters"  # noqa: S105 - refused, not used
MIN_SECRET_KEY_BITS = 256


def _estimated_bits(key: str) -> float:
    """Entropy of `key` if its characters were drawn at random from the smallest usual
    alphabet holding them (hex, base64, printable ASCII); repetitive keys count as short."""
    if set(key) <= set(string.hexdigits):
        alphabet = 16
    elif set(key) <= set(string.ascii_letters + string.digits + "+/=-_"):
        alphabet = 64
    else:
        alphabet = 95
    distinct = len(set(key))
    if distinct < 10:  # "xxxx…", "abab…": long, but nowhere near random
        return distinct * math.log2(alphabet)
    return len(key) * math.log2(alphabet)


def check_production_config(config: dict) -> None:
    key = config["SECRET_KEY"]
    if key == EXAMPLE_SECRET_KEY or _estimated_bits(key) < MIN_SECRET_KEY_BITS:
        raise RuntimeError(
            "SECRET_KEY is a placeholder or too short: it needs at least 32 random bytes, e.g. "
            'python3 -c "import secrets; print(secrets.token_hex(32))"'
        )
    if config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        raise RuntimeError(
            "REDIS_URL must be set outside development: in-memory rate limits count per "
            "worker process, so several workers would multiply every limit"
        )
