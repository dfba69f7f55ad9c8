"""Routes of the Anschlussvereinbarung: versions, next steps, printable PDF."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.anschluss import agreement
from app.anschluss import scopes as anschluss_scopes
from app.anschluss.routes import PUPIL_STAFF
from app.anschluss.schemas import (
    AgreementInputSchema,
    AgreementSchema,
    NextStepSchema,
    NextStepUpdateSchema,
)
from app.core.api import problems
from app.core.policy import access, allow

blp = Blueprint(
    "anschluss_agreements",
    __name__,
    url_prefix="/api/v1",
    description="Anschlussvereinbarung (agreement from the counselling talk)",
)

WHY = "The class teacher, the school's StuBO and admins hold the counselling talk"


@blp.route("/pupils/<int:pupil_id>/anschlussvereinbarungen", methods=["GET"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.response(200, AgreementSchema(many=True))
def list_agreements(pupil_id: int):
    """All versions of the pupil's Anschlussvereinbarung, newest first (audited read)."""
    return agreement.list_for_staff(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/anschlussvereinbarungen", methods=["POST"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.arguments(AgreementInputSchema)
@blp.response(201, AgreementSchema)
@problems(blp, (422, "Unknown option or Berufsfeld, or option not open"))
def create_agreement(data: dict, pupil_id: int):
    """Save the agreement as a new version; the previous version stays readable."""
    return agreement.create_version(current_user, pupil_id, data)


@blp.route("/anschluss-steps/<int:next_step_id>", methods=["PATCH"])
@access(
    allow(
        "The pupil ticks off own steps; staff who follow the pupil too",
        pupil=anschluss_scopes.step_is_own,
        teacher=anschluss_scopes.step_in_taught_class,
        stubo=anschluss_scopes.step_in_own_school,
        admin=anschluss_scopes.step_exists,
    )
)
@blp.arguments(NextStepUpdateSchema)
@blp.response(200, NextStepSchema)
@problems(blp, (409, "The step belongs to an older version"))
def update_step(data: dict, next_step_id: int):
    """Mark a next step done or not done."""
    return agreement.set_step_done(current_user, next_step_id, data["done"])


@blp.route("/anschlussvereinbarungen/<int:vereinbarung_id>/pdf", methods=["GET"])
@access(
    allow(
        "The agreement belongs to the pupil; staff who follow the pupil may print it",
        pupil=anschluss_scopes.agreement_is_own,
        teacher=anschluss_scopes.agreement_in_taught_class,
        stubo=anschluss_scopes.agreement_in_own_school,
        admin=anschluss_scopes.agreement_exists,
    )
)
@blp.response(200, content_type="application/pdf", description="The agreement as PDF")
def agreement_pdf(vereinbarung_id: int):
    """Printable PDF of one version (staff downloads are audited)."""
    from app.anschluss import pdf  # fpdf costs start-up 0.25 s: loaded by the first PDF

    content, filename = pdf.render(current_user, vereinbarung_id)
    return Response(
        content,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
