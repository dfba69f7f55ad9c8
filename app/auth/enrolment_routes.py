"""Enrolment: a pupil logs in once with a one-time code (issuing: schools/enrolment_routes)."""

from __future__ import annotations

from flask_smorest import Blueprint

from app.auth import enrolment, services
from app.auth.enrolment_schemas import EnrolSchema
from app.auth.routes import login_limit
from app.auth.schemas import MeSchema
from app.core.api import problems
from app.core.policy import access, public
from app.core.security import csrf_token
from app.extensions import limiter

blp = Blueprint("enrolment", __name__, url_prefix="/api/v1", description="Enrolment codes")


@blp.route("/auth/enrol", methods=["POST"])
@access(public("A pupil with a code has no account session yet"))
@limiter.limit(login_limit)
@blp.arguments(EnrolSchema)
@blp.response(200, MeSchema)
@problems(blp, (401, "The code is unknown, used, revoked or expired"), (429, "Too many attempts"))
def enrol(body):
    """Log in once with an enrolment code, choose a display name (and optionally a password)."""
    pupil = enrolment.enrol(body["code"], body["display_name"], body.get("password"))
    return {**services.account_summary(pupil), "csrf_token": csrf_token()}
