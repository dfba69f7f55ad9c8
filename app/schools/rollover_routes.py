"""Route of the school-year rollover: preview, then commit (also `flask schoolyear rollover`)."""

from __future__ import annotations

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.core.schemas import InputSchema, OutputSchema
from app.schools import rollover

blp = Blueprint("rollover", __name__, url_prefix="/api/v1", description="School-year rollover")
f = ma.fields


class RolloverInputSchema(InputSchema):
    mode = f.String(
        required=True,
        validate=ma.validate.OneOf(rollover.MODES),
        metadata={"description": "`preview` writes nothing; `commit` opens the new year"},
    )
    school_id = f.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "One school (a StuBO: only the own; default for admins: all)"},
    )
    school_year = f.String(
        validate=ma.validate.Regexp(r"^\d{4}/\d{2}$"),
        metadata={"description": "The year to open, e.g. 2027/28 (default: the one running)"},
    )


class MoveSchema(OutputSchema):
    class_id = f.Integer(required=True)
    from_name = f.String(required=True)
    to_name = f.String(required=True)
    jahrgang = f.String(required=True)
    pupils = f.Integer(required=True)
    teachers = f.Integer(required=True)
    done = f.Boolean(required=True, metadata={"description": "The new class exists already"})


class ArchiveSchema(OutputSchema):
    class_id = f.Integer(required=True)
    name = f.String(required=True)
    pupils = f.Integer(required=True)
    done = f.Boolean(required=True)


class SchoolResultSchema(OutputSchema):
    teachers = f.Integer(required=True)
    archived = f.Integer(required=True)


class SchoolPlanSchema(OutputSchema):
    school_id = f.Integer(required=True)
    school_name = f.String(required=True)
    moves = f.List(f.Nested(MoveSchema), required=True)
    archived = f.List(f.Nested(ArchiveSchema), required=True)
    result = f.Nested(SchoolResultSchema, allow_none=True)


class RolloverSchema(OutputSchema):
    mode = f.String(required=True)
    committed = f.Boolean(required=True)
    from_year = f.String(required=True)
    to_year = f.String(required=True)
    schools = f.List(f.Nested(SchoolPlanSchema), required=True)


@blp.route("/school-years/rollover", methods=["POST"])
@access(
    allow(
        "The StuBO opens the new school year for the own school (checked in the service, the "
        "school is in the body); admins for any or all schools",
        stubo=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(RolloverInputSchema)
@blp.response(200, RolloverSchema)
@problems(blp, (422, "Unknown school or school year, or no previous school year"))
def post_rollover(data: dict):
    """Move classes up (8a → 9a) with pupils and teachers, archive leaving classes; idempotent."""
    return rollover.rollover(
        current_user, data["mode"], data.get("school_id"), data.get("school_year")
    )
