"""HTTP routes of the interests feature: questionnaire and the pupil's interest profiles."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere, public
from app.interests import services
from app.interests.schemas import (
    IdempotencyHeaderSchema,
    InterestProfileCreateSchema,
    InterestProfileSchema,
    QuestionnaireSchema,
)

blp = Blueprint(
    "interests",
    __name__,
    url_prefix="/api/v1",
    description="Interest questionnaire (RIASEC) and matching to Berufsfelder and occupations",
)


@blp.route("/questionnaires/current", methods=["GET"])
@access(public("The questionnaire is open content (CC BY 4.0) without personal data"))
@blp.response(200, QuestionnaireSchema)
def current_questionnaire():
    """The current interest questionnaire with scale, scoring rule and attributions."""
    return services.current_questionnaire()


@blp.route("/me/interest-profiles", methods=["POST"])
@access(allow("A pupil scores their own answers", pupil=everywhere))
@blp.arguments(InterestProfileCreateSchema)
@blp.arguments(IdempotencyHeaderSchema, location="headers")
@blp.response(201, InterestProfileSchema)
@blp.alt_response(200, schema=InterestProfileSchema, description="Replay of a known key")
@problems(
    blp,
    (409, "Idempotency-Key used for other answers"),
    (422, "Wrong version, missing or bad answers"),
)
def create_profile(body, headers):
    """Score a completed questionnaire and match it to Berufsfelder and occupations."""
    profile, created = services.create_profile(
        current_user,
        body["questionnaire_version"],
        body["answers"],
        headers.get("idempotency_key"),
    )
    return services.created_view(current_user, profile), 201 if created else 200


@blp.route("/me/interest-profiles", methods=["GET"])
@access(allow("A pupil reads their own profiles", pupil=everywhere))
@blp.response(200, InterestProfileSchema(many=True))
def list_profiles():
    """The pupil's interest profiles, newest first, each compared with the previous one."""
    return services.list_profiles(current_user)
