"""One-time enrolment codes: a teacher hands a pupil a code, the pupil logs in with it once.

Codes are short and unambiguous (no 0/O/1/I), shown only once; the database keeps an HMAC of
each (keyed with the app secret), so a leaked table yields no usable code. A code is used up by
a conditional UPDATE, so two parallel uses of one code let exactly one through.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import secrets
import unicodedata
from urllib.parse import quote

import segno
from flask import current_app
from sqlalchemy import select, update

from app.auth.models import EnrolmentCode, User, WebAuthnCredential
from app.auth.passkey_management import revoke_all_passkeys
from app.auth.passwords import hash_password
from app.auth.sessions import start_session
from app.core import audit, clock
from app.core.errors import Unauthorized
from app.core.provided import Provided
from app.extensions import db

security_log = logging.getLogger("anschluss.security")

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 8 characters carry 40 bits
CODE_LENGTH = 8
CODE_INVALID = "enrolment-code-invalid"

# Why a code is issued (issue 9, H2): a pupil who can already log in gets a code only as a
# lost-device reset, which ends every way the pupil could log in before.
FIRST_LOGIN = "first_login"
LOST_DEVICE = "lost_device"
PURPOSES = (FIRST_LOGIN, LOST_DEVICE)

# Tells pupils that their login was reset (notifications.services.notify_many: the
# notifications feature sits above auth).
notify_pupils = Provided("notify users of an event (notifications.services.notify_many)")


def generate_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    """What pupils type: any case, with or without the hyphen or spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def enrol_url(code: str) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/#/enrol?code={quote(code)}"


def qr_svg(url: str) -> str:
    """The QR code of `url` as a standalone SVG document (with the SVG namespace, so it works
    as an image file or data URL as well as inline; a viewBox lets it scale sharply)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", xmldecl=False, svgns=True, omitsize=True, scale=4, title="QR"
    )
    return buffer.getvalue().decode("utf-8")


# -- staff: issue codes ------------------------------------------------------------------


def ids_with_login(pupil_ids: list[int]) -> list[int]:
    """Those of the pupils who can log in already (a password or at least one passkey)."""
    if not pupil_ids:
        return []
    with_password = select(User.id).where(User.id.in_(pupil_ids), User.password_hash.is_not(None))
    with_passkey = select(WebAuthnCredential.user_id).where(
        WebAuthnCredential.user_id.in_(pupil_ids)
    )
    return sorted(set(db.session.scalars(with_password.union(with_passkey))))


def reset_login_methods(actor: User, pupils: list[User]) -> None:
    """Lost device: passkeys, password and every session of the pupils end; audited as a
    reset, logged, and each pupil is told (inbox, and e-mail where one is known)."""
    ids = [p.id for p in pupils]
    revoke_all_passkeys(ids)  # also ends their sessions
    for pupil in pupils:
        pupil.password_hash = None
    audit.record(
        actor,
        "lost_device_reset",
        "credentials",
        ids,
        audit.Purpose.CLASS_MANAGEMENT,
        categories=("credentials",),
    )
    security_log.info(
        "pupil logins reset by staff (lost device)",
        extra={"event": "enrolment.lost_device_reset", "actor_id": actor.id, "pupil_ids": ids},
    )
    notify_pupils(ids, "login_reset", {"reset_on": clock.today().isoformat()})


def issue_codes(actor: User, pupils: list[User], purpose: str = FIRST_LOGIN) -> list[dict]:
    """New codes for these pupils (chosen by the caller: the pupils of a class, see
    schools/enrolment.py, which also refuses first-login codes for pupils who can log in);
    earlier open codes of those pupils stop working."""
    if not pupils:
        return []
    ids = [p.id for p in pupils]
    now = clock.now()
    if purpose == LOST_DEVICE:
        reset_login_methods(actor, pupils)
    db.session.execute(
        update(EnrolmentCode)
        .where(
            EnrolmentCode.pupil_id.in_(ids),
            EnrolmentCode.used_at.is_(None),
            EnrolmentCode.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    expires_at = now + current_app.config["ENROLMENT_CODE_TTL"]
    issued = []
    for pupil in pupils:
        code = generate_code()
        db.session.add(
            EnrolmentCode(
                pupil_id=pupil.id,
                code_hash=code_hash(code),
                created_by_id=actor.id,
                expires_at=expires_at,
                purpose=purpose,
            )
        )
        url = enrol_url(code)
        issued.append(
            {
                "pupil_id": pupil.id,
                "first_name": pupil.first_name,
                "last_name": pupil.last_name,
                "code": code,
                "enrol_url": url,
                "qr_svg": qr_svg(url),
                "expires_at": expires_at,
            }
        )
    db.session.flush()
    audit.record(
        actor,
        "create",
        "enrolment_code",
        ids,
        audit.Purpose.CLASS_MANAGEMENT,
        categories=("identity", "enrolment"),
    )
    return issued


# -- pupil: use a code -------------------------------------------------------------------

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})


def _free_username(pupil: User) -> str:
    """firstname.lastname in ASCII, with a number appended when taken (e.g. mia.becker2)."""
    name = f"{pupil.first_name}.{pupil.last_name}".lower().translate(_TRANSLITERATION)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = "".join(ch for ch in ascii_name if ch.isalnum() or ch == ".").strip(".")[:70]
    base = base or f"schueler{pupil.id}"
    taken = set(db.session.scalars(select(User.username).where(User.username.like(f"{base}%"))))
    return next(c for c in (base, *(f"{base}{n}" for n in range(2, 10_000))) if c not in taken)


def _refused(reason: str, **context) -> Unauthorized:
    security_log.warning(
        "enrolment refused: %s",
        reason,
        extra={"event": "enrolment.refused", "reason": reason, **context},
    )
    return Unauthorized(CODE_INVALID)


def enrol(code: str, display_name: str, password: str | None = None) -> User:
    """Use a code: it is spent, the pupil is logged in, display name (and password) are set."""
    row = db.session.execute(
        select(EnrolmentCode.id, EnrolmentCode.pupil_id, EnrolmentCode.purpose).where(
            EnrolmentCode.code_hash == code_hash(code)
        )
    ).first()
    if row is None:
        raise _refused("unknown code")
    spent = db.session.execute(
        update(EnrolmentCode)
        .where(
            EnrolmentCode.id == row.id,
            EnrolmentCode.used_at.is_(None),
            EnrolmentCode.revoked_at.is_(None),
            EnrolmentCode.expires_at > clock.now(),
        )
        .values(used_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise _refused("code used, revoked or expired", code_id=row.id)
    pupil = db.session.get(User, row.pupil_id)
    if pupil is None or not pupil.active or pupil.role != "pupil":
        raise _refused("account inactive", code_id=row.id)
    if row.purpose == FIRST_LOGIN and ids_with_login([pupil.id]):
        # A first-login code never takes over an account that has a login meanwhile.
        raise _refused("pupil can log in already", code_id=row.id)
    pupil.display_name = display_name.strip()
    if password:
        pupil.password_hash = hash_password(password)
        if not pupil.username:  # a password needs a name to log in with
            pupil.username = _free_username(pupil)
    start_session(pupil, "enrolment")
    security_log.info("pupil enrolled", extra={"event": "enrolment.used", "user_id": pupil.id})
    return pupil
