"""Routes of a pupil's Anschluss: read, change, history, and the pupil's reports to confirm."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.anschluss import reference, reports, status
from app.anschluss import scopes as anschluss_scopes
from app.anschluss.schemas import (
    AnschlussCatalogSchema,
    AnschlussChangeSchema,
    AnschlussInputSchema,
    AnschlussReportDecisionSchema,
    AnschlussReportSchema,
    AnschlussSchema,
)
from app.core.api import problems
from app.core.policy import access, allow, authenticated
from app.schools import scopes

blp = Blueprint("anschluss", __name__, url_prefix="/api/v1", description="Anschluss of leavers")

PUPIL_STAFF = {
    "teacher": anschluss_scopes.pupil_followed_by_teacher,
    "stubo": scopes.pupil_in_own_school,
    "admin": scopes.pupil_exists,
}
REPORT_STAFF = {
    "teacher": anschluss_scopes.report_in_taught_class,
    "stubo": anschluss_scopes.report_in_own_school,
    "admin": anschluss_scopes.report_exists,
}
WHY = "The class teacher, the school's StuBO and admins follow the pupil's Anschluss"


@blp.route("/pupils/<int:pupil_id>/anschluss", methods=["GET"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.response(200, AnschlussSchema)
def get_anschluss(pupil_id: int):
    """The pupil's Anschluss in the current school year (audited read)."""
    return status.get_for_staff(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/anschluss", methods=["PUT"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.arguments(AnschlussInputSchema)
@blp.response(200, AnschlussSchema)
@problems(
    blp,
    (409, "Changed by someone else meanwhile (lock_version)"),
    (422, "Invalid status change or option not open with the certificate"),
)
def put_anschluss(data: dict, pupil_id: int):
    """Record certificate, option and status; every change is kept in the history."""
    return status.update_for_staff(current_user, pupil_id, data)


@blp.route("/pupils/<int:pupil_id>/anschluss/history", methods=["GET"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.response(200, AnschlussChangeSchema(many=True))
def anschluss_history(pupil_id: int):
    """Every change of the pupil's Anschluss: who, when, from → to (audited read)."""
    return status.history(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/anschluss/reports", methods=["GET"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.response(200, AnschlussReportSchema(many=True))
def pupil_reports(pupil_id: int):
    """News the pupil reported (pending, confirmed, dismissed) (audited read)."""
    return reports.list_for_staff(current_user, pupil_id)


@blp.route("/anschluss-reports/<int:anschluss_report_id>/confirm", methods=["POST"])
@access(allow("Staff who follow the pupil confirm what the pupil reported", **REPORT_STAFF))
@blp.arguments(AnschlussReportDecisionSchema)
@blp.response(200, AnschlussReportSchema)
@problems(
    blp,
    (409, "The report was already decided"),
    (422, "The reported status does not fit the Anschluss"),
)
def confirm_report(data: dict, anschluss_report_id: int):
    """Confirm a pupil's report: the Anschluss changes (history source: pupil_report)."""
    return reports.confirm(current_user, anschluss_report_id, data)


@blp.route("/anschluss-reports/<int:anschluss_report_id>/dismiss", methods=["POST"])
@access(allow("Staff who follow the pupil may dismiss a report", **REPORT_STAFF))
@blp.response(200, AnschlussReportSchema)
@problems(blp, (409, "The report was already decided"))
def dismiss_report(anschluss_report_id: int):
    """Dismiss a pupil's report; the Anschluss stays unchanged."""
    return reports.dismiss(current_user, anschluss_report_id)


@blp.route("/anschluss/catalog", methods=["GET"])
@access(authenticated("Reference lists (certificates, options, fields) hold no personal data"))
@blp.response(200, AnschlussCatalogSchema)
def anschluss_catalog():
    """Leaving certificates, official Anschluss options and the 16 Berufsfelder."""
    return reference.catalog()
