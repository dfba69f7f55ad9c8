"""Anschlussvereinbarung: versioned agreements, pupil confirmation, next steps."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app.anschluss import reference, status
from app.anschluss.models import Anschlussvereinbarung, NextStep
from app.core import audit, clock
from app.core.errors import Conflict, Invalid, NotFound
from app.extensions import db


def step_view(step: NextStep, today) -> dict:
    return {
        "id": step.id,
        "description": step.description,
        "due_on": step.due_on,
        "owner": step.owner,
        "done": step.done_at is not None,
        "done_at": step.done_at,
        "overdue": step.done_at is None and step.due_on is not None and step.due_on < today,
    }


def agreement_view(agreement: Anschlussvereinbarung, today=None) -> dict:
    today = today or reference.today()
    return {
        "id": agreement.id,
        "pupil_id": agreement.pupil_id,
        "version": agreement.version,
        "is_current": agreement.is_current,
        "stufe": agreement.stufe,
        "wish_option": agreement.wish_option,
        "wish_text": agreement.wish_text,
        "alternatives": agreement.alternatives or [],
        "berufsfelder": agreement.berufsfelder or [],
        "contacts": agreement.contacts or [],
        "next_steps": [step_view(step, today) for step in agreement.next_steps],
        "created_at": agreement.created_at,
        "confirmed_at": agreement.confirmed_at,
        "guardian_confirmed_at": agreement.guardian_confirmed_at,
    }


def versions(pupil_id: int) -> list[Anschlussvereinbarung]:
    return list(
        db.session.scalars(
            select(Anschlussvereinbarung)
            .where(Anschlussvereinbarung.pupil_id == pupil_id)
            .options(selectinload(Anschlussvereinbarung.next_steps))
            .order_by(Anschlussvereinbarung.version.desc())
        )
    )


def list_for_staff(user, pupil_id: int) -> list[dict]:
    result = [agreement_view(a) for a in versions(pupil_id)]
    audit.record(
        user,
        "read",
        "anschlussvereinbarung",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("anschluss", "counselling"),
    )
    return result


def current(pupil_id: int) -> Anschlussvereinbarung | None:
    return db.session.scalar(
        select(Anschlussvereinbarung)
        .where(Anschlussvereinbarung.pupil_id == pupil_id, Anschlussvereinbarung.is_current)
        .options(selectinload(Anschlussvereinbarung.next_steps))
    )


def _check_options(pupil_id: int, data: dict) -> None:
    """Wish and alternatives must be real options, and fit the expected certificate if known."""
    year = reference.current_school_year()
    anschluss = status.find(pupil_id, year.id if year else None)
    certificate = anschluss.expected_certificate if anschluss else None
    checks = [("wish_option", data.get("wish_option"))] + [
        (f"alternatives.{i}.option_code", alt.get("option_code"))
        for i, alt in enumerate(data.get("alternatives", []))
    ]
    for field, code in checks:
        option = reference.require_option(code, field=field)
        if option and certificate and not reference.option_fits(option, certificate):
            raise Invalid(
                "option-not-open-with-certificate",
                field=field,
                option=option.text,
                certificate=reference.certificate_text(certificate),
            )


def create_version(user, pupil_id: int, data: dict) -> dict:
    """Store a new version; the previous one stays readable but is no longer current."""
    _check_options(pupil_id, data)
    berufsfelder = reference.require_berufsfelder(data.get("berufsfelder", []))
    year = reference.current_school_year(create=True)
    latest = db.session.scalar(
        select(func.max(Anschlussvereinbarung.version)).where(
            Anschlussvereinbarung.pupil_id == pupil_id
        )
    )
    db.session.execute(
        update(Anschlussvereinbarung)
        .where(Anschlussvereinbarung.pupil_id == pupil_id, Anschlussvereinbarung.is_current)
        .values(is_current=False)
    )
    agreement = Anschlussvereinbarung(
        pupil_id=pupil_id,
        school_year_id=year.id,
        version=(latest or 0) + 1,
        is_current=True,
        stufe=data["stufe"],
        wish_option=data.get("wish_option"),
        wish_text=data.get("wish_text", ""),
        alternatives=data.get("alternatives", []),
        berufsfelder=berufsfelder,
        contacts=data.get("contacts", []),
        created_by_id=user.id,
    )
    now = clock.now()
    for position, step in enumerate(data.get("next_steps", [])):
        agreement.next_steps.append(
            NextStep(
                pupil_id=pupil_id,
                position=position,
                description=step["description"],
                due_on=step.get("due_on"),
                owner=step["owner"],
                done_at=now if step.get("done") else None,
            )
        )
    db.session.add(agreement)
    db.session.flush()
    audit.record(
        user,
        "create",
        "anschlussvereinbarung",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("anschluss", "counselling"),
    )
    return agreement_view(agreement)


def confirm(pupil, vereinbarung_id: int) -> dict:
    """The pupil confirms the current version (the agreement belongs to the pupil)."""
    agreement = db.session.get(Anschlussvereinbarung, vereinbarung_id)
    if not agreement.is_current:
        raise Conflict("agreement-outdated")
    if agreement.confirmed_at is not None:
        raise Conflict("agreement-already-confirmed")
    agreement.confirmed_at = clock.now()
    db.session.flush()
    return agreement_view(agreement)


def confirm_by_guardian(pupil_id: int, vereinbarung_id: int) -> Anschlussvereinbarung:
    """The guardians confirm the pupil's current version through their link."""
    agreement = db.session.get(Anschlussvereinbarung, vereinbarung_id)
    if agreement is None or agreement.pupil_id != pupil_id:
        raise NotFound("agreement-not-found")
    if not agreement.is_current:
        raise Conflict("agreement-outdated")
    if agreement.guardian_confirmed_at is not None:
        raise Conflict("agreement-confirmed-by-guardian")
    agreement.guardian_confirmed_at = clock.now()
    db.session.flush()
    return agreement


def set_step_done(user, next_step_id: int, done: bool) -> dict:
    step = db.session.get(NextStep, next_step_id)
    if not step.agreement.is_current:
        raise Conflict("next-step-outdated")
    step.done_at = (step.done_at or clock.now()) if done else None
    db.session.flush()
    if user.role != "pupil":
        audit.record(
            user,
            "update",
            "anschluss_next_step",
            [step.pupil_id],
            audit.Purpose.CAREER_GUIDANCE,
            ("counselling",),
        )
    return step_view(step, reference.today())
