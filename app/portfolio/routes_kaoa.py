"""Routes of the KAoA plan (per school form, Jahrgang and target group) and of staff
recording "nicht teilgenommen" on a pupil's step."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, authenticated
from app.extensions import db
from app.portfolio import not_taken, plan_view
from app.portfolio.schemas import (
    KaoaPlanQuerySchema,
    KaoaPlanSchema,
    NotTakenInputSchema,
    PortfolioStepSchema,
)
from app.schools import scopes
from app.schools.models import Kommune, School

blp = Blueprint(
    "kaoa_plan",
    __name__,
    url_prefix="/api/v1",
    description="The KAoA plan per school form, Jahrgang and target group; not taken part",
)


def _kommune_of(user) -> Kommune | None:
    if user.kommune_id:
        return db.session.get(Kommune, user.kommune_id)
    school = db.session.get(School, user.school_id) if user.school_id else None
    return school.kommune if school else None


@blp.route("/kaoa/plan", methods=["GET"])
@access(authenticated("The KAoA plan is public reference knowledge for every signed-in user"))
@blp.arguments(KaoaPlanQuerySchema, location="query")
@blp.response(200, KaoaPlanSchema)
@problems(blp, (422, "The school form has no such Jahrgang (kaoa-plan-not-offered)"))
def get_plan(query: dict):
    """The standard elements of a Jahrgang, each mandatory or optional, for a school form and
    target group; with the mandatory steps of earlier Jahrgänge still due."""
    return plan_view.plan_for(query, _kommune_of(current_user))


@blp.route("/pupils/<int:pupil_id>/steps/<code>/not-taken", methods=["PUT"])
@access(
    allow(
        "The class teacher, the school's StuBO and admins keep the KAoA record",
        teacher=scopes.pupil_in_taught_class,
        stubo=scopes.pupil_in_own_school,
        admin=scopes.pupil_exists,
    )
)
@blp.arguments(NotTakenInputSchema)
@blp.response(200, PortfolioStepSchema)
@problems(
    blp,
    (409, "The pupil did the step (step-already-done)"),
    (422, "The element is not in the pupil's plan (step-not-in-plan)"),
)
def put_not_taken(data: dict, pupil_id: int, code: str):
    """Record "nicht teilgenommen" with the reason on a step of the pupil's plan (code e.g.
    SBO_6_1); it counts as resolved and is exported as not taken part."""
    return not_taken.record(current_user, pupil_id, code, data)
