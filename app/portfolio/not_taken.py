"""Staff record "nicht teilgenommen" on a pupil's KAoA step, with the reason.

The step then counts as resolved (no longer missing) in progress, the matrix and the leavers'
missing steps, and the KAoA export sends the catalogue's "nicht teilgenommen" Zusatzmerkmal.
The pupil sees the status and the reason on the step; a step the pupil did cannot be marked.
"""

from __future__ import annotations

from sqlalchemy import select

from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.portfolio import effective, plan
from app.portfolio.models import PortfolioStep
from app.portfolio.services import _insert_ignoring_duplicates, element_texts, step_view, where


def element_of(code: str) -> str:
    """'SBO_6_1', 'SBO 6.1' and '6.1' → 'SBO 6.1'."""
    text = code.strip().upper().replace("_", " ").removeprefix("SBO").strip().replace(" ", ".")
    return f"SBO {text}"


def _planned_step(element: str, sequence: int, here: effective.Pupil, jahrgang: str | None):
    """The step of the pupil's plan: in the given Jahrgang, else the latest one of the pupil's
    stage up to the current Jahrgang whose plan has the element."""
    track = plan.track_of(here.jahrgang)
    years = [jahrgang] if jahrgang else list(reversed(track[: track.index(here.jahrgang) + 1]))
    for year in years:
        for step in plan.steps_for(year, here.profile):
            if step.sbo_kuerzel == element and step.sequence == sequence:
                return step
    raise Invalid("step-not-in-plan", field="code", element=element)


def record(actor, pupil_id: int, code: str, data: dict) -> dict:
    here = where(pupil_id)
    element = element_of(code)
    planned = _planned_step(element, data.get("sequence", 1), here, data.get("jahrgang"))
    key = (planned.jahrgang, planned.sbo_kuerzel, planned.sequence)
    now = clock.now()
    _insert_ignoring_duplicates(
        [
            {
                "pupil_id": pupil_id,
                "jahrgang": key[0],
                "sbo_kuerzel": key[1],
                "sequence": key[2],
                "status": "open",
                "provider": "",
                "reflection": "",
                "not_taken_reason": "",
                "created_at": now,
                "updated_at": now,
            }
        ]
    )
    step = db.session.scalar(
        select(PortfolioStep).where(
            PortfolioStep.pupil_id == pupil_id,
            PortfolioStep.jahrgang == key[0],
            PortfolioStep.sbo_kuerzel == key[1],
            PortfolioStep.sequence == key[2],
        )
    )
    effective_status = next(
        s.status for s in effective.for_pupils([pupil_id])[pupil_id] if s.key == key
    )
    if effective_status == "done":
        raise Conflict("step-already-done", field="code")
    step.status = "not_taken"
    step.not_taken_reason = data["reason"].strip()
    step.not_taken_by = actor.id
    step.updated_at = now
    db.session.flush()
    audit.record(
        actor,
        "update",
        "portfolio_step_not_taken",
        [pupil_id],
        audit.Purpose.CAREER_GUIDANCE,
        categories=("portfolio_status",),
    )
    return step_view(step, element_texts({element}), set(), planned.mandatory)
