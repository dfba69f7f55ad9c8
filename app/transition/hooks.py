"""Who hears of what happens to a leaver's record (connected in app/wiring.py).

- The coordinator of an open Verantwortungskette case hears when the leaving school changes the
  Anschluss (status or option), so that nobody chases a youth who is already placed.
- The class teacher of the leaving class and the school's StuBO hear when the achieved
  certificate no longer fits the Anschluss or an application.
- The class teacher hears when a pupil answered an identification round with their plan, to
  confirm it.
- The leaving school's StuBO (and, for a youth still obliged to attend school, the Kommune's
  coordination) hear of a no-show (`notify_no_show`, called by arrivals.py).
"""

from __future__ import annotations

from sqlalchemy import or_, select

from app.anschluss.models import Anschluss
from app.auth.models import User
from app.catalog.models import AnschlussOption, LeavingCertificate
from app.core import i18n
from app.extensions import db
from app.notifications.services import notify_each
from app.schools.models import School
from app.schools.teaching import current_class_teacher_ids
from app.verantwortungskette.cases import CLOSING_STATUSES
from app.verantwortungskette.models import WITHDRAWN, VkCase
from app.verantwortungskette.statutory_export import CERTIFICATE_PREFIXES


def status_labels(status: str) -> dict:
    return {
        f"status_{language}": i18n.text("fields", f"anschluss-status-{status}", language) or status
        for language in ("de", "en")
    }


def _coordinators_of(cases: list[VkCase]) -> dict[int, int]:
    """Coordinator user id → the case they receive (one statement for all cases)."""
    schools = {c.recipient_school_id: c.id for c in cases if c.recipient_kind == "berufskolleg"}
    kommunen = {c.recipient_kommune_id: c.id for c in cases if c.recipient_kind == "kommune"}
    users = db.session.scalars(
        select(User).where(
            User.active.is_(True),
            or_(
                (User.role == "bk_coordinator") & User.school_id.in_(list(schools) or [0]),
                (User.role == "kommune_coordinator") & User.kommune_id.in_(list(kommunen) or [0]),
            ),
        )
    )
    return {
        u.id: schools[u.school_id] if u.role == "bk_coordinator" else kommunen[u.kommune_id]
        for u in users
    }


def on_anschluss_changed(anschluss: Anschluss, *, actor, source: str, old: dict) -> None:
    if (anschluss.status, anschluss.option_code) == (old["status"], old["option_code"]):
        return
    cases = list(
        db.session.scalars(
            select(VkCase).where(
                VkCase.pupil_id == anschluss.pupil_id,
                VkCase.status.not_in((*CLOSING_STATUSES, WITHDRAWN)),
            )
        )
    )
    if not cases:
        return
    data = {
        "pupil_id": anschluss.pupil_id,
        "option": option_text(anschluss.option_code),
        **status_labels(anschluss.status),
    }
    recipients = _coordinators_of(cases)
    notify_each(
        "vk_case_anschluss_changed",
        {user_id: {**data, "case_id": case_id} for user_id, case_id in recipients.items()},
    )


def staff_of_leaver(pupil_id: int) -> list[int]:
    """The leaver's class teachers now (the leaving class's for the grace period after
    31 July, schools/teaching.py) and the StuBOs of the school."""
    pupil = db.session.get(User, pupil_id)
    teachers = current_class_teacher_ids(pupil_id)
    stubos = db.session.scalars(
        select(User.id).where(
            User.role == "stubo", User.school_id == pupil.school_id, User.active.is_(True)
        )
    )
    return sorted({*teachers, *stubos})


def on_certificate_mismatch(anschluss: Anschluss, *, actor, mismatches: list[dict]) -> None:
    certificate = reference_text(anschluss.achieved_certificate)
    options = ", ".join(dict.fromkeys(option_text(m["option_code"]) for m in mismatches))
    data = {"pupil_id": anschluss.pupil_id, "certificate": certificate, "options": options}
    notify_each(
        "certificate_mismatch",
        {user_id: dict(data) for user_id in staff_of_leaver(anschluss.pupil_id)},
    )


def reference_text(certificate: str | None) -> str:
    """The certificate's name without the catalogue's "Anschlüsse bei einem …" prefix."""
    entry = db.session.get(LeavingCertificate, certificate) if certificate else None
    if entry is None:
        return "–"
    for prefix in CERTIFICATE_PREFIXES:
        if entry.text.startswith(prefix):
            return entry.text[len(prefix) :]
    return entry.text


def option_text(code: str | None) -> str:
    option = db.session.get(AnschlussOption, code) if code else None
    return option.text if option else "–"


def notify_no_show(pupil: User, receiving: School, case: VkCase | None) -> None:
    stubos = db.session.scalars(
        select(User.id).where(
            User.role == "stubo", User.school_id == pupil.school_id, User.active.is_(True)
        )
    )
    data = {"pupil_id": pupil.id, "school_name": receiving.name}
    notify_each("arrival_no_show", {user_id: dict(data) for user_id in stubos})
    if case is None:
        return
    coordinators = db.session.scalars(
        select(User.id).where(
            User.role == "kommune_coordinator",
            User.kommune_id == case.recipient_kommune_id,
            User.active.is_(True),
        )
    )
    notify_each(
        "schulpflicht_case_opened",
        {user_id: {**data, "case_id": case.id} for user_id in coordinators},
    )


def on_plan_declared(declaration, *, pupil: User) -> None:
    """The pupil answered a round: the class teachers (else the StuBOs) confirm the answer."""
    teachers = current_class_teacher_ids(pupil.id) or staff_of_leaver(pupil.id)
    plan = {
        f"plan_{language}": i18n.text("fields", f"plan-{declaration.plan}", language)
        for language in ("de", "en")
    }
    data = {"pupil_id": pupil.id, "declaration_id": declaration.id, **plan}
    notify_each("plan_declared", {user_id: dict(data) for user_id in teachers})


def connect() -> None:
    from app.anschluss import events
    from app.verantwortungskette import events as chain_events

    events.anschluss_changed.connect(on_anschluss_changed, weak=False)
    events.certificate_mismatch.connect(on_certificate_mismatch, weak=False)
    chain_events.plan_declared.connect(on_plan_declared, weak=False)
