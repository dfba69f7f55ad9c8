"""Schemas of the pupil's own declaration of their plan during a round."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema
from app.verantwortungskette.round_models import PLANS

f = ma.fields
validate = ma.validate


class PlanDeclarationSchema(OutputSchema):
    id = f.Integer(required=True)
    identification_round_id = f.Integer(allow_none=True)
    plan = f.String(required=True, validate=validate.OneOf(PLANS))
    secured = f.Boolean(required=True)
    note = f.String(required=True)
    declared_at = f.DateTime(required=True)
    confirmed_at = f.DateTime(allow_none=True)


class PlanDeclarationInputSchema(InputSchema):
    plan = f.String(required=True, validate=validate.OneOf(PLANS))
    secured = f.Boolean(
        load_default=False, metadata={"description": "I have a contract or an admission"}
    )
    note = f.String(load_default="", validate=validate.Length(max=200))


class MyDeclarationsSchema(OutputSchema):
    round = f.Nested("IdentificationRoundSchema", allow_none=True)
    asked = f.Boolean(required=True, metadata={"description": "a round asks me now"})
    answered = f.Boolean(required=True, metadata={"description": "I answered this round"})
    plans = f.List(f.String(), required=True)
    declarations = f.List(f.Nested(PlanDeclarationSchema), required=True)
