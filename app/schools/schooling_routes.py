"""Routes of the facts the leaver rule reads: school year of attendance, leaving, exam
admission (pupil), course type (Berufskolleg class) and the Kommune's chain settings."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow
from app.schools import schooling, scopes
from app.schools.schooling_schemas import (
    AttendanceInputSchema,
    CourseTypeInputSchema,
    CourseTypeSchema,
    ExamAdmissionInputSchema,
    KommuneSettingsInputSchema,
    KommuneSettingsSchema,
    SchoolingSchema,
)

blp = Blueprint(
    "schooling",
    __name__,
    url_prefix="/api/v1",
    description="Who leaves: school year of attendance, exam admission, Berufskolleg courses",
)

PUPIL_STAFF = allow(
    "The class teacher and the school's StuBO keep the school record; admins",
    teacher=scopes.pupil_in_taught_class,
    stubo=scopes.pupil_in_own_school,
    admin=scopes.pupil_exists,
)
NO_CLASS = (422, "The pupil has no class this school year (pupil-without-class)")


@blp.route("/pupils/<int:pupil_id>/schooling", methods=["GET"])
@access(PUPIL_STAFF)
@blp.response(200, SchoolingSchema)
@problems(blp, NO_CLASS)
def get_schooling(pupil_id: int):
    """School year of attendance, leaving, exam admission, and whether the pupil is a leaver."""
    return schooling.read(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/schooling", methods=["PATCH"])
@access(PUPIL_STAFF)
@blp.arguments(AttendanceInputSchema)
@blp.response(200, SchoolingSchema)
@problems(blp, NO_CLASS)
def patch_schooling(data: dict, pupil_id: int):
    """Correct the school year of attendance or whether the pupil leaves this year."""
    return schooling.update_attendance(current_user, pupil_id, data)


@blp.route("/pupils/<int:pupil_id>/exam-admission", methods=["PUT"])
@access(PUPIL_STAFF)
@blp.arguments(ExamAdmissionInputSchema)
@blp.response(200, SchoolingSchema)
@problems(blp, (422, "No class this year, or no exam in this Jahrgang"))
def put_exam_admission(data: dict, pupil_id: int):
    """Record the admission to the Abitur (or Fachhochschulreife) exam, or clear it."""
    return schooling.set_exam_admission(current_user, pupil_id, data)


@blp.route("/classes/<int:class_id>/course-type", methods=["PUT"])
@access(
    allow(
        "The school's StuBO sets the Berufskolleg course type; admins",
        stubo=scopes.class_in_own_school,
        admin=scopes.class_exists,
    )
)
@blp.arguments(CourseTypeInputSchema)
@blp.response(200, CourseTypeSchema)
@problems(blp, (422, "The class is no Berufskolleg class"))
def put_course_type(data: dict, class_id: int):
    """Set the course type of a Berufskolleg class (full-time general, vocational, dual)."""
    return schooling.set_course_type(class_id, data)


KOMMUNE_READ = allow(
    "The Kommune's coordination and admins",
    kommune_coordinator=scopes.kommune_is_own,
    admin=scopes.kommune_exists,
)


@blp.route("/kommunen/<int:kommune_id>/chain-settings", methods=["GET"])
@access(KOMMUNE_READ)
@blp.response(200, KommuneSettingsSchema)
def get_chain_settings(kommune_id: int):
    """The Kommune's Verantwortungskette settings (application period, FHR exam)."""
    return schooling.kommune_settings(kommune_id)


@blp.route("/kommunen/<int:kommune_id>/chain-settings", methods=["PATCH"])
@access(KOMMUNE_READ)
@blp.arguments(KommuneSettingsInputSchema)
@blp.response(200, KommuneSettingsSchema)
@problems(blp, (422, "The day does not exist in that month"))
def patch_chain_settings(data: dict, kommune_id: int):
    """Change when the application period opens, or whether FHR admission excludes."""
    return schooling.update_kommune_settings(kommune_id, data)
