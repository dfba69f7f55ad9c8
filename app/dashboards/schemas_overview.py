"""Schemas of the pupil's overview (GET /me/overview)."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import OutputSchema


class OverviewQuestionnaireSchema(OutputSchema):
    done = ma.fields.Boolean(required=True)
    runs = ma.fields.Integer(required=True)
    last_at = ma.fields.DateTime(allow_none=True)


class OverviewStepsSchema(OutputSchema):
    total = ma.fields.Integer(required=True)
    done = ma.fields.Integer(required=True)
    planned = ma.fields.Integer(required=True)


class OverviewBfeSchema(OutputSchema):
    days_done = ma.fields.Integer(required=True)
    days_planned = ma.fields.Integer(required=True)
    required_days = ma.fields.Integer(required=True)
    complete = ma.fields.Boolean(required=True)
    relevant = ma.fields.Boolean(required=True, metadata={"description": "BFE is in the plan"})


class OverviewBookingsSchema(OutputSchema):
    requested = ma.fields.Integer(required=True)
    confirmed = ma.fields.Integer(required=True)


class OverviewNextStepSchema(OutputSchema):
    kind = ma.fields.String(
        required=True,
        metadata={
            "description": "agreement_step, booking_pending, questionnaire, bfe, "
            "booking_upcoming or portfolio_step; the app words it"
        },
    )
    text = ma.fields.String(metadata={"description": "The agreed step as written"})
    title = ma.fields.String(metadata={"description": "The offer's title"})
    provider_name = ma.fields.String()
    due_on = ma.fields.Date(allow_none=True)
    overdue = ma.fields.Boolean()
    count = ma.fields.Integer()
    total = ma.fields.Integer()
    step_id = ma.fields.Integer(allow_none=True)
    step_kind = ma.fields.String()
    sequence = ma.fields.Integer()


class PupilOverviewSchema(OutputSchema):
    jahrgang = ma.fields.String(allow_none=True)
    questionnaire = ma.fields.Nested(OverviewQuestionnaireSchema, required=True)
    steps = ma.fields.Nested(OverviewStepsSchema, required=True)
    bfe = ma.fields.Nested(OverviewBfeSchema, required=True)
    bookings = ma.fields.Nested(OverviewBookingsSchema, required=True)
    next_steps = ma.fields.List(ma.fields.Nested(OverviewNextStepSchema), required=True)
