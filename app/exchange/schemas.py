"""Schemas of the KAoA export (SVWS `SchuelerKAoADaten`) and of the SVWS connection."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema

f = ma.fields


class ExportQuerySchema(InputSchema):
    school_year_id = f.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Default: the school year running today"},
    )


class SchuelerKAoADatenSchema(OutputSchema):
    """The SVWS-Server's DTO: ids of its KAoA catalogues; -1 = not assigned yet."""

    id = f.Integer(required=True, metadata={"description": "SVWS id of the record; -1 new"})
    abschnitt = f.Integer(
        required=True, metadata={"description": "SVWS id of the Lernabschnitt; -1: by schuljahr"}
    )
    jahrgang = f.String(required=True, metadata={"example": "09"})
    kategorie = f.Integer(required=True)
    merkmal = f.Integer(required=True)
    zusatzmerkmal = f.Integer(allow_none=True)
    anschlussoption = f.Integer(allow_none=True)
    berufsfeld = f.Integer(allow_none=True)
    ebene4 = f.Integer(allow_none=True)
    bemerkung = f.String(allow_none=True)


class SkippedSchema(OutputSchema):
    sbo = f.String(required=True)
    reason = f.String(required=True)


class ExportPupilSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    external_id = f.String(allow_none=True, metadata={"description": "SchILD Interne ID-Nummer"})
    last_name = f.String(required=True)
    first_name = f.String(required=True)
    birth_date = f.Date(allow_none=True)
    jahrgang = f.String(required=True)
    schuljahr = f.Integer(required=True)
    halbjahr = f.Integer(required=True)
    kaoa = f.List(f.Nested(SchuelerKAoADatenSchema), required=True)
    skipped = f.List(f.Nested(SkippedSchema), required=True)


class ExportSchoolSchema(OutputSchema):
    schulnummer = f.String(required=True)
    name = f.String(required=True)


class KaoaExportSchema(OutputSchema):
    format = f.String(required=True)
    catalogue = f.String(required=True)
    school = f.Nested(ExportSchoolSchema, required=True)
    school_year = f.String(required=True)
    generated_at = f.DateTime(required=True)
    pupils = f.List(f.Nested(ExportPupilSchema), required=True)


class SvwsConnectionInputSchema(InputSchema):
    base_url = f.String(required=True, validate=ma.validate.Length(min=8, max=255))
    schema = f.String(
        required=True, validate=ma.validate.Regexp(r"^[A-Za-z0-9_\-]{1,64}$", error="pattern")
    )
    username = f.String(required=True, validate=ma.validate.Length(min=1, max=120))
    password = f.String(
        validate=ma.validate.Length(min=1, max=200),
        load_only=True,
        metadata={"description": "Stored encrypted, never sent back; omit to keep it"},
    )
    verify_tls = f.Boolean(load_default=True)


class SvwsConnectionSchema(OutputSchema):
    configured = f.Boolean(required=True)
    base_url = f.String()
    schema = f.String()
    username = f.String()
    verify_tls = f.Boolean()
    updated_at = f.DateTime()


class PushSkippedSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    reason = f.String(required=True)


class PushFailedSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    status = f.Integer(required=True, metadata={"description": "HTTP status; 0 unreachable"})


class PushResultSchema(OutputSchema):
    school_year = f.String(required=True)
    created = f.Integer(required=True)
    updated = f.Integer(required=True)
    unchanged = f.Integer(required=True)
    skipped = f.List(f.Nested(PushSkippedSchema), required=True)
    failed = f.List(f.Nested(PushFailedSchema), required=True)
