"""Settings, read from the environment only. `.env.example` documents every key."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import timedelta
from pathlib import Path

from app.config_checks import check_production_config
from app.core import clock

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("ANSCHLUSS_INSTANCE_DIR", BASE_DIR / "instance"))


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret_key() -> str:
    """A generated key stored in instance/, so development sessions survive restarts."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _audit_hmac_key(overrides: dict, secret_key: str, development: bool) -> str:
    """Keys the audit log's hash chain. It lives outside the database, so whoever can write
    the table still cannot forge a row's hash; it must stay the same for the log's lifetime."""
    key = overrides.get("AUDIT_HMAC_KEY") or os.environ.get("AUDIT_HMAC_KEY")
    if not key:
        if not development:
            raise RuntimeError("AUDIT_HMAC_KEY must be set outside development")
        return hmac.new(secret_key.encode(), b"anschluss audit chain", hashlib.sha256).hexdigest()
    weak = len(key) < 32 or key == secret_key or key.startswith("change-me")
    if weak and not development:
        raise RuntimeError(
            "AUDIT_HMAC_KEY must be at least 32 random characters and differ from SECRET_KEY"
        )
    return key


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from the environment plus explicit overrides."""
    overrides = dict(overrides or {})
    env = overrides.get("ENV_NAME") or os.environ.get("ANSCHLUSS_ENV", "development")
    development = env in {"development", "testing"}
    secret_key = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret_key:
        if not development:
            raise RuntimeError("SECRET_KEY must be set outside development")
        secret_key = _development_secret_key()
    base_url = os.environ.get("PUBLIC_BASE_URL", "http://localhost:5000")
    secure_cookies = _bool("SECURE_COOKIES", not development)
    config = {
        "ENV_NAME": env,
        # Development only: the server believes it is this day (refused in production).
        "TODAY_OVERRIDE": clock.parse_override(os.environ.get(clock.OVERRIDE_VARIABLE)),
        "SECRET_KEY": secret_key,
        "AUDIT_HMAC_KEY": _audit_hmac_key(overrides, secret_key, development),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'anschluss.db'}"
        ),
        # Connections idle this long are tested before use (core/db_ping.py); 0: always.
        "DB_PING_IDLE_SECONDS": float(os.environ.get("DB_PING_IDLE_SECONDS", "30")),
        "PUBLIC_BASE_URL": base_url,
        "WEBAUTHN_RP_ID": os.environ.get("WEBAUTHN_RP_ID", "localhost"),
        "WEBAUTHN_RP_NAME": os.environ.get("WEBAUTHN_RP_NAME", "Anschluss"),
        "WEBAUTHN_ORIGIN": os.environ.get("WEBAUTHN_ORIGIN", base_url),
        "WEBAUTHN_CHALLENGE_TTL": timedelta(minutes=5),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "anschluss"),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "PASSKEY_OPTIONS_RATE_LIMIT": os.environ.get("PASSKEY_OPTIONS_RATE_LIMIT", "60 per minute"),
        # One budget per account shared by all bulk exports of personal data.
        "EXPORT_RATE_LIMIT": os.environ.get("EXPORT_RATE_LIMIT", "30 per hour"),
        # Guardian links: calls per address; lifetime in days (0: until the school year ends).
        "GUARDIAN_LINK_RATE_LIMIT": os.environ.get("GUARDIAN_LINK_RATE_LIMIT", "60 per minute"),
        "GUARDIAN_LINK_DAYS": int(os.environ.get("GUARDIAN_LINK_DAYS", "0")),
        # Web push (VAPID): without both keys no push is offered or queued. The private key
        # as base64url DER (PKCS#8) or the path of a PEM file; the public key base64url X9.62.
        "VAPID_PUBLIC_KEY": os.environ.get("VAPID_PUBLIC_KEY", ""),
        "VAPID_PRIVATE_KEY": os.environ.get("VAPID_PRIVATE_KEY", ""),
        "VAPID_SUBJECT": os.environ.get("VAPID_SUBJECT", "mailto:anschluss@localhost"),
        "ROSTER_IMPORT_RATE_LIMIT": os.environ.get("ROSTER_IMPORT_RATE_LIMIT", "30 per hour"),
        # Leaving classes stay with their class teacher this long after 31 July (M1).
        "CLASS_TEACHER_GRACE_DAYS": int(os.environ.get("CLASS_TEACHER_GRACE_DAYS", "31")),
        # Largest request body; routes that take uploads declare their own (core/request_guards).
        "MAX_REQUEST_BYTES": int(os.environ.get("MAX_REQUEST_KB", "2048")) * 1024,
        "SESSION_COOKIE_NAME": "__Host-anschluss" if secure_cookies else "anschluss_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "STAFF_IDLE_TIMEOUT": timedelta(minutes=int(os.environ.get("STAFF_IDLE_MINUTES", "30"))),
        "PUPIL_IDLE_TIMEOUT": timedelta(minutes=int(os.environ.get("PUPIL_IDLE_MINUTES", "120"))),
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
        "ENROLMENT_CODE_TTL": timedelta(days=14),
        # Activation links of new accounts (provider contacts) work this long, once.
        "ACTIVATION_LINK_TTL": timedelta(hours=int(os.environ.get("ACTIVATION_LINK_HOURS", "72"))),
        # A session opened with an enrolment code may register one first passkey this soon.
        "ENROLMENT_PASSKEY_WINDOW": timedelta(
            minutes=int(os.environ.get("ENROLMENT_PASSKEY_MINUTES", "10"))
        ),
        "HSTS": _bool("HSTS", not development),
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted.
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "MAIL_SMTP_HOST": os.environ.get("MAIL_SMTP_HOST", ""),
        "MAIL_SMTP_PORT": int(os.environ.get("MAIL_SMTP_PORT", "587")),
        "MAIL_SMTP_USER": os.environ.get("MAIL_SMTP_USER", ""),
        "MAIL_SMTP_PASSWORD": os.environ.get("MAIL_SMTP_PASSWORD", ""),
        "MAIL_SMTP_STARTTLS": _bool("MAIL_SMTP_STARTTLS", True),
        "MAIL_SMTP_SSL": _bool("MAIL_SMTP_SSL", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "anschluss@localhost"),
        # Encrypts the SVWS-Server credentials of the schools (exchange/credentials.py).
        "CREDENTIALS_KEY": os.environ.get("CREDENTIALS_KEY", ""),
        # http:// SVWS addresses (development and tests only; production needs https).
        "SVWS_ALLOW_HTTP": _bool("SVWS_ALLOW_HTTP", development),
        # The Bundesagentur für Arbeit's jobsuche API (flask vacancies import): the client id
        # sent as X-API-Key, the service address and the search radius around the Kommune.
        "JOBSUCHE_API_KEY": os.environ.get("JOBSUCHE_API_KEY", ""),
        "JOBSUCHE_BASE_URL": os.environ.get(
            "JOBSUCHE_BASE_URL", "https://rest.arbeitsagentur.de/jobboerse/jobsuche-service"
        ),
        "JOBSUCHE_RADIUS_KM": int(os.environ.get("JOBSUCHE_RADIUS_KM", "25")),
        "RETENTION_CASE_MONTHS": int(os.environ.get("RETENTION_CASE_MONTHS", "6")),
        # App-only pupil data ends with its purpose: months after the school year of the
        # pupil's last class membership ended, or after the account was deactivated.
        "RETENTION_APP_DATA_MONTHS": int(os.environ.get("RETENTION_APP_DATA_MONTHS", "3")),
        # School-record copies (Anschluss, agreements, memberships) and then the account:
        # years after that school year (VO-DV I § 9: "other data" five years).
        "RETENTION_SCHOOL_RECORD_YEARS": int(os.environ.get("RETENTION_SCHOOL_RECORD_YEARS", "5")),
        # Sent mails hold names and links: deleted from the outbox after this many days.
        "MAIL_RETENTION_DAYS": int(os.environ.get("MAIL_RETENTION_DAYS", "30")),
        "API_TITLE": "Anschluss API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "JSON_SORT_KEYS": False,
    }
    if config["SQLALCHEMY_DATABASE_URI"].startswith("postgres://"):
        config["SQLALCHEMY_DATABASE_URI"] = config["SQLALCHEMY_DATABASE_URI"].replace(
            "postgres://", "postgresql+psycopg://", 1
        )
    config.update(overrides)
    if not development:
        check_production_config(config)
    return config
