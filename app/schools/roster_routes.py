"""Route for importing a class roster (SchILD-NRW CSV) with preview and all-or-nothing commit."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, current_app
from flask_login import current_user
from flask_smorest.fields import Upload

from app.core import i18n
from app.core.api import problems
from app.core.multipart import MultipartBlueprint
from app.core.policy import access, allow
from app.core.problems import ProblemSchema, problem_response
from app.core.ratelimits import account_or_ip
from app.core.request_guards import body_limit
from app.core.schemas import InputSchema, OutputSchema
from app.extensions import limiter
from app.schools import roster, scopes

blp = MultipartBlueprint(
    "roster", __name__, url_prefix="/api/v1", description="Class roster import"
)


def _import_limit() -> str:
    return current_app.config["ROSTER_IMPORT_RATE_LIMIT"]


# Anti-automation (ASVS 2.4.1): each import matches ids against the whole school, so a budget
# per account, counted in the limiter's shared storage (Redis in production).
roster_import_limit = limiter.shared_limit(
    _import_limit, scope="roster-imports", key_func=account_or_ip
)


class RosterUploadSchema(InputSchema):
    file = Upload(
        required=True,
        metadata={
            "description": "CSV as SchILD-NRW exports it: `;`-separated, UTF-8 or Windows-1252, "
            "header row with Nachname, Vorname, Geburtsdatum (TT.MM.JJJJ), an id column "
            "(Interne ID-Nummer, ID, Schüler-ID or externe ID); optional Klasse, Geschlecht, "
            "Straße, PLZ, Ort, E-Mail. At most 2 MB and 2000 rows."
        },
    )
    mode = ma.fields.String(
        load_default="preview",
        validate=ma.validate.OneOf(roster.MODES),
        metadata={"description": "`preview` writes nothing; `commit` writes all rows or none."},
    )
    confirm_moves = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "StuBO/admin: confirm that the pupils listed under `moves` change "
            "class (a commit with moves is refused without it). Teachers never move pupils."
        },
    )


class CreatedRowSchema(OutputSchema):
    row = ma.fields.Integer(required=True)
    external_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)


class UpdatedRowSchema(OutputSchema):
    row = ma.fields.Integer(required=True)
    external_id = ma.fields.String(required=True)
    changes = ma.fields.List(ma.fields.String(), required=True)


class MovedRowSchema(OutputSchema):
    row = ma.fields.Integer(required=True)
    external_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    from_class = ma.fields.String(required=True, metadata={"description": "Their class so far"})


class RejectedRowSchema(OutputSchema):
    row = ma.fields.Integer(required=True, metadata={"description": "Spreadsheet row (header = 1)"})
    field = ma.fields.String(required=True, metadata={"description": "Column header in the file"})
    reason_de = ma.fields.String(required=True)
    reason_en = ma.fields.String(required=True)


class RosterReportSchema(OutputSchema):
    mode = ma.fields.String(required=True)
    committed = ma.fields.Boolean(required=True)
    created = ma.fields.List(ma.fields.Nested(CreatedRowSchema), required=True)
    updated = ma.fields.List(
        ma.fields.Nested(UpdatedRowSchema),
        required=True,
        metadata={
            "description": "Per-field changes only for pupils already in the caller's reach; a "
            "pupil joining the class from no class shows only `class`"
        },
    )
    moves = ma.fields.List(
        ma.fields.Nested(MovedRowSchema),
        required=True,
        metadata={"description": "Pupils who would leave another class of the school year"},
    )
    moves_confirmed = ma.fields.Boolean(required=True)
    unchanged = ma.fields.Integer(required=True)
    rejected = ma.fields.List(ma.fields.Nested(RejectedRowSchema), required=True)


class RosterRejectedSchema(ProblemSchema):
    """422 of a commit with invalid rows or unconfirmed moves: the whole report attached."""

    report = ma.fields.Nested(RosterReportSchema)


def _unconfirmed_moves_response(report: dict) -> Response:
    return problem_response(
        422,
        "roster-moves-unconfirmed",
        errors={"confirm_moves": ["roster-moves-unconfirmed"]},
        members={"report": report},
        count=len(report["moves"]),
    )


def _rejected_response(report: dict) -> Response:
    """422 naming every rejected row (reasons in the request's language) plus the report."""
    reason = "reason_en" if i18n.request_language() == "en" else "reason_de"
    errors = {"file": ["roster-rows-rejected"]}
    for item in report["rejected"]:
        errors.setdefault(f"rows.{item['row']}.{item['field']}", []).append(item[reason])
    return problem_response(
        422,
        "roster-rows-rejected",
        errors=errors,
        members={"report": report},
        count=len(report["rejected"]),
    )


@blp.route("/classes/<int:class_id>/roster-imports", methods=["POST"])
@access(
    allow(
        "The class teacher and the school's StuBO import their pupils; admins",
        teacher=scopes.class_taught,
        stubo=scopes.class_in_own_school,
        admin=scopes.class_exists,
    )
)
@roster_import_limit
@body_limit(roster.MAX_BYTES + 64 * 1024)  # the file's own limit plus the form around it
@blp.arguments(RosterUploadSchema, location="multipart")
@blp.response(200, RosterReportSchema)
@problems(blp, (413, "The file is larger than 2 MB."))
@problems(
    blp,
    (
        422,
        "Unreadable file, missing column, too many rows, or (commit) invalid rows — "
        "then nothing is saved and `report` lists every rejected row (roster-rows-rejected) — "
        "or moves between classes without `confirm_moves` (roster-moves-unconfirmed).",
        RosterRejectedSchema,
    ),
    (429, "Too many imports from this account; wait for Retry-After (rate-limited)."),
)
def import_roster(form, class_id: int):
    """Preview or commit a class roster from a SchILD-NRW CSV export."""
    data = roster.read_upload(form["file"].stream)
    report = roster.import_roster(
        current_user, class_id, data, form["mode"], confirm_moves=form["confirm_moves"]
    )
    if form["mode"] == "commit" and not report["committed"]:
        if report["rejected"]:
            return _rejected_response(report)
        return _unconfirmed_moves_response(report)
    return report
