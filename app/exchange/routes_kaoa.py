"""Routes of the year-end KAoA export (JSON in the SVWS shape, CSV for SchILD) and of the
push to the school's SVWS-Server with its connection."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.exchange import kaoa_csv, kaoa_export, svws_push
from app.exchange.schemas import (
    ExportQuerySchema,
    KaoaExportSchema,
    PushResultSchema,
    SvwsConnectionInputSchema,
    SvwsConnectionSchema,
)
from app.schools import scopes

blp = Blueprint(
    "kaoa_exchange",
    __name__,
    url_prefix="/api/v1",
    description="KAoA data for the school's administration software (SVWS-Server, SchILD-NRW)",
)
SCHOOL_ADMIN = allow(
    "The school's StuBO hands the KAoA records to the school's administration software; admins",
    stubo=scopes.school_is_own,
    admin=scopes.school_exists,
)


@blp.route("/schools/<int:school_id>/kaoa-export.json", methods=["GET"])
@access(SCHOOL_ADMIN)
@export_limit
@blp.arguments(ExportQuerySchema, location="query")
@blp.response(200, KaoaExportSchema)
@problems(blp, (404, "No such school or school year"), (429, EXPORT_LIMIT_DOC))
def export_json(query: dict, school_id: int):
    """Per pupil the KAoA records as SVWS `SchuelerKAoADaten` (catalogue ids; audited)."""
    return kaoa_export.export(current_user, school_id, query.get("school_year_id"))


@blp.route("/schools/<int:school_id>/kaoa-export.csv", methods=["GET"])
@access(SCHOOL_ADMIN)
@export_limit
@blp.arguments(ExportQuerySchema, location="query")
@blp.response(200, content_type="text/csv", description="One line per KAoA record")
@problems(blp, (404, "No such school or school year"), (429, EXPORT_LIMIT_DOC))
def export_csv(query: dict, school_id: int):
    """The same records as a CSV for SchILD-NRW's text import (audited)."""
    document = kaoa_export.export(current_user, school_id, query.get("school_year_id"))
    return Response(
        kaoa_csv.render(document),
        mimetype="text/csv",
        headers={
            "Content-Disposition": 'attachment; filename="kaoa-daten.csv"',
            "Cache-Control": "no-store",
        },
    )


@blp.route("/schools/<int:school_id>/svws-connection", methods=["GET"])
@access(SCHOOL_ADMIN)
@blp.response(200, SvwsConnectionSchema)
def get_connection(school_id: int):
    """The school's SVWS-Server connection (never its password)."""
    return svws_push.connection_view(school_id)


@blp.route("/schools/<int:school_id>/svws-connection", methods=["PUT"])
@access(SCHOOL_ADMIN)
@blp.arguments(SvwsConnectionInputSchema)
@blp.response(200, SvwsConnectionSchema)
@problems(
    blp,
    (409, "No key to encrypt credentials (CREDENTIALS_KEY)"),
    (422, "Not an https address, or the first password is missing"),
)
def put_connection(data: dict, school_id: int):
    """Set address, schema and login; the password is stored encrypted."""
    return svws_push.save_connection(current_user, school_id, data)


@blp.route("/schools/<int:school_id>/svws-connection", methods=["DELETE"])
@access(SCHOOL_ADMIN)
@blp.response(204)
def delete_connection(school_id: int):
    """Remove the connection and its credentials."""
    svws_push.delete_connection(school_id)
    return None


@blp.route("/schools/<int:school_id>/kaoa-export/push", methods=["POST"])
@access(SCHOOL_ADMIN)
@export_limit
@blp.arguments(ExportQuerySchema, location="query")
@blp.response(200, PushResultSchema)
@problems(
    blp,
    (404, "No such school or school year"),
    (409, "No SVWS-Server set up, or its credentials cannot be read"),
    (429, EXPORT_LIMIT_DOC),
)
def push(query: dict, school_id: int):
    """Send the KAoA records to the school's SVWS-Server (create or patch; idempotent)."""
    return svws_push.push(current_user, school_id, query.get("school_year_id"))
