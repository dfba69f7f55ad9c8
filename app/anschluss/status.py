"""The Anschluss of one pupil: read, change with validation, and its history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.anschluss import events, record, reference
from app.anschluss.models import Anschluss, AnschlussChange, Application
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.schools.models import SchoolYear

# Which status may follow which. Skipping forward is allowed (an admission can arrive without a
# separate application step); going back one step covers a withdrawn offer or a rejection.
TRANSITIONS: dict[str, set[str]] = {
    "offen": {"geplant", "beworben", "zugesagt", "nokean", "unbe"},
    "geplant": {"offen", "beworben", "zugesagt", "nokean", "unbe"},
    "beworben": {"geplant", "zugesagt", "nokean", "unbe"},
    "zugesagt": {"geplant", "beworben", "angetreten", "nokean", "unbe"},
    "angetreten": {"nokean", "unbe"},
    "nokean": {"geplant", "beworben", "zugesagt", "unbe"},
    "unbe": {"nokean", "geplant", "beworben", "zugesagt", "angetreten"},
}
# Explicit "no Anschluss" states carry the option code of the same meaning.
STATUS_OPTIONS = {"nokean": ("NOKEAN",), "unbe": ("UNBE", "ABSENZ")}
FIELDS = ("expected_certificate", "option_code", "status", "evidence")
# Statuses the applications decide once a leaver has any (derivation.derive): not typed twice.
DERIVED_STATUSES = ("offen", "geplant", "beworben", "zugesagt")
# The closing status each staff closing reason needs.
CLOSING_STATUSES = {
    "start_confirmed": ("angetreten",),
    "handed_to_verantwortungskette": ("nokean", "unbe"),
    "moved_away": ("unbe",),
    "unreachable": ("unbe",),
}


def find(pupil_id: int, school_year_id: int | None) -> Anschluss | None:
    if school_year_id is None:
        return None
    return db.session.scalar(
        select(Anschluss).where(
            Anschluss.pupil_id == pupil_id, Anschluss.school_year_id == school_year_id
        )
    )


def view(pupil_id: int, anschluss: Anschluss | None, school_year) -> dict:
    """The output shape; a pupil without a row yet is `offen`."""
    if anschluss is None:
        return {
            "pupil_id": pupil_id,
            "school_year": school_year.label if school_year else None,
            "status": "offen",
            "option_code": None,
            "expected_certificate": None,
            "evidence": None,
            "lock_version": 0,
            "updated_at": None,
            "secured": False,
            "achieved_certificate": None,
            "closed_at": None,
            "closed_reason": None,
        }
    return {
        "pupil_id": pupil_id,
        "school_year": school_year.label if school_year else None,
        "status": anschluss.status,
        "option_code": anschluss.option_code,
        "expected_certificate": anschluss.expected_certificate,
        "evidence": anschluss.evidence,
        "lock_version": anschluss.lock_version,
        "updated_at": anschluss.updated_at,
        "secured": anschluss.status in ("zugesagt", "angetreten"),
        "achieved_certificate": anschluss.achieved_certificate,
        "closed_at": anschluss.closed_at,
        "closed_reason": anschluss.closed_reason,
    }


def get_for_staff(user, pupil_id: int) -> dict:
    year, anschluss = record.find_record(pupil_id)
    audit.record(
        user,
        "read",
        "anschluss",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("identity", "anschluss"),
    )
    pupil = db.session.get(User, pupil_id)
    return {
        **view(pupil_id, anschluss, year),
        "first_name": pupil.first_name,
        "last_name": pupil.last_name,
    }


def _check_option(status: str, option_code: str | None, certificate: str | None) -> str | None:
    """Validate option against status and certificate; returns the option code to store."""
    option = reference.require_option(option_code)
    if status in STATUS_OPTIONS:
        allowed = STATUS_OPTIONS[status]
        if option is None:
            return reference.require_option(allowed[0]).kuerzel
        if option.kuerzel not in allowed:
            expected = reference.require_option(allowed[0]).text
            raise Invalid("status-requires-option", field="option_code", option=expected)
        return option.kuerzel
    if status == "offen":
        if option is not None:
            raise Invalid("open-status-without-option", field="option_code")
        return None
    if option is None:
        raise Invalid("status-needs-option", field="option_code")
    if option.kuerzel in reference.NO_ANSCHLUSS_OPTIONS:
        raise Invalid("option-is-no-anschluss", field="option_code", option=option.text)
    if certificate is None:
        raise Invalid("certificate-needed", field="expected_certificate")
    if not reference.option_fits(option, certificate):
        raise Invalid(
            "option-not-open-with-certificate",
            field="option_code",
            option=option.text,
            certificate=reference.certificate_text(certificate),
        )
    return option.kuerzel


def _check_transition(old: str, new: str) -> None:
    if old != new and new not in TRANSITIONS[old]:
        raise Invalid("status-change-not-allowed", field="status")


def apply_change(actor, pupil_id: int, data: dict, source: str = "staff") -> Anschluss:
    """Validate and store a change of the pupil's Anschluss record (record.py: the leaving
    cohort's school year); a closed record refuses every change."""
    year = record.record_year(pupil_id, create=True)
    anschluss = find(pupil_id, year.id)
    record.ensure_open(anschluss)
    expected_lock = data.get("lock_version")
    current_lock = anschluss.lock_version if anschluss else 0
    if expected_lock is not None and expected_lock != current_lock:
        raise Conflict("anschluss-changed-meanwhile", field="lock_version")
    certificate = reference.require_certificate(data.get("expected_certificate"))
    status = data["status"]
    # Once the achieved certificate is known, it decides which options are open.
    achieved = anschluss.achieved_certificate if anschluss else None
    option_code = _check_option(status, data.get("option_code"), achieved or certificate)
    old = snapshot(anschluss)
    _check_transition(old["status"], status)
    if source != "applications" and status != old["status"]:
        _check_not_derived(pupil_id, year.id, status)
    close_reason = data.get("close_reason")
    _check_close(status, close_reason)
    new = {
        "expected_certificate": certificate,
        "option_code": option_code,
        "status": status,
        "evidence": data.get("evidence"),
    }
    if anschluss is not None and new == old and not close_reason:
        return anschluss
    anschluss = store(actor, pupil_id, year.id, anschluss, new, source)
    if close_reason:
        record.close(anschluss, close_reason, actor.id)
        db.session.flush()
    return anschluss


