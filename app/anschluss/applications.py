"""Bewerbungen of a leaver: add, change, confirm, withdraw — and the status derived from them.

The leaver's Anschluss status is not typed twice: once a record has applications, `derive`
sets geplant / beworben / zugesagt (or nokean when every application failed) and the option
from them. An acceptance counts as secured only when staff confirmed it (what a pupil enters
alone is their report); the chosen application is the Anschluss, a secured fallback place
holds while the pupil still applies.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import record, reference, status
from app.anschluss.derivation import derive
from app.anschluss.models import Anschluss, Application
from app.catalog.models import AnschlussOption
from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.schools.models import School

# Fields a pupil may change; staff may also confirm. A pupil's change needs confirming again.
EDITABLE = (
    "target_kind",
    "target_school_id",
    "target_name",
    "option_code",
    "status",
    "applied_on",
    "decided_on",
    "starts_on",
    "is_chosen",
    "is_fallback",
)
CATEGORIES = ("anschluss", "applications")


# -- reading ------------------------------------------------------------------------------


def _fits(option_code, certificate, options: dict) -> bool | None:
    """Does the option fit the certificate (the 37 × 13 rule)? None when either is unknown."""
    option = options.get(option_code)
    if option is None or certificate is None:
        return None
    return reference.option_fits(option, certificate)


def options_by_code() -> dict[str, AnschlussOption]:
    return {option.kuerzel: option for option in db.session.scalars(select(AnschlussOption))}


def view(application: Application, school_name, certificate, options) -> dict:
    return {
        "id": application.id,
        "pupil_id": application.pupil_id,
        "target_kind": application.target_kind,
        "target_school_id": application.target_school_id,
        "target_school_name": school_name,
        "target_name": application.target_name,
        "option_code": application.option_code,
        "status": application.status,
        "applied_on": application.applied_on,
        "decided_on": application.decided_on,
        "starts_on": application.starts_on,
        "is_chosen": application.is_chosen,
        "is_fallback": application.is_fallback,
        "source": application.source,
        "confirmed": application.confirmed_at is not None,
        "confirmed_at": application.confirmed_at,
        "arrival": application.arrival,
        "certificate_fit": _fits(application.option_code, certificate, options),
        "created_at": application.created_at,
        "updated_at": application.updated_at,
    }


def _certificate(anschluss: Anschluss | None) -> str | None:
    if anschluss is None:
        return None
    return anschluss.achieved_certificate or anschluss.expected_certificate


def applications_of(pupil_id: int) -> dict:
    """The record's applications with target names and certificate fit: three statements."""
    year, anschluss = record.find_record(pupil_id)
    if year is None:
        return {"school_year": None, "closed": False, "items": []}
    rows = db.session.execute(
        select(Application, School.name)
        .outerjoin(School, School.id == Application.target_school_id)
        .where(Application.pupil_id == pupil_id, Application.school_year_id == year.id)
        .order_by(Application.created_at, Application.id)
    ).all()
    certificate, options = _certificate(anschluss), options_by_code()
    return {
        "school_year": year.label,
        "closed": bool(anschluss and anschluss.closed_at),
        "items": [view(a, name, certificate, options) for a, name in rows],
    }


def list_for_staff(user, pupil_id: int) -> dict:
    audit.record(
        user, "read", "applications", [pupil_id], audit.Purpose.CAREER_GUIDANCE, CATEGORIES
    )
    return applications_of(pupil_id)


def target_schools(user) -> list[dict]:
    """The schools of the user's Kommune (its Berufskollegs first), one statement."""
    kommune_id = user.kommune_id
    if kommune_id is None and user.school_id is not None:
        kommune_id = db.session.get(School, user.school_id).kommune_id
    if kommune_id is None:
        return []
    schools = db.session.scalars(
        select(School)
        .where(School.kommune_id == kommune_id)
        .order_by((School.schulform == "BK").desc(), School.name, School.id)
    )
    return [{"id": s.id, "name": s.name, "is_berufskolleg": s.is_berufskolleg} for s in schools]


# -- writing ------------------------------------------------------------------------------


