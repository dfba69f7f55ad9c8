"""Routes of self-found placements: list and record, confirm / visit / certificate, and the
agreement PDF."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.auth.models import User
from app.core import audit
from app.core.api import problems
from app.core.policy import access, allow
from app.extensions import db
from app.internships import placement_pdf, placements
from app.internships.models import Placement
from app.internships.placement_schemas import (
    PlacementCreateSchema,
    PlacementPatchSchema,
    PlacementSchema,
)
from app.schools import scopes
from app.schools.teaching import teaches_pupil

blp = Blueprint(
    "placements",
    __name__,
    url_prefix="/api/v1",
    description="Self-found placements (Praktikum, Praxiselemente): agreement, visit, certificate",
)


def _pupil_of(args) -> User | None:
    placement = db.session.get(Placement, args.get("placement_id"))
    return db.session.get(User, placement.pupil_id) if placement is not None else None


def placement_is_own(user, args) -> bool | None:
    pupil = _pupil_of(args)
    return None if pupil is None else pupil.id == user.id


def placement_followed_by_teacher(user, args) -> bool | None:
    """The pupil's class teacher, or the visiting teacher of the placement."""
    pupil = _pupil_of(args)
    if pupil is None:
        return None
    placement = db.session.get(Placement, args.get("placement_id"))
    return placement.visiting_teacher_id == user.id or teaches_pupil(user.id, pupil.id)


def placement_in_own_school(user, args) -> bool | None:
    pupil = _pupil_of(args)
    return None if pupil is None else pupil.school_id == user.school_id


def placement_exists(_user, args) -> bool | None:
    return None if _pupil_of(args) is None else True


PLACEMENT_STAFF = {
    "teacher": placement_followed_by_teacher,
    "stubo": placement_in_own_school,
    "admin": placement_exists,
}
HOURS = (422, "Hours against the JArbSchG (jarbschg-daily-hours, -weekly-hours, -breaks), dates")


@blp.route("/pupils/<int:pupil_id>/placements", methods=["GET"])
@access(
    allow(
        "The pupil, the class teacher, the school's StuBO; admins",
        pupil=scopes.pupil_is_self,
        teacher=scopes.pupil_in_taught_class,
        stubo=scopes.pupil_in_own_school,
        admin=scopes.pupil_exists,
    )
)
@blp.response(200, PlacementSchema(many=True))
def list_placements(pupil_id: int):
    """The pupil's self-found placements (staff reads audited)."""
    return placements.list_for(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/placements", methods=["POST"])
@access(
    allow(
        "The pupil records a placement they found; the class teacher and the StuBO too",
        pupil=scopes.pupil_is_self,
        teacher=scopes.pupil_in_taught_class,
        stubo=scopes.pupil_in_own_school,
        admin=scopes.pupil_exists,
    )
)
@blp.arguments(PlacementCreateSchema)
@blp.response(201, PlacementSchema)
@problems(blp, (409, "The pupil is in no class (placement-needs-class)"), HOURS)
def create_placement(data: dict, pupil_id: int):
    """Record a self-found placement (company not in the system); staff may confirm it."""
    return placements.create(current_user, pupil_id, data)


@blp.route("/placements/<int:placement_id>", methods=["PATCH"])
@access(allow("The class teacher or visiting teacher, the StuBO; admins", **PLACEMENT_STAFF))
@blp.arguments(PlacementPatchSchema)
@blp.response(200, PlacementSchema)
@problems(
    blp,
    (409, "The placement was withdrawn"),
    (422, "Hours against the JArbSchG, a visiting teacher not of the school, a visit ahead"),
)
def update_placement(data: dict, placement_id: int):
    """Confirm, assign the visiting teacher, plan and record the visit, record the company's
    certificate or assessment; correct the placement's data."""
    return placements.update(current_user, placement_id, data)


@blp.route("/placements/<int:placement_id>/agreement.pdf", methods=["GET"])
@access(
    allow(
        "The pupil (to have it signed), the class or visiting teacher, the StuBO; admins",
        pupil=placement_is_own,
        **PLACEMENT_STAFF,
    )
)
@blp.response(200, description="Praktikumsvereinbarung", content_type="application/pdf")
def agreement(placement_id: int):
    """The Praktikumsvereinbarung (PDF) for the signatures of company, parents and school."""
    pdf = placement_pdf.agreement_pdf(placement_id)
    if current_user.role != "pupil":
        pupil_id = db.session.get(Placement, placement_id).pupil_id
        audit.record(
            current_user,
            "export",
            "placement_agreement",
            [pupil_id],
            audit.Purpose.PLACEMENT_FOLLOWUP,
            categories=("identity", "kaoa"),
        )
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="praktikumsvereinbarung-{placement_id}.pdf"'
        },
    )
