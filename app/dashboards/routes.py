"""Read-side routes: the pupil's overview, the class progress matrix, supply vs. demand of
internship places and of Ausbildungsplätze.

The leaver views (cohort, summary, exports, Kommune aggregate) are in `routes_leavers`.
"""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.dashboards import class_progress as progress
from app.dashboards import overview, supply_demand, todo, vacancy_supply
from app.dashboards.schemas import ClassProgressSchema, SupplyDemandSchema, VacancySupplySchema
from app.dashboards.schemas_overview import PupilOverviewSchema, StaffTodoSchema
from app.internships import scopes
from app.schools import scopes as school_scopes

blp = Blueprint(
    "dashboards",
    __name__,
    url_prefix="/api/v1",
    description="Read side: the pupil's overview, class progress matrix, supply vs. demand",
)


@blp.route("/me/overview", methods=["GET"])
@access(allow("Only the pupil: their own home screen", pupil=everywhere))
@blp.response(200, PupilOverviewSchema)
@problems(blp, 401, 403)
def my_overview():
    """Where I stand (questionnaire, Mein Weg, BFE days, bookings) and my next steps."""
    return overview.pupil_overview(current_user)


@blp.route("/me/todo", methods=["GET"])
@access(
    allow(
        "Class teachers (the classes taught now) and the StuBO (the school): counts only",
        teacher=everywhere,
        stubo=everywhere,
    )
)
@blp.response(200, StaffTodoSchema)
@problems(blp, 401, 403)
def my_todo():
    """What waits for me: booking requests, Anschluss reports, overdue agreements per class."""
    return todo.staff_todo(current_user)


@blp.route("/classes/<int:class_id>/progress", methods=["GET"])
@access(
    allow(
        "The class teacher and the school's StuBO (statuses only; audited)",
        teacher=school_scopes.class_taught,
        stubo=school_scopes.class_in_own_school,
    )
)
@blp.response(200, ClassProgressSchema)
def class_progress(class_id: int):
    """Progress matrix: pupils × KAoA steps of the class's Jahrgang, with counts per step."""
    return progress.class_progress(current_user, class_id)


@blp.route("/kommunen/<int:kommune_id>/supply-demand", methods=["GET"])
@access(
    allow(
        "The Kommune coordinator recruits providers where places are missing",
        kommune_coordinator=scopes.kommune_is_own,
        admin=scopes.kommune_exists,
    )
)
@blp.response(200, SupplyDemandSchema)
@problems(blp, 401, 403, 404)
def kommune_supply_demand(kommune_id: int):
    """BFE places offered vs. pupils who still need BFE days, per Berufsfeld."""
    return supply_demand.supply_demand(kommune_id=kommune_id)


@blp.route("/schools/<int:school_id>/supply-demand", methods=["GET"])
@access(
    allow(
        "The StuBO sees the own school, the Kommune coordinator the Kommune's schools",
        stubo=school_scopes.school_is_own,
        kommune_coordinator=school_scopes.school_in_own_kommune,
        admin=school_scopes.school_exists,
    )
)
@blp.response(200, SupplyDemandSchema)
@problems(blp, 401, 403, 404)
def school_supply_demand(school_id: int):
    """Supply vs. demand for a school's pupils (places of the school's Kommune)."""
    return supply_demand.supply_demand(
        kommune_id=supply_demand.kommune_of_school(school_id),
        school_id=school_id,
        mask=current_user.role != "stubo",
    )


@blp.route("/kommunen/<int:kommune_id>/vacancy-supply", methods=["GET"])
@access(
    allow(
        "The Kommune coordinator compares Ausbildungsplätze with unplaced youths (masked)",
        kommune_coordinator=scopes.kommune_is_own,
        admin=scopes.kommune_exists,
    )
)
@blp.response(200, VacancySupplySchema)
def kommune_vacancy_supply(kommune_id: int):
    """Ausbildungsplätze vs. unplaced youths per Berufsfeld (small counts masked)."""
    return vacancy_supply.vacancy_supply(kommune_id)
