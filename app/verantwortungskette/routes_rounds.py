"""Identification rounds (set by the Kommune) and the school's identification list."""

from __future__ import annotations

from flask_login import current_user

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.schools import scopes
from app.verantwortungskette import identification, round_snapshots, rounds
from app.verantwortungskette import scopes as chain_scopes
from app.verantwortungskette.api import blp
from app.verantwortungskette.schemas import (
    IdentificationQuerySchema,
    IdentificationRoundInputSchema,
    IdentificationRoundPatchSchema,
    IdentificationRoundSchema,
    IdentificationSchema,
    RoundCompletionSchema,
)


@blp.route("/identification-rounds", methods=["GET"])
@access(
    allow(
        "The Kommune's coordination and its schools see the Kommune's rounds",
        kommune_coordinator=everywhere,
        stubo=everywhere,
        teacher=everywhere,
    )
)
@blp.response(200, IdentificationRoundSchema(many=True))
def list_rounds():
    """Identification rounds of my Kommune (latest first)."""
    return rounds.rounds_for_user(current_user)


@blp.route("/identification-rounds", methods=["POST"])
@access(allow("The Kommune's coordination sets its rounds", kommune_coordinator=everywhere))
@blp.arguments(IdentificationRoundInputSchema)
@blp.response(201, IdentificationRoundSchema)
@problems(
    blp,
    (409, "A round of this name exists in the school year"),
    (422, "Dates out of order or across school years"),
)
def create_round(data: dict):
    """Set an identification round (e.g. round I from 1 March, round II until 31 May)."""
    return rounds.create(current_user, data)


ROUND_OWNER = allow(
    "The Kommune's coordination changes its own rounds",
    kommune_coordinator=chain_scopes.round_of_my_kommune,
)


@blp.route("/identification-rounds/<int:identification_round_id>", methods=["PATCH"])
@access(ROUND_OWNER)
@blp.arguments(IdentificationRoundPatchSchema)
@blp.response(200, IdentificationRoundSchema)
@problems(
    blp,
    (404, "No such round"),
    (409, "A round of this name exists in the school year"),
    (422, "Dates out of order or across school years"),
)
def update_round(data: dict, identification_round_id: int):
    """Change the name or dates of a round."""
    return rounds.update(identification_round_id, data)


@blp.route("/identification-rounds/<int:identification_round_id>", methods=["DELETE"])
@access(ROUND_OWNER)
@blp.response(204)
@problems(blp, (404, "No such round"))
def delete_round(identification_round_id: int):
    """Remove a round (transfers made in it keep their log, without the round)."""
    rounds.delete(identification_round_id)


@blp.route("/schools/<int:school_id>/identification", methods=["GET"])
@access(
    allow(
        "The school's StuBO sees its leavers without Anschluss; a teacher their own class",
        stubo=scopes.school_is_own,
        teacher=scopes.school_is_own,
    )
)
@blp.arguments(IdentificationQuerySchema, location="query")
@blp.response(200, IdentificationSchema)
@problems(blp, (404, "No such school"), (422, "Unknown identification round for this school"))
def identification_list(query: dict, school_id: int):
    """Leavers without a secured Anschluss (Abitur-admitted excluded) with consent state."""
    return identification.identification_list(
        current_user, school_id, query.get("identification_round_id")
    )


@blp.route("/identification-rounds/<int:identification_round_id>/completion", methods=["POST"])
@access(
    allow(
        "The school's StuBO reports the school's round as done",
        stubo=chain_scopes.round_of_my_schools_kommune,
    )
)
@blp.response(200, RoundCompletionSchema)
@problems(blp, (422, "The round has not started yet (round-not-started)"))
def complete_round(identification_round_id: int):
    """Report my school's work on the round as complete (the Kommune sees when)."""
    return round_snapshots.complete(current_user, identification_round_id)
