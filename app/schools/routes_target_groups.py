"""Routes of a pupil's KAoA target groups and of the Kommune's KAoA choices."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow
from app.extensions import db
from app.schools import scopes, target_groups
from app.schools.models import Kommune
from app.schools.target_group_schemas import (
    KaoaSettingsInputSchema,
    KaoaSettingsSchema,
    TargetGroupsInputSchema,
    TargetGroupsSchema,
)

blp = Blueprint(
    "target_groups",
    __name__,
    url_prefix="/api/v1",
    description="KAoA target groups of a pupil (STAR, KAoA-kompakt) and the Kommune's KAoA choices",
)

PUPIL_STAFF = {
    "teacher": scopes.pupil_in_taught_class,
    "stubo": scopes.pupil_in_own_school,
    "admin": scopes.pupil_exists,
}
WHY = "The class teacher and the school's StuBO plan KAoA for the pupil; admins"


@blp.route("/pupils/<int:pupil_id>/target-groups", methods=["GET"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.response(200, TargetGroupsSchema)
def get_target_groups(pupil_id: int):
    """The pupil's KAoA target groups with Förderschwerpunkt and date of arrival (audited)."""
    return target_groups.get(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/target-groups", methods=["PUT"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.arguments(TargetGroupsInputSchema)
@blp.response(200, TargetGroupsSchema)
@problems(blp, (422, "STAR and Lernen/ESE together, or a group without its Förderschwerpunkt"))
def put_target_groups(data: dict, pupil_id: int):
    """Set the pupil's target groups; the plan and the expected steps follow them."""
    return target_groups.put(current_user, pupil_id, data)


def _kommune_is_own(user, args) -> bool | None:
    kommune = db.session.get(Kommune, args.get("kommune_id"))
    return None if kommune is None else kommune.id == user.kommune_id


def _kommune_exists(_user, args) -> bool | None:
    return None if db.session.get(Kommune, args.get("kommune_id")) is None else True


def _settings(kommune: Kommune) -> dict:
    return {
        "kommune_id": kommune.id,
        "praxiselemente_window": kommune.praxiselemente_window,
        "girls_boys_day_counts": kommune.girls_boys_day_counts,
    }


@blp.route("/kommunen/<int:kommune_id>/kaoa-settings", methods=["GET"])
@access(
    allow(
        "The Kommunale Koordinierung sets the Kommune's KAoA choices; admins",
        kommune_coordinator=_kommune_is_own,
        admin=_kommune_exists,
    )
)
@blp.response(200, KaoaSettingsSchema)
def get_kaoa_settings(kommune_id: int):
    """The Kommune's KAoA choices: Praxiselemente window, Girls'/Boys' Day as a BFE day."""
    return _settings(db.session.get(Kommune, kommune_id))


@blp.route("/kommunen/<int:kommune_id>/kaoa-settings", methods=["PUT"])
@access(
    allow(
        "The Kommunale Koordinierung sets the Kommune's KAoA choices; admins",
        kommune_coordinator=_kommune_is_own,
        admin=_kommune_exists,
    )
)
@blp.arguments(KaoaSettingsInputSchema)
@blp.response(200, KaoaSettingsSchema)
def put_kaoa_settings(data: dict, kommune_id: int):
    """Set the Kommune's KAoA choices; every plan in the Kommune follows them."""
    kommune = db.session.get(Kommune, kommune_id)
    kommune.praxiselemente_window = data["praxiselemente_window"]
    kommune.girls_boys_day_counts = data["girls_boys_day_counts"]
    db.session.flush()
    return _settings(kommune)
