"""Routes for schools, classes and class lists."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.policy import access, allow, everywhere
from app.schools import scopes, services
from app.schools.schemas import ClassSchema, PupilRowSchema, SchoolPageSchema, SchoolQuerySchema

blp = Blueprint("schools", __name__, url_prefix="/api/v1", description="Schools and classes")


@blp.route("/schools", methods=["GET"])
@access(
    allow(
        "Each role sees the schools of its scope (own school, own Kommune, all for admin)",
        pupil=everywhere,
        teacher=everywhere,
        stubo=everywhere,
        bk_coordinator=everywhere,
        kommune_coordinator=everywhere,
        provider=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(SchoolQuerySchema, location="query")
@blp.response(200, SchoolPageSchema)
def list_schools(query):
    """Schools within the caller's scope, paginated."""
    return services.list_schools(current_user, **query)


@blp.route("/schools/<int:school_id>/classes", methods=["GET"])
@access(
    allow(
        "Staff of the school (teachers: only their classes), the Kommune, admins",
        teacher=scopes.school_is_own,
        stubo=scopes.school_is_own,
        kommune_coordinator=scopes.school_in_own_kommune,
        admin=scopes.school_exists,
    )
)
@blp.response(200, ClassSchema(many=True))
def list_classes(school_id: int):
    """Classes of a school."""
    return services.list_classes(current_user, school_id)


@blp.route("/classes/<int:class_id>/pupils", methods=["GET"])
@access(
    allow(
        "The class teacher and the school's StuBO; admins",
        teacher=scopes.class_taught,
        stubo=scopes.class_in_own_school,
        admin=scopes.class_exists,
    )
)
@blp.response(200, PupilRowSchema(many=True))
def class_pupils(class_id: int):
    """The pupils of a class with their enrolment state (audited read)."""
    return services.class_pupils(current_user, class_id)
