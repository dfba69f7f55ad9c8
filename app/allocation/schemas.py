"""Request and response schemas of allocation rounds."""

from __future__ import annotations

import marshmallow as ma

from app.allocation.models import MAX_CHOICES, ROUND_STATES
from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import InputSchema, OutputSchema
from app.schools.models import JAHRGAENGE


class RoundCreateSchema(InputSchema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=120))
    school_id = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1))
    kommune_id = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1))
    period_start = ma.fields.Date(required=True)
    period_end = ma.fields.Date(required=True)
    preference_deadline = ma.fields.AwareDateTime(
        required=True, metadata={"description": "ISO 8601 with time zone"}
    )
    max_choices = ma.fields.Integer(
        load_default=MAX_CHOICES, validate=ma.validate.Range(min=1, max=MAX_CHOICES)
    )
    seed = ma.fields.Integer(
        allow_none=True,
        validate=ma.validate.Range(min=0, max=2**31 - 1),
        metadata={"description": "Random seed for tie-breaking; drawn and stored when omitted"},
    )
    jahrgang = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(JAHRGAENGE))
    leaving_only = ma.fields.Boolean(load_default=False)


class RoundQuerySchema(PageQuerySchema):
    status = ma.fields.String(validate=ma.validate.OneOf(ROUND_STATES))


class PreferencesSchema(InputSchema):
    choices = ma.fields.List(
        ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1)),
        required=True,
        validate=ma.validate.Length(max=MAX_CHOICES),
        metadata={"description": "Slot ids, most wanted first; [] withdraws"},
    )


class RoundSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    school_id = ma.fields.Integer(allow_none=True)
    kommune_id = ma.fields.Integer(allow_none=True)
    scope_name = ma.fields.String(required=True)
    period_start = ma.fields.Date(required=True)
    period_end = ma.fields.Date(required=True)
    preference_deadline = ma.fields.DateTime(required=True)
    deadline_passed = ma.fields.Boolean(required=True)
    max_choices = ma.fields.Integer(required=True)
    seed = ma.fields.Integer(required=True)
    jahrgang = ma.fields.String(allow_none=True)
    leaving_only = ma.fields.Boolean(required=True)
    status = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)
    run_at = ma.fields.DateTime(allow_none=True)
    published_at = ma.fields.DateTime(allow_none=True)
    published_by_id = ma.fields.Integer(allow_none=True)
    ranked_pupils = ma.fields.Integer(required=True)
    my_choice_count = ma.fields.Integer(allow_none=True)


class RoundPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(RoundSchema), required=True)


class SlotSummarySchema(OutputSchema):
    slot_id = ma.fields.Integer(required=True)
    offer_id = ma.fields.Integer(required=True)
    offer_title = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    provider_name = ma.fields.String(required=True)
    berufsfelder = ma.fields.List(ma.fields.String(), required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    daily_start = ma.fields.String(required=True)
    daily_end = ma.fields.String(required=True)
    postcode = ma.fields.String(required=True)
    city = ma.fields.String(required=True)
    capacity = ma.fields.Integer(required=True)
    free = ma.fields.Integer(required=True)
    min_jahrgang = ma.fields.Integer(required=True)


class ChoiceSchema(SlotSummarySchema):
    rank = ma.fields.Integer(required=True)


class MyResultSchema(OutputSchema):
    placed = ma.fields.Boolean(required=True)
    rank = ma.fields.Integer(allow_none=True)
    slot = ma.fields.Nested(SlotSummarySchema, allow_none=True)


class OverviewSchema(OutputSchema):
    eligible_pupils = ma.fields.Integer(required=True)
    ranked_pupils = ma.fields.Integer(required=True)
    slots = ma.fields.Integer(required=True)
    seats = ma.fields.Integer(required=True)


class UnassignedPupilSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    school = ma.fields.String(required=True)
    class_name = ma.fields.String(required=True)
    outcome = ma.fields.String(required=True, metadata={"description": "unassigned or failed"})
    reason = ma.fields.String(
        required=True, metadata={"description": "Why, in the request's language"}
    )
    reason_code = ma.fields.String(
        required=True, metadata={"description": "Stable code of the reason (allocation-…)"}
    )


class UnassignedCountSchema(OutputSchema):
    school_id = ma.fields.Integer(required=True)
    school = ma.fields.String(required=True)
    unassigned = ma.fields.Integer(required=True, metadata={"description": "Pupils left out"})


_UNASSIGNED = {
    "description": "Names and classes of unplaced pupils: only the StuBO, only the own school"
}
_BY_SCHOOL = {"description": "Unplaced pupils per school, counts only (issue 9, M4)"}


class RoundDetailSchema(OutputSchema):
    """Pupils get `eligible`, `my_choices`, `my_result`; coordinators the other fields."""

    round = ma.fields.Nested(RoundSchema, required=True)
    eligible = ma.fields.Boolean()
    my_choices = ma.fields.List(ma.fields.Nested(ChoiceSchema))
    my_result = ma.fields.Nested(MyResultSchema)
    overview = ma.fields.Nested(OverviewSchema)
    result = ma.fields.Dict(
        allow_none=True,
        metadata={"description": "Figures of the last run: optimal vs. fcfs shares, fields"},
    )
    unassigned = ma.fields.List(ma.fields.Nested(UnassignedPupilSchema), metadata=_UNASSIGNED)
    unassigned_by_school = ma.fields.List(
        ma.fields.Nested(UnassignedCountSchema), metadata=_BY_SCHOOL
    )


class PublishResultSchema(OutputSchema):
    round = ma.fields.Nested(RoundSchema, required=True)
    booked = ma.fields.Integer(required=True)
    unassigned = ma.fields.List(ma.fields.Nested(UnassignedPupilSchema), metadata=_UNASSIGNED)
    unassigned_by_school = ma.fields.List(
        ma.fields.Nested(UnassignedCountSchema), required=True, metadata=_BY_SCHOOL
    )
