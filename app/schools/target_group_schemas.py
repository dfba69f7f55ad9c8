"""Schemas of a pupil's KAoA target groups."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema
from app.schools.models import FOERDERSCHWERPUNKTE, TARGET_GROUPS

GROUPS_DOC = (
    "sen_learning: Förderschwerpunkt Lernen / emotionale und soziale Entwicklung; star: KAoA-STAR "
    "(other Förderschwerpunkte); kaoa_kompakt: newly arrived"
)


class TargetGroupsInputSchema(InputSchema):
    target_groups = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(TARGET_GROUPS)),
        required=True,
        validate=ma.validate.Length(max=len(TARGET_GROUPS)),
        metadata={"description": GROUPS_DOC},
    )
    foerderschwerpunkt = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=ma.validate.OneOf(FOERDERSCHWERPUNKTE),
        metadata={"description": "SchILD key: LE, ES, SQ, GG, KM, HK, SE, AU"},
    )
    arrived_on = ma.fields.Date(
        load_default=None, allow_none=True, metadata={"description": "Date of arrival (Zuzug)"}
    )


class TargetGroupsSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    target_groups = ma.fields.List(
        ma.fields.String(), required=True, metadata={"description": GROUPS_DOC}
    )
    foerderschwerpunkt = ma.fields.String(allow_none=True, required=True)
    arrived_on = ma.fields.Date(allow_none=True, required=True)
    source = ma.fields.String(
        allow_none=True, required=True, metadata={"description": "import or staff; null: none"}
    )
    updated_at = ma.fields.DateTime(allow_none=True, required=True)


class KaoaSettingsSchema(OutputSchema):
    kommune_id = ma.fields.Integer(required=True)
    praxiselemente_window = ma.fields.String(
        required=True,
        metadata={"description": "EF_Q1 or Q1_Q2: when the Praxiselemente (SBO 9.1) are"},
    )
    girls_boys_day_counts = ma.fields.Boolean(
        required=True, metadata={"description": "Girls'/Boys' Day counts as one BFE day"}
    )


class KaoaSettingsInputSchema(InputSchema):
    praxiselemente_window = ma.fields.String(
        required=True, validate=ma.validate.OneOf(("EF_Q1", "Q1_Q2"))
    )
    girls_boys_day_counts = ma.fields.Boolean(required=True)
