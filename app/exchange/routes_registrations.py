"""Route of the registrations import (CSV of a registration portal): preview, then commit."""

from __future__ import annotations

import json

import marshmallow as ma
from flask_login import current_user
from flask_smorest.fields import Upload

from app.core.api import problems
from app.core.multipart import MultipartBlueprint
from app.core.policy import access, allow
from app.core.problems import ProblemSchema, problem_response
from app.core.request_guards import body_limit
from app.core.schemas import InputSchema, OutputSchema
from app.exchange import registrations
from app.exchange.registrations_csv import FIELDS
from app.schools import roster, scopes

blp = MultipartBlueprint(
    "registration_imports",
    __name__,
    url_prefix="/api/v1",
    description="Registrations import from a registration portal (e.g. Schüler Online)",
)
f = ma.fields


class MappingField(f.Field):
    """A JSON object field → header (a multipart form carries it as text)."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            mapping = json.loads(value) if isinstance(value, str) else value
        except ValueError as error:
            raise ma.ValidationError("invalid") from error
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= 200 for k, v in mapping.items()
        ):
            raise ma.ValidationError("invalid")
        return mapping


class RegistrationUploadSchema(InputSchema):
    file = Upload(
        required=True,
        metadata={
            "description": "CSV (UTF-8 or Windows-1252; `;`, `,` or tab) with a header row; at "
            "most 2 MB and 2000 rows"
        },
    )
    mode = f.String(load_default="preview", validate=ma.validate.OneOf(roster.MODES))
    mapping = MappingField(
        metadata={
            "type": "string",
            "description": "JSON object field → header, fields: "
            + ", ".join(FIELDS)
            + ". Default: the school's saved mapping, else headers recognised by name",
        }
    )
    save_mapping = f.Boolean(
        load_default=False, metadata={"description": "Commit: keep this mapping for the school"}
    )


class ImportEntrySchema(OutputSchema):
    row = f.Integer(required=True)
    pupil_id = f.Integer(required=True)
    name = f.String(required=True)
    from_status = f.String()
    to_status = f.String(required=True)


class UnmatchedSchema(OutputSchema):
    row = f.Integer(required=True)
    reason = f.String(
        required=True,
        validate=ma.validate.OneOf(registrations.UNMATCHED_REASONS),
        metadata={"description": "pupil: nobody matches; application: none names this school"},
    )


class RejectedSchema(OutputSchema):
    row = f.Integer(required=True, metadata={"description": "Spreadsheet row (header = 1)"})
    field = f.String(required=True, metadata={"description": "Column header in the file"})
    code = f.String(required=True)
    reason = f.String(required=True, metadata={"description": "In the request's language"})


class RegistrationReportSchema(OutputSchema):
    mode = f.String(required=True)
    committed = f.Boolean(required=True)
    encoding = f.String(required=True)
    delimiter = f.String(required=True)
    headers = f.List(f.String(), required=True)
    mapping = f.Dict(keys=f.String(), values=f.String(), required=True)
    mapping_saved = f.Boolean(required=True)
    created = f.List(f.Nested(ImportEntrySchema), required=True)
    updated = f.List(f.Nested(ImportEntrySchema), required=True)
    unchanged = f.Integer(required=True)
    unmatched = f.List(f.Nested(UnmatchedSchema), required=True)
    rejected = f.List(f.Nested(RejectedSchema), required=True)


class RegistrationRejectedSchema(ProblemSchema):
    report = f.Nested(RegistrationReportSchema)


@blp.route("/schools/<int:school_id>/registration-imports", methods=["POST"])
@access(
    allow(
        "The StuBO imports the school's registrations, a Berufskolleg's coordinator its "
        "admissions; admins",
        stubo=scopes.school_is_own,
        bk_coordinator=scopes.school_is_own,
        admin=scopes.school_exists,
    )
)
@body_limit(roster.MAX_BYTES + 64 * 1024)
@blp.arguments(RegistrationUploadSchema, location="multipart")
@blp.response(200, RegistrationReportSchema)
@problems(blp, (413, "The file is larger than 2 MB."))
@problems(
    blp,
    (
        422,
        "Unreadable file, a mapping naming unknown fields or headers, missing columns, or "
        "(commit) rejected rows — then nothing is saved and `report` names every row",
        RegistrationRejectedSchema,
    ),
)
def import_registrations(form, school_id: int):
    """Preview or commit registrations; matched rows update the applications."""
    data = roster.read_upload(form["file"].stream)
    report = registrations.import_registrations(current_user, school_id, data, form)
    if form["mode"] == "commit" and not report["committed"]:
        errors = {f"rows.{r['row']}.{r['field']}": [r["reason"]] for r in report["rejected"]}
        return problem_response(
            422,
            "registration-rows-rejected",
            errors={"file": ["registration-rows-rejected"], **errors},
            members={"report": RegistrationReportSchema().dump(report)},
            count=len(report["rejected"]),
        )
    return report
