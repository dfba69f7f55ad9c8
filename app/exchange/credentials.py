"""Secrets of the data exchange, encrypted at rest (Fernet: AES-128-CBC + HMAC-SHA256).

The key never lives in the database: `CREDENTIALS_KEY` (a Fernet key, 32 url-safe base64
bytes; `.env.example` tells how to make one). Development and tests derive one from
SECRET_KEY; outside development a missing key refuses to store or use credentials (409).
Whoever can read the database therefore cannot read a school's SVWS password.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from app.core.errors import Conflict


def _fernet() -> Fernet:
    key = current_app.config.get("CREDENTIALS_KEY")
    if not key:
        if current_app.config["ENV_NAME"] not in ("development", "testing"):
            raise Conflict("credentials-key-missing")
        digest = hashlib.sha256(
            b"anschluss credentials:" + current_app.config["SECRET_KEY"].encode()
        )
        key = base64.urlsafe_b64encode(digest.digest())
    return Fernet(key)


def encrypt(secret: str) -> bytes:
    return _fernet().encrypt(secret.encode("utf-8"))


def decrypt(token: bytes) -> str:
    try:
        return _fernet().decrypt(token).decode("utf-8")
    except InvalidToken as error:
        raise Conflict("credentials-unreadable") from error