def _open_record(pupil_id: int):
    year = record.record_year(pupil_id, create=True)
    anschluss = status.find(pupil_id, year.id)
    record.ensure_open(anschluss)
    return year, anschluss


def _check_target(data: dict) -> None:
    kind = data.get("target_kind")
    if kind == "school":
        school_id = data.get("target_school_id")
        if school_id is None or db.session.get(School, school_id) is None:
            raise Invalid("application-unknown-school", field="target_school_id")
        data["target_name"] = data.get("target_name") or ""
    elif kind is not None:
        data["target_school_id"] = None
        if not (data.get("target_name") or "").strip():
            raise Invalid("application-target-name-missing", field="target_name")


def _check_option(data: dict, anschluss: Anschluss | None) -> None:
    if "option_code" not in data:
        return
    option = reference.require_option(data["option_code"])
    if option is not None and option.kuerzel in reference.NO_ANSCHLUSS_OPTIONS:
        raise Invalid("application-option-is-no-anschluss", field="option_code")
    achieved = anschluss.achieved_certificate if anschluss else None
    if option is not None and achieved and not reference.option_fits(option, achieved):
        raise Invalid("application-option-not-open", field="option_code")


def _apply(application: Application, data: dict, actor) -> None:
    if data.get("is_chosen"):
        application.is_fallback = False
        for other in db.session.scalars(
            select(Application).where(
                Application.pupil_id == application.pupil_id,
                Application.school_year_id == application.school_year_id,
                Application.is_chosen,
                Application.id != (application.id or 0),
            )
        ):
            other.is_chosen = False
        db.session.flush()  # free the one-chosen index before this row takes it
    for name in EDITABLE:
        if name in data:
            setattr(application, name, data[name])
    if application.is_chosen and application.is_fallback:
        raise Invalid("application-chosen-and-fallback", field="is_fallback")
    staff = actor.role != "pupil"
    if staff and data.get("confirmed", True):
        application.confirmed_at = application.confirmed_at or clock.now()
    elif not staff or data.get("confirmed") is False:
        application.confirmed_at = None
    application.updated_at = clock.now()


def create(actor, pupil_id: int, data: dict, source: str | None = None) -> dict:
    year, anschluss = _open_record(pupil_id)
    data = dict(data)
    _check_target(data)
    _check_option(data, anschluss)
    application = Application(
        pupil_id=pupil_id,
        school_year_id=year.id,
        source=source or ("pupil" if actor.role == "pupil" else "staff"),
        external_ref=data.pop("external_ref", None),
    )
    _apply(application, data, actor)
    db.session.add(application)
    db.session.flush()
    derive(actor, pupil_id, year.id)
    return _one(application)


def update(actor, application_id: int, data: dict) -> dict:
    application = db.session.get(Application, application_id)
    anschluss = status.find(application.pupil_id, application.school_year_id)
    record.ensure_open(anschluss)
    data = dict(data)
    if "target_kind" in data or "target_school_id" in data or "target_name" in data:
        merged = {
            "target_kind": application.target_kind,
            "target_school_id": application.target_school_id,
            "target_name": application.target_name,
            **data,
        }
        _check_target(merged)
        data.update({k: merged[k] for k in ("target_kind", "target_school_id", "target_name")})
    _check_option(data, anschluss)
    _apply(application, data, actor)
    db.session.flush()
    derive(actor, application.pupil_id, application.school_year_id)
    return _one(application)


def delete(actor, application_id: int) -> None:
    application = db.session.get(Application, application_id)
    record.ensure_open(status.find(application.pupil_id, application.school_year_id))
    if actor.role == "pupil" and application.confirmed_at is not None:
        raise Conflict("application-confirmed")
    pupil_id, year_id = application.pupil_id, application.school_year_id
    db.session.delete(application)
    db.session.flush()
    derive(actor, pupil_id, year_id)


def _one(application: Application) -> dict:
    school = (
        db.session.get(School, application.target_school_id)
        if application.target_school_id
        else None
    )
    anschluss = status.find(application.pupil_id, application.school_year_id)
    return view(
        application, school.name if school else None, _certificate(anschluss), options_by_code()
    )
