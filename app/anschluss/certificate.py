"""The achieved leaving certificate, recorded at the end of the school year beside the expected one.

From then on it decides which Anschluss options are open (the SVWS validation of 37 options ×
13 certificate keys, docs/domain.md §3): the Anschluss and every live application whose option
no longer fits are returned as mismatches and signalled, so that the class teacher and the
StuBO hear of them (events.certificate_mismatch; app/transition/hooks.py). The statutory
transfer names the achieved certificate when it exists (§ 31a Abs. 1 Nr. 7 SGB III).
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import applications, derivation, events, record, reference, status
from app.anschluss.models import Anschluss, Application
from app.core import audit, clock
from app.extensions import db


def mismatches(anschluss: Anschluss) -> list[dict]:
    """What no longer fits the achieved certificate: the Anschluss option, live applications."""
    certificate = anschluss.achieved_certificate
    if certificate is None:
        return []
    options = applications.options_by_code()
    found = []
    current = options.get(anschluss.option_code)
    if (
        current is not None
        and current.kuerzel not in reference.NO_ANSCHLUSS_OPTIONS
        and not reference.option_fits(current, certificate)
    ):
        found.append({"kind": "anschluss", "id": anschluss.id, "option_code": current.kuerzel})
    for application in db.session.scalars(
        select(Application)
        .where(
            Application.pupil_id == anschluss.pupil_id,
            Application.school_year_id == anschluss.school_year_id,
            Application.status.in_(derivation.LIVE_STATUSES),
        )
        .order_by(Application.id)
    ):
        option = options.get(application.option_code)
        if option is not None and not reference.option_fits(option, certificate):
            found.append(
                {"kind": "application", "id": application.id, "option_code": option.kuerzel}
            )
    return found


def set_achieved(actor, pupil_id: int, data: dict) -> dict:
    """Record (or clear) the achieved certificate; answer with the mismatches it causes."""
    year = record.record_year(pupil_id, create=True)
    anschluss = status.find(pupil_id, year.id)
    record.ensure_open(anschluss)
    certificate = reference.require_certificate(data.get("certificate"), field="certificate")
    if anschluss is None:
        anschluss = Anschluss(pupil_id=pupil_id, school_year_id=year.id, lock_version=0)
        db.session.add(anschluss)
    changed = anschluss.achieved_certificate != certificate
    anschluss.achieved_certificate = certificate
    if changed:
        anschluss.lock_version = (anschluss.lock_version or 0) + 1
        anschluss.updated_at = clock.now()
        anschluss.updated_by_id = actor.id
    db.session.flush()
    found = mismatches(anschluss)
    if changed and found:
        events.certificate_mismatch.send(anschluss, actor=actor, mismatches=found)
    audit.record(
        actor,
        "update",
        "achieved_certificate",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        ("anschluss",),
    )
    return {
        "anschluss": status.view(pupil_id, anschluss, year),
        "mismatches": found,
    }
