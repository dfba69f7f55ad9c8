"""Allocation rounds: open, rank (pupils), run (draft), review and publish (coordinators)."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.allocation import detail, publishing, rounds, scopes
from app.allocation.preferences import set_preferences
from app.allocation.schemas import (
    PreferencesSchema,
    PublishResultSchema,
    RoundCreateSchema,
    RoundDetailSchema,
    RoundPageSchema,
    RoundQuerySchema,
    RoundSchema,
    SlotSummarySchema,
)
from app.core.api import problems
from app.core.policy import access, allow, everywhere

blp = Blueprint(
    "allocation",
    __name__,
    url_prefix="/api/v1",
    description="Allocation rounds: ranked choices and fair assignment of slots",
)

SEE_ROUND = allow(
    "Pupils and StuBOs of the schools a round covers; Kommune coordinators of its Kommune",
    pupil=scopes.round_visible_to_school_user,
    stubo=scopes.round_visible_to_school_user,
    kommune_coordinator=scopes.round_in_own_kommune,
    admin=scopes.round_exists,
)
MANAGE_ROUND = allow(
    "The StuBO of a school round; the Kommune coordinator of the round's Kommune",
    stubo=scopes.round_managed_by_stubo,
    kommune_coordinator=scopes.round_in_own_kommune,
    admin=scopes.round_exists,
)


@blp.route("/allocation-rounds", methods=["GET"])
@access(
    allow(
        "Rounds within the caller's school or Kommune",
        pupil=everywhere,
        stubo=everywhere,
        kommune_coordinator=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(RoundQuerySchema, location="query")
@blp.response(200, RoundPageSchema)
def list_rounds(query):
    """Allocation rounds in my scope, newest deadline first."""
    return rounds.list_rounds(current_user, **query)


@blp.route("/allocation-rounds", methods=["POST"])
@access(
    allow(
        "StuBOs for their school, Kommune coordinators for their Kommune (checked on the body)",
        stubo=everywhere,
        kommune_coordinator=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(RoundCreateSchema)
@blp.response(201, RoundSchema)
@problems(blp, (403, "School or Kommune outside your scope"))
def create_round(data):
    """Open an allocation round for a period, with a deadline for the pupils' choices."""
    allocation_round = rounds.create_round(current_user, data)
    rounds.annotate(current_user, [allocation_round])
    return allocation_round


@blp.route("/allocation-rounds/<int:round_id>", methods=["GET"])
@access(SEE_ROUND)
@blp.response(200, RoundDetailSchema)
def get_round(round_id: int):
    """A round: pupils see their choices and result, coordinators figures and follow-ups."""
    return detail.round_detail(current_user, round_id)


@blp.route("/allocation-rounds/<int:round_id>/slots", methods=["GET"])
@access(SEE_ROUND)
@blp.response(200, SlotSummarySchema(many=True))
def list_round_slots(round_id: int):
    """The slots a round covers (pupils: those open to their Jahrgang)."""
    return detail.slots_for(current_user, round_id)


@blp.route("/allocation-rounds/<int:round_id>/preferences", methods=["PUT"])
@access(
    allow(
        "Pupils of the schools a round covers rank their own choices",
        pupil=scopes.round_visible_to_school_user,
    )
)
@blp.arguments(PreferencesSchema)
@blp.response(200, RoundDetailSchema)
@problems(blp, (403, "The round is not for your Jahrgang"), (409, "The deadline has passed"))
def put_preferences(data, round_id: int):
    """Save my ranked choices (most wanted first) before the deadline."""
    set_preferences(current_user, round_id, data["choices"])
    return detail.round_detail(current_user, round_id)


@blp.route("/allocation-rounds/<int:round_id>/run", methods=["POST"])
@access(MANAGE_ROUND)
@blp.response(200, RoundDetailSchema)
@problems(blp, (409, "Before the deadline, or already published"))
def run_round(round_id: int):
    """Compute the assignment as a draft for review (books nothing)."""
    from app.allocation import running  # scipy and numpy (0.3 s): loaded by the first run

    running.run_round(current_user, round_id)
    return detail.round_detail(current_user, round_id)


@blp.route("/allocation-rounds/<int:round_id>/publish", methods=["POST"])
@access(MANAGE_ROUND)
@blp.response(200, PublishResultSchema)
@problems(blp, (409, "Not run yet, or already published"))
def publish_round(round_id: int):
    """Publish the reviewed draft: confirmed bookings, notices, unassigned pupils listed."""
    return publishing.publish_round(current_user, round_id)
