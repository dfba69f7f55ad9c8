"""The Anschluss of one pupil: read, change with validation, and its history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.anschluss import reference
from app.anschluss.models import Anschluss, AnschlussChange
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db

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
    }


def get_for_staff(user, pupil_id: int) -> dict:
    year = reference.current_school_year()
    anschluss = find(pupil_id, year.id if year else None)
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
            raise Invalid(
                f"Status {status} requires option {' or '.join(allowed)}.",
                errors={"option_code": [f"With status {status} the option must be {allowed[0]}."]},
            )
        return option.kuerzel
    if status == "offen":
        if option is not None:
            raise Invalid(
                "An open Anschluss has no option yet.",
                errors={"option_code": ["Choose status 'geplant' once an option is planned."]},
            )
        return None
    if option is None:
        raise Invalid(
            f"Status {status} needs an Anschluss option.",
            errors={"option_code": ["Choose the planned Anschluss option."]},
        )
    if option.kuerzel in reference.NO_ANSCHLUSS_OPTIONS:
        raise Invalid(
            f"Option {option.kuerzel} is not an Anschluss for status {status}.",
            errors={"option_code": [f"Use status 'nokean' or 'unbe' for {option.kuerzel}."]},
        )
    if certificate is None:
        raise Invalid(
            "The expected leaving certificate is needed to check the option.",
            errors={"expected_certificate": ["Enter the expected leaving certificate."]},
        )
    if not reference.option_fits(option, certificate):
        raise Invalid(
            f"Option {option.kuerzel} is not open with certificate {certificate}.",
            errors={
                "option_code": [
                    f"{option.kuerzel} ({option.text}) is not possible with {certificate}."
                ]
            },
        )
    return option.kuerzel


def _check_transition(old: str, new: str) -> None:
    if old != new and new not in TRANSITIONS[old]:
        raise Invalid(
            f"The status cannot change from {old} to {new}.",
            errors={"status": [f"Not allowed after '{old}'."]},
        )


def apply_change(actor, pupil_id: int, data: dict, source: str = "staff") -> Anschluss:
    """Validate and store a change of the pupil's Anschluss in the current school year."""
    year = reference.current_school_year(create=True)
    anschluss = find(pupil_id, year.id)
    expected_lock = data.get("lock_version")
    current_lock = anschluss.lock_version if anschluss else 0
    if expected_lock is not None and expected_lock != current_lock:
        raise Conflict(
            "The Anschluss was changed by someone else meanwhile; reload and try again.",
            errors={"lock_version": [f"Current version is {current_lock}."]},
        )
    certificate = reference.require_certificate(data.get("expected_certificate"))
    status = data["status"]
    option_code = _check_option(status, data.get("option_code"), certificate)
    old = {f: getattr(anschluss, f) if anschluss else None for f in FIELDS}
    old["status"] = old["status"] or "offen"
    _check_transition(old["status"], status)
    new = {
        "expected_certificate": certificate,
        "option_code": option_code,
        "status": status,
        "evidence": data.get("evidence"),
    }
    if anschluss is not None and new == old:
        return anschluss
    if anschluss is None:
        anschluss = Anschluss(pupil_id=pupil_id, school_year_id=year.id, lock_version=0)
        db.session.add(anschluss)
    for name, value in new.items():
        setattr(anschluss, name, value)
    anschluss.lock_version = current_lock + 1
    anschluss.updated_at = clock.now()
    anschluss.updated_by_id = actor.id
    db.session.flush()
    _record_history(actor, anschluss, old, new, source)
    return anschluss


def _record_history(actor, anschluss: Anschluss, old: dict, new: dict, source: str) -> None:
    db.session.add(
        AnschlussChange(
            anschluss_id=anschluss.id,
            changed_by_id=actor.id,
            changed_by_role=actor.role,
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
    return view(pupil_id, anschluss, reference.current_school_year())


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
