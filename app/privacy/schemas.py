"""Schema of the pupil's data export (Art. 15, 20 DSGVO)."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import OutputSchema
from app.families.schemas import LinkUseSchema
from app.portfolio.schemas import (
    PortfolioAttributionsSchema,
    PortfolioExportProfileSchema,
    PortfolioExportPupilSchema,
    PortfolioShareHistorySchema,
    PortfolioStepSchema,
)
from app.verantwortungskette.schemas_cases import DisclosuresSchema


class ExportAccessSchema(OutputSchema):
    role = ma.fields.String(required=True)
    school_name = ma.fields.String(allow_none=True, required=True)
    action = ma.fields.String(required=True)
    purpose = ma.fields.String(required=True)
    count = ma.fields.Integer(required=True)
    first_at = ma.fields.DateTime(required=True)
    last_at = ma.fields.DateTime(required=True)


# category → table → the pupil's rows (column → value), see app/privacy/export_records.py
_SECTION = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.Dict()))


class PortfolioExportSchema(OutputSchema):
    format = ma.fields.String(required=True)
    exported_at = ma.fields.DateTime(required=True)
    pupil = ma.fields.Nested(PortfolioExportPupilSchema, required=True)
    interest_profiles = ma.fields.List(
        ma.fields.Nested(PortfolioExportProfileSchema), required=True
    )
    steps = ma.fields.List(ma.fields.Nested(PortfolioStepSchema), required=True)
    shares = ma.fields.List(ma.fields.Nested(PortfolioShareHistorySchema), required=True)
    sections = ma.fields.Dict(
        keys=ma.fields.String(),
        values=_SECTION,
        required=True,
        metadata={"description": "Every other feature's rows of the pupil, per category"},
    )
    access_log = ma.fields.List(
        ma.fields.Nested(ExportAccessSchema),
        required=True,
        metadata={"description": "Access to the pupil's data by role and school (no names)"},
    )
    attributions = ma.fields.Nested(PortfolioAttributionsSchema, required=True)


class MyDisclosuresSchema(DisclosuresSchema):
    guardian_link_uses = ma.fields.List(ma.fields.Nested(LinkUseSchema), required=True)
