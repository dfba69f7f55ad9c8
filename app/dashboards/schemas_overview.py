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


class TodoClassSchema(OutputSchema):
    class_id = ma.fields.Integer(required=True)
    class_name = ma.fields.String(required=True)
    jahrgang = ma.fields.String(required=True)
    booking_requests = ma.fields.Integer(
        required=True, metadata={"description": "Bookings of the class waiting for confirmation"}
    )
    pending_reports = ma.fields.Integer(
        required=True, metadata={"description": "Pupils' Anschluss reports waiting for a decision"}
    )
    overdue_agreements = ma.fields.Integer(
        required=True,
        metadata={"description": "Pupils whose Anschlussvereinbarung has an overdue next step"},
    )


class TodoTotalsSchema(OutputSchema):
    booking_requests = ma.fields.Integer(required=True)
    pending_reports = ma.fields.Integer(required=True)
    overdue_agreements = ma.fields.Integer(required=True)


class StaffTodoSchema(OutputSchema):
    """What waits for a class teacher or StuBO, per class (counts only)."""

    classes = ma.fields.List(ma.fields.Nested(TodoClassSchema), required=True)
    totals = ma.fields.Nested(TodoTotalsSchema, required=True)
    unread_notifications = ma.fields.Integer(required=True)
