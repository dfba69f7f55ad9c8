"""Routes of the transition: incoming pupils and arrivals (Berufskolleg), Schulpflicht, no-show
alerts (StuBO, Kommune), the Schulpflicht handover and the StuBO's leaving-cohort view."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.anschluss import scopes as anschluss_scopes
from app.auth.models import User
from app.core.api import problems
from app.core.policy import access, allow
from app.extensions import db
from app.schools import scopes
from app.schools.models import School
from app.transition import alerts, arrivals, cohort, incoming, transfers
from app.transition import scopes as transition_scopes
from app.transition.schemas import (
    AlertQuerySchema,
    AlertSchema,
    ArrivalsInputSchema,
    ArrivalsResultSchema,
    CohortPageSchema,
    CohortQuerySchema,
    IncomingPageSchema,
    IncomingQuerySchema,
    SchoolTransferInputSchema,
    SchoolTransferSchema,
    SchulpflichtSchema,
)

blp = Blueprint(
    "transition",
    __name__,
    url_prefix="/api/v1",
    description="Transition through the summer: arrivals, no-shows, Schulpflicht",
)

RECEIVING = allow(
    "A Berufskolleg's coordinator sees and confirms the pupils heading to that school; admins",
    bk_coordinator=transition_scopes.school_is_my_berufskolleg,
    admin=scopes.school_exists,
)


@blp.route("/schools/<int:school_id>/incoming", methods=["GET"])
@access(RECEIVING)
@blp.arguments(IncomingQuerySchema, location="query")
@blp.response(200, IncomingPageSchema)
def list_incoming(query: dict, school_id: int):
    """Incoming pupils: minimal fields, arrival and the Schulpflicht flag (audited read)."""
    return incoming.incoming(current_user, db.session.get(School, school_id), query)


@blp.route("/schools/<int:school_id>/incoming/arrivals", methods=["POST"])
@access(RECEIVING)
@blp.arguments(ArrivalsInputSchema)
@blp.response(200, ArrivalsResultSchema)
@problems(
    blp,
    (
        422,
        "A pupil not incoming, named twice, or a closed record — nothing is saved "
        "(errors name items.N.pupil_id)",
    ),
)
def post_arrivals(data: dict, school_id: int):
    """Confirm arrivals (the record closes as angetreten) or report no-shows, all or none."""
    return arrivals.record_arrivals(current_user, school_id, data["items"])


@blp.route("/pupils/<int:pupil_id>/schulpflicht", methods=["GET"])
@access(
    allow(
        "The leaver's teacher and StuBO see the Schulpflicht explained (the receiving "
        "Berufskolleg sees its flag in the incoming list, never a pupil route)",
        teacher=anschluss_scopes.pupil_followed_by_teacher,
        stubo=scopes.pupil_in_own_school,
        admin=scopes.pupil_exists,
    )
)
@blp.response(200, SchulpflichtSchema)
def get_schulpflicht(pupil_id: int):
    """Is the youth still obliged to attend school, until when and why (SchulG NRW §§ 34–38)."""
    return {"pupil_id": pupil_id, **transfers.evaluate(db.session.get(User, pupil_id))}


@blp.route("/pupils/<int:pupil_id>/school-transfers", methods=["POST"])
@access(
    allow(
        "The leaving school's StuBO passes the Schulpflicht data set (VO-DV I § 7); admins",
        stubo=scopes.pupil_in_own_school,
        admin=scopes.pupil_exists,
    )
)
@blp.arguments(SchoolTransferInputSchema)
@blp.response(201, SchoolTransferSchema)
@problems(blp, (422, "Not a Berufskolleg, or the youth is no longer obliged to attend school"))
def post_school_transfer(data: dict, pupil_id: int):
    """Pass the Schulpflicht data set to a Berufskolleg without consent; logged with its basis."""
    handover = transfers.school_transfer(current_user, pupil_id, data["school_id"])
    return transfers.transfer_view(handover)


@blp.route("/schools/<int:school_id>/transition-alerts", methods=["GET"])
@access(
    allow(
        "The StuBO follows up the school's no-shows; admins",
        stubo=scopes.school_is_own,
        admin=scopes.school_exists,
    )
)
@blp.arguments(AlertQuerySchema, location="query")
@blp.response(200, AlertSchema(many=True))
def school_alerts(query: dict, school_id: int):
    """No-show alerts of the school's leavers (audited read)."""
    return alerts.for_school(current_user, school_id, query)


@blp.route("/kommunen/<int:kommune_id>/transition-alerts", methods=["GET"])
@access(
    allow(
        "The Kommune's coordination sees its schools' no-shows (names only with a Schulpflicht "
        "case); admins",
        kommune_coordinator=anschluss_scopes.kommune_is_own,
        admin=anschluss_scopes.kommune_exists,
    )
)
@blp.arguments(AlertQuerySchema, location="query")
@blp.response(200, AlertSchema(many=True))
def kommune_alerts(query: dict, kommune_id: int):
    """No-show alerts of the Kommune's schools."""
    return alerts.for_kommune(current_user, kommune_id, query)


@blp.route("/transition-alerts/<int:alert_id>/resolve", methods=["POST"])
@access(
    allow(
        "The leaving school's StuBO resolves an alert; admins",
        stubo=transition_scopes.alert_of_own_school,
        admin=transition_scopes.alert_exists,
    )
)
@blp.response(200, AlertSchema)
@problems(blp, (409, "Already resolved"))
def resolve_alert(alert_id: int):
    """Mark a no-show alert as followed up."""
    return alerts.resolve(current_user, alert_id)


@blp.route("/schools/<int:school_id>/transition", methods=["GET"])
@access(
    allow(
        "The school's StuBO follows its leaving cohort through the summer; admins",
        stubo=scopes.school_is_own,
        admin=scopes.school_exists,
    )
)
@blp.arguments(CohortQuerySchema, location="query")
@blp.response(200, CohortPageSchema)
@problems(blp, (404, "No such school or school year"))
def leaving_cohort(query: dict, school_id: int):
    """The leaving cohort: status, chosen application, arrival, alerts, Schulpflicht flag."""
    return cohort.leaving_cohort(current_user, school_id, query)
