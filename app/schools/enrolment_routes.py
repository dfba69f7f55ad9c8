"""Staff issue one-time enrolment codes to the pupils of a class: a list, or a printable sheet."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.extensions import db
from app.schools import enrolment, scopes
from app.schools.enrolment_schemas import EnrolmentCodeRequestSchema, IssuedCodeSchema
from app.schools.models import SchoolClass

blp = Blueprint(
    "class_enrolment", __name__, url_prefix="/api/v1", description="Enrolment codes of a class"
)


_ISSUERS = allow(
    "The class teacher, the school's StuBO and admins hand out enrolment codes",
    teacher=scopes.class_taught,
    stubo=scopes.class_in_own_school,
    admin=scopes.class_exists,
)
_PDF = {"type": "string", "format": "binary"}


def _issue(class_id: int, body: dict) -> list[dict]:
    return enrolment.issue_codes(
        current_user._get_current_object(),
        class_id,
        body.get("pupil_ids"),
        body.get("purpose", "first_login"),
    )


@blp.route("/classes/<int:class_id>/enrolment-codes", methods=["POST"])
@access(_ISSUERS)
@blp.arguments(EnrolmentCodeRequestSchema, required=False)
@blp.response(201, IssuedCodeSchema(many=True))
@problems(
    blp,
    (403, "Not a class of the caller"),
    (404, "No such class"),
    (409, "A chosen pupil can log in already: only a lost-device reset gives a code"),
)
def issue_enrolment_codes(body, class_id: int):
    """Issue one-time enrolment codes (shown only in this answer; older open codes end)."""
    return _issue(class_id, body or {})


@blp.route("/classes/<int:class_id>/enrolment-codes/sheet.pdf", methods=["POST"])
@access(_ISSUERS)
@export_limit
@blp.arguments(EnrolmentCodeRequestSchema, required=False)
@blp.response(
    201,
    _PDF,
    content_type="application/pdf",
    description="Printable A4 sheet: name, code and QR code per pupil",
)
@problems(
    blp,
    (403, "Not a class of the caller"),
    (404, "No such class"),
    (409, "A chosen pupil can log in already: only a lost-device reset gives a code"),
    (429, EXPORT_LIMIT_DOC),
)
def issue_enrolment_sheet(body, class_id: int):
    """Issue one-time enrolment codes as a printable PDF sheet (older open codes end)."""
    from app.schools.enrolment_sheet import render_sheet  # fpdf: loaded by the first sheet

    entries = _issue(class_id, body or {})
    class_name = db.session.get(SchoolClass, class_id).name
    return Response(
        render_sheet(entries, class_name),
        status=201,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="anmeldecodes-{class_id}.pdf"'},
    )
