"""Schemas of Bewerbungen (applications) and of the achieved certificate."""

from __future__ import annotations

import marshmallow as ma

from app.anschluss.models import (
    APPLICATION_SOURCES,
    APPLICATION_STATUSES,
    ARRIVALS,
    TARGET_KINDS,
)
from app.anschluss.schemas import AnschlussSchema
from app.core.schemas import InputSchema, OutputSchema


def _option():
    return ma.fields.String(validate=ma.validate.Length(min=1, max=16), allow_none=True)


class ApplicationFieldsSchema(InputSchema):
    """What the pupil and staff may set on an application."""

    target_school_id = ma.fields.Integer(
        allow_none=True,
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "A school of the NRW list (target_kind school)"},
    )
    target_name = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "Company or free text (target_kind company / other)"},
    )
    option_code = _option()
    applied_on = ma.fields.Date(allow_none=True)
    decided_on = ma.fields.Date(allow_none=True)
    starts_on = ma.fields.Date(allow_none=True)
    is_chosen = ma.fields.Boolean(metadata={"description": "This application is the Anschluss"})
    is_fallback = ma.fields.Boolean(metadata={"description": "A secured fallback place"})


class ApplicationInputSchema(ApplicationFieldsSchema):
    target_kind = ma.fields.String(required=True, validate=ma.validate.OneOf(TARGET_KINDS))
    status = ma.fields.String(
        load_default="geplant", validate=ma.validate.OneOf(APPLICATION_STATUSES)
    )


class ApplicationPatchSchema(ApplicationFieldsSchema):
    target_kind = ma.fields.String(validate=ma.validate.OneOf(TARGET_KINDS))
    status = ma.fields.String(validate=ma.validate.OneOf(APPLICATION_STATUSES))
    confirmed = ma.fields.Boolean(
        metadata={"description": "Staff only: confirm (true) or withdraw the confirmation"}
    )


class ApplicationSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    pupil_id = ma.fields.Integer(required=True)
    target_kind = ma.fields.String(required=True)
    target_school_id = ma.fields.Integer(allow_none=True)
    target_school_name = ma.fields.String(allow_none=True)
    target_name = ma.fields.String(required=True)
    option_code = ma.fields.String(allow_none=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(APPLICATION_STATUSES))
    applied_on = ma.fields.Date(allow_none=True)
    decided_on = ma.fields.Date(allow_none=True)
    starts_on = ma.fields.Date(allow_none=True)
    is_chosen = ma.fields.Boolean(required=True)
    is_fallback = ma.fields.Boolean(required=True)
    source = ma.fields.String(required=True, validate=ma.validate.OneOf(APPLICATION_SOURCES))
    confirmed = ma.fields.Boolean(required=True)
    confirmed_at = ma.fields.DateTime(allow_none=True)
    arrival = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(ARRIVALS))
    certificate_fit = ma.fields.Boolean(
        allow_none=True,
        metadata={
            "description": "Option fits the achieved (else expected) certificate; "
            "null when either is unknown"
        },
    )
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


class ApplicationListSchema(OutputSchema):
    school_year = ma.fields.String(allow_none=True, metadata={"description": "The record year"})
    closed = ma.fields.Boolean(required=True, metadata={"description": "Read-only record"})
    items = ma.fields.List(ma.fields.Nested(ApplicationSchema), required=True)


class AchievedCertificateInputSchema(InputSchema):
    certificate = ma.fields.String(
        required=True,
        allow_none=True,
        validate=ma.validate.Length(min=1, max=16),
        metadata={"description": "Leaving certificate key (SBO_10_7_1 … SBO_10_7_13); null clears"},
    )


class MismatchSchema(OutputSchema):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(("anschluss", "application")))
    id = ma.fields.Integer(required=True)
    option_code = ma.fields.String(required=True)


class AchievedCertificateSchema(OutputSchema):
    anschluss = ma.fields.Nested(AnschlussSchema, required=True)
    mismatches = ma.fields.List(ma.fields.Nested(MismatchSchema), required=True)


class TargetSchoolSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    is_berufskolleg = ma.fields.Boolean(required=True)
