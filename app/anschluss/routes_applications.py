"""Routes of Bewerbungen (staff and the pupil's own) and of the achieved certificate."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.anschluss import applications, certificate
from app.anschluss import scopes as anschluss_scopes
from app.anschluss.schemas_applications import (
    AchievedCertificateInputSchema,
    AchievedCertificateSchema,
    ApplicationInputSchema,
    ApplicationListSchema,
    ApplicationPatchSchema,
    ApplicationSchema,
    TargetSchoolSchema,
)
from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.schools import scopes

blp = Blueprint(
    "anschluss_applications",
    __name__,
    url_prefix="/api/v1",
    description="Bewerbungen of leavers and the achieved certificate",
)

PUPIL_STAFF = {
    "teacher": anschluss_scopes.pupil_followed_by_teacher,
    "stubo": scopes.pupil_in_own_school,
    "admin": scopes.pupil_exists,
}
WHY = (
    "The class teacher (also the leaving cohort's, until the record is closed), the school's "
    "StuBO and admins follow the leaver's applications"
)
CLOSED = (422, "The record is closed (anschluss-closed names why), or an invalid target/option")


@blp.route("/pupils/<int:pupil_id>/applications", methods=["GET"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.response(200, ApplicationListSchema)
def list_applications(pupil_id: int):
    """The leaver's applications in the record year, with certificate fit (audited read)."""
    return applications.list_for_staff(current_user, pupil_id)


@blp.route("/pupils/<int:pupil_id>/applications", methods=["POST"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.arguments(ApplicationInputSchema)
@blp.response(201, ApplicationSchema)
@problems(blp, CLOSED)
def add_application(data: dict, pupil_id: int):
    """Add an application (confirmed, as staff enter it); the status follows from it."""
    return applications.create(current_user, pupil_id, data)


@blp.route("/applications/<int:application_id>", methods=["PATCH"])
@access(
    allow(
        "The pupil changes their own applications; staff who follow the pupil confirm",
        pupil=anschluss_scopes.application_is_own,
        teacher=anschluss_scopes.application_followed_by_teacher,
        stubo=anschluss_scopes.application_in_own_school,
        admin=anschluss_scopes.application_exists,
    )
)
@blp.arguments(ApplicationPatchSchema)
@blp.response(200, ApplicationSchema)
@problems(blp, CLOSED)
def update_application(data: dict, application_id: int):
    """Change an application; staff confirm it (`confirmed`), a pupil's change needs confirming."""
    return applications.update(current_user, application_id, data)


@blp.route("/applications/<int:application_id>", methods=["DELETE"])
@access(
    allow(
        "The pupil removes an unconfirmed application of their own; staff any",
        pupil=anschluss_scopes.application_is_own,
        teacher=anschluss_scopes.application_followed_by_teacher,
        stubo=anschluss_scopes.application_in_own_school,
        admin=anschluss_scopes.application_exists,
    )
)
@blp.response(204)
@problems(blp, (409, "Confirmed by staff: only staff remove it"), (422, "The record is closed"))
def delete_application(application_id: int):
    """Remove an application; the status follows from the others."""
    applications.delete(current_user, application_id)
    return None


@blp.route("/pupils/<int:pupil_id>/achieved-certificate", methods=["PUT"])
@access(allow(WHY, **PUPIL_STAFF))
@blp.arguments(AchievedCertificateInputSchema)
@blp.response(200, AchievedCertificateSchema)
@problems(blp, (422, "Unknown certificate, or the record is closed"))
def put_achieved_certificate(data: dict, pupil_id: int):
    """Record the certificate reached; options that no longer fit go to teacher and StuBO."""
    return certificate.set_achieved(current_user, pupil_id, data)


@blp.route("/application-targets", methods=["GET"])
@access(
    allow(
        "Who records applications picks a school of the own Kommune (public NRW school list)",
        pupil=everywhere,
        teacher=everywhere,
        stubo=everywhere,
        admin=everywhere,
    )
)
@blp.response(200, TargetSchoolSchema(many=True))
def application_targets():
    """Schools of the user's Kommune one can apply to (Berufskollegs first)."""
    return applications.target_schools(current_user)


@blp.route("/me/applications", methods=["GET"])
@access(allow("A pupil sees their own applications", pupil=everywhere))
@blp.response(200, ApplicationListSchema)
def my_applications():
    """My applications ("Meine Bewerbungen")."""
    return applications.applications_of(current_user.id)


@blp.route("/me/applications", methods=["POST"])
@access(allow("A pupil adds their own applications", pupil=everywhere))
@blp.arguments(ApplicationInputSchema)
@blp.response(201, ApplicationSchema)
@problems(blp, CLOSED)
def add_my_application(data: dict):
    """Add an application of my own; my teacher confirms it."""
    return applications.create(current_user, current_user.id, data)
