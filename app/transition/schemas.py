"""Schemas of the transition: incoming pupils, arrivals, Schulpflicht, alerts, transfers."""

from __future__ import annotations

import marshmallow as ma

from app.anschluss.models import APPLICATION_STATUSES, ARRIVALS, CLOSE_REASONS, STATUSES
from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import InputSchema, OutputSchema

f = ma.fields
DUTY_STATUSES = ("full_time", "training", "sek2", "ended", "unknown")


class IncomingQuerySchema(PageQuerySchema):
    pending = f.Boolean(load_default=False, metadata={"description": "Only without arrival"})


class DutyFlagSchema(OutputSchema):
    status = f.String(required=True, validate=ma.validate.OneOf(DUTY_STATUSES))
    until = f.Date(allow_none=True)
    flagged = f.Boolean(
        required=True, metadata={"description": "Still obliged to attend school, no place"}
    )


class TransferDataSchema(OutputSchema):
    """The VO-DV I § 7 data set, once the leaving school has passed it on."""

    transferred_at = f.DateTime(required=True)
    street = f.String(allow_none=True)
    postcode = f.String(allow_none=True)
    city = f.String(allow_none=True)
    email = f.String(allow_none=True)
    school_number = f.String(allow_none=True, metadata={"description": "Schülernummer"})
    class_name = f.String(allow_none=True)
    certificate = f.String(allow_none=True)


class IncomingItemSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    first_name = f.String(required=True)
    last_name = f.String(required=True)
    birth_date = f.Date(allow_none=True)
    leaving_school = f.String(required=True)
    option_code = f.String(allow_none=True)
    application_status = f.String(required=True, validate=ma.validate.OneOf(APPLICATION_STATUSES))
    starts_on = f.Date(allow_none=True)
    arrival = f.String(allow_none=True, validate=ma.validate.OneOf(ARRIVALS))
    schulpflicht = f.Nested(DutyFlagSchema, required=True)
    transfer = f.Nested(TransferDataSchema, allow_none=True)


class IncomingPageSchema(PageSchema):
    items = f.List(f.Nested(IncomingItemSchema), required=True)


class ArrivalItemSchema(InputSchema):
    pupil_id = f.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    result = f.String(required=True, validate=ma.validate.OneOf(ARRIVALS))


class ArrivalsInputSchema(InputSchema):
    items = f.List(
        f.Nested(ArrivalItemSchema), required=True, validate=ma.validate.Length(min=1, max=500)
    )


class ArrivalsResultSchema(OutputSchema):
    arrived = f.Integer(required=True)
    no_show = f.Integer(required=True)
    unchanged = f.Integer(required=True)


class DutyReasonSchema(OutputSchema):
    code = f.String(required=True, metadata={"description": "Explanation key (see the docs)"})
    date = f.Date()


class SchulpflichtSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    status = f.String(required=True, validate=ma.validate.OneOf(DUTY_STATUSES))
    until = f.Date(allow_none=True)
    obliged = f.Boolean(required=True)
    place = f.String(required=True)
    flagged = f.Boolean(required=True)
    reasons = f.List(f.Nested(DutyReasonSchema), required=True)
    legal_basis = f.String(required=True)


class AlertQuerySchema(InputSchema):
    open = f.Boolean(load_default=True, metadata={"description": "Only unresolved alerts"})


class AlertSchema(OutputSchema):
    id = f.Integer(required=True)
    kind = f.String(required=True)
    pupil_id = f.Integer(allow_none=True, metadata={"description": "Null where not named"})
    first_name = f.String(allow_none=True)
    last_name = f.String(allow_none=True)
    school_name = f.String(required=True, metadata={"description": "The leaving school"})
    reported_by = f.String(required=True, metadata={"description": "The receiving school"})
    schulpflichtig = f.Boolean(required=True)
    case_id = f.Integer(allow_none=True)
    created_at = f.DateTime(required=True)
    resolved_at = f.DateTime(allow_none=True)


class SchoolTransferInputSchema(InputSchema):
    school_id = f.Integer(
        required=True,
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "The receiving or responsible Berufskolleg"},
    )


class SchoolTransferSchema(OutputSchema):
    id = f.Integer(required=True)
    pupil_id = f.Integer(required=True)
    recipient_school_id = f.Integer(required=True)
    recipient_name = f.String(required=True)
    legal_basis = f.String(required=True)
    fields = f.List(f.String(), required=True)
    handed_over_at = f.DateTime(required=True)


class CohortQuerySchema(PageQuerySchema):
    school_year_id = f.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Default: last school year's leavers from August to January"},
    )
    open_only = f.Boolean(load_default=False, metadata={"description": "Records not closed"})


class CohortItemSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    first_name = f.String(required=True)
    last_name = f.String(required=True)
    class_name = f.String(required=True)
    status = f.String(required=True, validate=ma.validate.OneOf(STATUSES))
    option_code = f.String(allow_none=True)
    achieved_certificate = f.String(allow_none=True)
    closed_reason = f.String(allow_none=True, validate=ma.validate.OneOf(CLOSE_REASONS))
    application_status = f.String(allow_none=True)
    target_name = f.String(allow_none=True)
    arrival = f.String(allow_none=True)
    open_alert = f.Boolean(required=True)
    schulpflicht = f.Nested(DutyFlagSchema, required=True)


class CohortPageSchema(PageSchema):
    school_year = f.String(allow_none=True)
    items = f.List(f.Nested(CohortItemSchema), required=True)
