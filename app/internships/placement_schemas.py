"""Schemas of self-found placements."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema
from app.internships.models import BERUFSFELDER, INSTITUTION_TYPES

TEXT = ma.validate.Length(max=200)


class _PlacementFields(InputSchema):
    institution_type = ma.fields.String(
        validate=ma.validate.OneOf(INSTITUTION_TYPES),
        metadata={"description": "company, university or other institution (Sek II)"},
    )
    company_name = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    street = ma.fields.String(validate=TEXT)
    postcode = ma.fields.String(validate=ma.validate.Regexp(r"^(\d{5})?$"))
    city = ma.fields.String(validate=ma.validate.Length(max=120))
    contact_name = ma.fields.String(validate=TEXT)
    contact_phone = ma.fields.String(validate=ma.validate.Length(max=40))
    contact_email = ma.fields.Email(validate=ma.validate.Length(max=255))
    berufsfeld = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(BERUFSFELDER))
    occupation = ma.fields.String(validate=TEXT)
    starts_on = ma.fields.Date()
    ends_on = ma.fields.Date()
    weekdays = ma.fields.String(
        validate=ma.validate.Regexp(r"^[0-4]{0,5}$"),
        metadata={"description": "single days: weekdays as digits (0 = Monday); '' = block"},
    )
    daily_start = ma.fields.Time(metadata={"example": "08:00"})
    daily_end = ma.fields.Time(metadata={"example": "14:30"})
    break_minutes = ma.fields.Integer(
        allow_none=True,
        validate=ma.validate.Range(min=0, max=240),
        metadata={"description": "Rest breaks within the daily times (JArbSchG § 11)"},
    )


class PlacementCreateSchema(_PlacementFields):
    company_name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    daily_start = ma.fields.Time(required=True, metadata={"example": "08:00"})
    daily_end = ma.fields.Time(required=True, metadata={"example": "14:30"})
    confirm = ma.fields.Boolean(
        load_default=False, metadata={"description": "Staff: record it as confirmed at once"}
    )


class PlacementPatchSchema(_PlacementFields):
    status = ma.fields.String(validate=ma.validate.OneOf(("confirmed", "withdrawn")))
    visiting_teacher_id = ma.fields.Integer(allow_none=True)
    visit_planned_on = ma.fields.Date(allow_none=True)
    visited_on = ma.fields.Date(allow_none=True)
    visit_note = ma.fields.String(validate=ma.validate.Length(max=2000))
    certificate_received_on = ma.fields.Date(allow_none=True)
    assessment = ma.fields.String(
        validate=ma.validate.Length(max=4000),
        metadata={"description": "The company's certificate / assessment as recorded"},
    )


class PlacementSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    pupil_id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True, metadata={"description": "praktikum or praxiselement"})
    status = ma.fields.String(
        required=True, metadata={"description": "proposed, confirmed, withdrawn"}
    )
    jahrgang = ma.fields.String(required=True)
    institution_type = ma.fields.String(required=True)
    company_name = ma.fields.String(required=True)
    street = ma.fields.String(required=True)
    postcode = ma.fields.String(required=True)
    city = ma.fields.String(required=True)
    contact_name = ma.fields.String(required=True)
    contact_phone = ma.fields.String(required=True)
    contact_email = ma.fields.String(required=True)
    berufsfeld = ma.fields.String(allow_none=True, required=True)
    occupation = ma.fields.String(required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    weekdays = ma.fields.String(required=True)
    daily_start = ma.fields.Time(required=True)
    daily_end = ma.fields.Time(required=True)
    break_minutes = ma.fields.Integer(allow_none=True, required=True)
    days = ma.fields.Integer(required=True)
    working_hours = ma.fields.Float(required=True)
    visiting_teacher_id = ma.fields.Integer(allow_none=True, required=True)
    visiting_teacher_name = ma.fields.String(allow_none=True, required=True)
    visit_planned_on = ma.fields.Date(allow_none=True, required=True)
    visited_on = ma.fields.Date(allow_none=True, required=True)
    visit_note = ma.fields.String(required=True)
    certificate_received_on = ma.fields.Date(allow_none=True, required=True)
    assessment = ma.fields.String(required=True)
    confirmed_at = ma.fields.DateTime(allow_none=True, required=True)
    agreement_url = ma.fields.String(required=True)