def snapshot(anschluss: Anschluss | None) -> dict:
    old = {f: getattr(anschluss, f) if anschluss else None for f in FIELDS}
    old["status"] = old["status"] or "offen"
    return old


def store(actor, pupil_id: int, year_id: int, anschluss, new: dict, source: str) -> Anschluss:
    """Write the new values with history and tell whoever follows the record (events.py)."""
    old = snapshot(anschluss)
    if anschluss is None:
        anschluss = Anschluss(pupil_id=pupil_id, school_year_id=year_id, lock_version=0)
        db.session.add(anschluss)
    for name, value in new.items():
        setattr(anschluss, name, value)
    anschluss.lock_version = (anschluss.lock_version or 0) + 1
    anschluss.updated_at = clock.now()
    anschluss.updated_by_id = actor.id if actor else None
    db.session.flush()
    _record_history(actor, anschluss, old, {**old, **new}, source)
    events.anschluss_changed.send(anschluss, actor=actor, source=source, old=old)
    return anschluss


def _check_not_derived(pupil_id: int, year_id: int, status: str) -> None:
    if status not in DERIVED_STATUSES:
        return
    has_applications = db.session.scalar(
        select(Application.id)
        .where(Application.pupil_id == pupil_id, Application.school_year_id == year_id)
        .limit(1)
    )
    if has_applications is not None:
        raise Invalid("anschluss-status-from-applications", field="status")


def _check_close(status: str, reason: str | None) -> None:
    if reason is not None and status not in CLOSING_STATUSES[reason]:
        raise Invalid("anschluss-close-needs-status", field="close_reason")


def _record_history(actor, anschluss: Anschluss, old: dict, new: dict, source: str) -> None:
    db.session.add(
        AnschlussChange(
            anschluss_id=anschluss.id,
            changed_by_id=actor.id if actor else None,
            changed_by_role=actor.role if actor else "system",
            source=source,
            from_status=old["status"],
            to_status=new["status"],
            from_option=old["option_code"],
            to_option=new["option_code"],
            from_certificate=old["expected_certificate"],
            to_certificate=new["expected_certificate"],
        )
    )
    db.session.flush()


def update_for_staff(user, pupil_id: int, data: dict) -> dict:
    anschluss = apply_change(user, pupil_id, data)
    audit.record(
        user, "update", "anschluss", [pupil_id], audit.Purpose.CAREER_GUIDANCE, ("anschluss",)
    )
    return view(pupil_id, anschluss, db.session.get(SchoolYear, anschluss.school_year_id))


def history(user, pupil_id: int) -> list[dict]:
    """Every change of the pupil's Anschluss (all school years), newest first, in one query."""
    actor = aliased(User)
    rows = db.session.execute(
        select(AnschlussChange, actor.first_name, actor.last_name)
        .join(Anschluss, Anschluss.id == AnschlussChange.anschluss_id)
        .outerjoin(actor, actor.id == AnschlussChange.changed_by_id)
        .where(Anschluss.pupil_id == pupil_id)
        .order_by(AnschlussChange.changed_at.desc(), AnschlussChange.id.desc())
    ).all()
    is_pupil = user.role == "pupil"
    if not is_pupil:
        audit.record(
            user,
            "read",
            "anschluss_history",
            [pupil_id],
            audit.Purpose.CAREER_GUIDANCE,
            ("anschluss",),
        )
    return [
        {
            "changed_at": change.changed_at,
            # Staff names are teacher data: the pupil sees the role only.
            "changed_by": None if is_pupil else (f"{first or ''} {last or ''}".strip() or None),
            "changed_by_role": change.changed_by_role,
            "source": change.source,
            "from_status": change.from_status,
            "to_status": change.to_status,
            "from_option": change.from_option,
            "to_option": change.to_option,
            "from_certificate": change.from_certificate,
            "to_certificate": change.to_certificate,
        }
        for change, first, last in rows
    ]
