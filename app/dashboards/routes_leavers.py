"""Cohort views: class overview, StuBO leaver list, summary and exports, Kommune aggregate."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.anschluss import scopes as anschluss_scopes
from app.core.api import problems
from app.core.policy import access, allow
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.dashboards import exports, kommune, leavers, summary
from app.dashboards.schemas_cohort import (
    KommuneSummarySchema,
    LeaverFilterSchema,
    LeaverPageSchema,
    LeaverQuerySchema,
    LeaverRowSchema,
    LeaverYearQuerySchema,
    SchoolSummarySchema,
)
from app.schools import scopes

blp = Blueprint(
    "anschluss_cohort",
    __name__,
    url_prefix="/api/v1",
    description="Leaver cohorts: who still has no Anschluss",
)

SCHOOL_COHORT = {"stubo": scopes.school_is_own, "admin": scopes.school_exists}
COHORT_WHY = "The school's StuBO follows its leaver cohort; admins"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@blp.route("/classes/<int:class_id>/anschluss", methods=["GET"])
@access(
    allow(
        "The class teacher, the school's StuBO and admins see the class overview",
        teacher=scopes.class_taught,
        stubo=scopes.class_in_own_school,
        admin=scopes.class_exists,
    )
)
@blp.response(200, LeaverRowSchema(many=True))
def class_overview(class_id: int):
    """One row per pupil: Anschluss, missing KAoA steps, overdue steps, traffic light."""
    return leavers.class_overview(current_user, class_id)


@blp.route("/schools/<int:school_id>/leavers", methods=["GET"])
@access(allow(COHORT_WHY, **SCHOOL_COHORT))
@blp.arguments(LeaverQuerySchema, location="query")
@blp.response(200, LeaverPageSchema)
@problems(blp, (404, "No such school or school year"))
def list_leavers(query: dict, school_id: int):
    """Leavers with explainable risk reasons; unsecured=true lists "noch kein Anschluss"."""
    return leavers.list_leavers(current_user, school_id, query)


@blp.route("/schools/<int:school_id>/leavers/summary", methods=["GET"])
@access(allow(COHORT_WHY, **SCHOOL_COHORT))
@blp.arguments(LeaverYearQuerySchema, location="query")
@blp.response(200, SchoolSummarySchema)
@problems(blp, (404, "No such school or school year"))
def leavers_summary(query: dict, school_id: int):
    """Counts by status, option and class, and the weekly trend."""
    return summary.school_summary(school_id, query)


def _download(content: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        content,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@blp.route("/schools/<int:school_id>/leavers/export.csv", methods=["GET"])
@access(allow(COHORT_WHY, **SCHOOL_COHORT))
@export_limit
@blp.arguments(LeaverFilterSchema, location="query")
@blp.response(200, content_type="text/csv", description="The filtered leaver list as CSV")
@problems(blp, (404, "No such school or school year"), (429, EXPORT_LIMIT_DOC))
def export_csv(query: dict, school_id: int):
    """Export the filtered leaver list as CSV (only follow-up fields; audited)."""
    content = exports.leavers_csv(current_user, school_id, query)
    return _download(content, "text/csv", "abgaenger.csv")


@blp.route("/schools/<int:school_id>/leavers/export.xlsx", methods=["GET"])
@access(allow(COHORT_WHY, **SCHOOL_COHORT))
@export_limit
@blp.arguments(LeaverFilterSchema, location="query")
@blp.response(200, content_type=XLSX, description="The filtered leaver list as XLSX")
@problems(blp, (404, "No such school or school year"), (429, EXPORT_LIMIT_DOC))
def export_xlsx(query: dict, school_id: int):
    """Export the filtered leaver list as XLSX (only follow-up fields; audited)."""
    content = exports.leavers_xlsx(current_user, school_id, query)
    return _download(content, XLSX, "abgaenger.xlsx")


@blp.route("/kommunen/<int:kommune_id>/summary", methods=["GET"])
@access(
    allow(
        "The Kommune's coordination sees aggregates of its schools (no personal data); admins",
        kommune_coordinator=anschluss_scopes.kommune_is_own,
        admin=anschluss_scopes.kommune_exists,
    )
)
@blp.arguments(LeaverYearQuerySchema, location="query")
@blp.response(200, KommuneSummarySchema)
@problems(blp, (404, "No such Kommune or school year"))
def kommune_summary(query: dict, kommune_id: int):
    """Leavers, share secured, by status, option and school, trend; counts below 5 as "<5"."""
    return kommune.kommune_summary(kommune_id, query)
