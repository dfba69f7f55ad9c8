"""Identification rounds on the read side: a round's frozen snapshot, the Kommune's progress."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.policy import access, allow
from app.dashboards import rounds
from app.dashboards.schemas_rounds import RoundSnapshotSchema, RoundsProgressSchema
from app.schools import scopes as school_scopes
from app.verantwortungskette import scopes as chain_scopes

blp = Blueprint(
    "dashboards_rounds",
    __name__,
    url_prefix="/api/v1",
    description="Identification rounds: snapshots frozen at the cut-off, progress per school",
)


@blp.route("/identification-rounds/<int:identification_round_id>/snapshot", methods=["GET"])
@access(
    allow(
        "The StuBO sees the own school's frozen list; the Kommune's coordination masked counts",
        stubo=chain_scopes.round_of_my_schools_kommune,
        kommune_coordinator=chain_scopes.round_of_my_kommune,
    )
)
@blp.response(200, RoundSnapshotSchema)
def round_snapshot(identification_round_id: int):
    """The round as frozen at its cut-off, and the changes since (school staff)."""
    return rounds.snapshot(current_user, identification_round_id)


@blp.route("/kommunen/<int:kommune_id>/rounds/progress", methods=["GET"])
@access(
    allow(
        "The Kommune's coordination follows its rounds (counts only, masked); admins",
        kommune_coordinator=school_scopes.kommune_is_own,
        admin=school_scopes.kommune_exists,
    )
)
@blp.response(200, RoundsProgressSchema)
def rounds_progress(kommune_id: int):
    """Which schools completed each round and when; counts frozen per round (masked)."""
    return rounds.progress(kommune_id)
