"""The pupil's own declaration of their plan during an identification round.

During a round the pupils of the identification list are asked in the app for their current
plan (the law obliges them to answer, SchülerDÜG NRW); the answer goes to the class teacher to
confirm (notice via `events.plan_declared`), and its date counts for the round (the round's
snapshot shows it). A declaration outside a round is refused: there is no question to answer.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import reference
from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import School
from app.verantwortungskette import events, rounds
from app.verantwortungskette.identification import population_query
from app.verantwortungskette.round_models import PLANS, PlanDeclaration


def open_round(pupil: User):
    """The round of the pupil's Kommune running today, if any."""
    if pupil.school_id is None:
        return None
    today = reference.today()
    school = db.session.get(School, pupil.school_id)
    running = [
        r for r in rounds.list_rounds(school.kommune_id) if r.starts_on <= today <= r.ends_on
    ]
    return running[0] if running else None


def _is_listed(pupil: User, year_id: int) -> bool:
    """Is the pupil on the school's identification list (a leaver without secured Anschluss)?"""
    query = population_query(year_id, school_id=pupil.school_id).where(User.id == pupil.id)
    return db.session.execute(query.limit(1)).first() is not None


def _declarations(pupil_id: int) -> list[PlanDeclaration]:
    return list(
        db.session.scalars(
            select(PlanDeclaration)
            .where(PlanDeclaration.pupil_id == pupil_id)
            .order_by(PlanDeclaration.declared_at.desc(), PlanDeclaration.id.desc())
        )
    )


def mine(pupil: User) -> dict:
    identification_round = open_round(pupil)
    asked = identification_round is not None and _is_listed(
        pupil, identification_round.school_year_id
    )
    declarations = _declarations(pupil.id)
    answered = asked and any(
        d.identification_round_id == identification_round.id for d in declarations
    )
    return {
        "round": identification_round if asked else None,
        "asked": asked,
        "answered": answered,
        "plans": list(PLANS),
        "declarations": declarations,
    }


def declare(pupil: User, data: dict) -> PlanDeclaration:
    identification_round = open_round(pupil)
    if identification_round is None or not _is_listed(pupil, identification_round.school_year_id):
        raise Invalid("no-open-round", field="plan")
    declaration = PlanDeclaration(
        pupil_id=pupil.id,
        identification_round_id=identification_round.id,
        plan=data["plan"],
        secured=data.get("secured", False),
        note=data.get("note", ""),
        declared_at=clock.now(),
    )
    db.session.add(declaration)
    db.session.flush()
    events.plan_declared.send(declaration, pupil=pupil)
    return declaration


def confirm(actor, declaration_id: int) -> PlanDeclaration:
    """The class teacher (or StuBO) confirms the answer; confirming again changes nothing."""
    declaration = db.session.get(PlanDeclaration, declaration_id)
    if declaration.confirmed_at is None:
        declaration.confirmed_at = clock.now()
        declaration.confirmed_by_id = actor.id
        db.session.flush()
    audit.record(
        actor,
        "update",
        "plan_declaration",
        [declaration.pupil_id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("anschluss",),
    )
    return declaration
