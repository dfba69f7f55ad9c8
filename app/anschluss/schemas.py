"""Schemas of a pupil's Anschluss, its history, pupil reports and Anschlussvereinbarungen."""

from __future__ import annotations

import marshmallow as ma

from app.anschluss.models import (
    CLOSE_REASONS,
    EVIDENCE_KINDS,
    REPORT_STATES,
    STAFF_CLOSE_REASONS,
    STATUSES,
    STEP_OWNERS,
)
from app.core.schemas import InputSchema, OutputSchema

STUFEN = ("8", "9.1", "9.2", "10", "EF", "Q1", "Q2", "BK")


def _code():
    return ma.fields.String(validate=ma.validate.Length(min=1, max=16), allow_none=True)


class AnschlussInputSchema(InputSchema):
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    option_code = _code()
    expected_certificate = ma.fields.String(
        allow_none=True, validate=ma.validate.Length(min=1, max=16)
    )
    evidence = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(EVIDENCE_KINDS))
    lock_version = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=0),
        metadata={
            "description": "The version you read (0 before the first save); required, so an "
            "update never silently overwrites a change it did not see; a mismatch answers 409"
        },
    )
    close_reason = ma.fields.String(
        validate=ma.validate.OneOf(STAFF_CLOSE_REASONS),
        metadata={
            "description": "Close the record (read-only afterwards): start_confirmed with "
            "angetreten; handed_to_verantwortungskette with nokean or unbe; moved_away and "
            "unreachable with unbe"
        },
    )


class AnschlussSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(metadata={"description": "Staff reads only"})
    last_name = ma.fields.String(metadata={"description": "Staff reads only"})
    school_year = ma.fields.String(allow_none=True)
    status = ma.fields.String(required=True)
    option_code = ma.fields.String(allow_none=True)
    expected_certificate = ma.fields.String(allow_none=True)
    evidence = ma.fields.String(allow_none=True)
    lock_version = ma.fields.Integer(required=True)
    updated_at = ma.fields.DateTime(allow_none=True)
    secured = ma.fields.Boolean(required=True)
    achieved_certificate = ma.fields.String(allow_none=True)
    closed_at = ma.fields.DateTime(allow_none=True, metadata={"description": "Read-only since"})
    closed_reason = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(CLOSE_REASONS))


class AnschlussChangeSchema(OutputSchema):
    changed_at = ma.fields.DateTime(required=True)
    changed_by = ma.fields.String(allow_none=True)
    changed_by_role = ma.fields.String(required=True)
    source = ma.fields.String(required=True)
    from_status = ma.fields.String(allow_none=True)
    to_status = ma.fields.String(required=True)
    from_option = ma.fields.String(allow_none=True)
    to_option = ma.fields.String(allow_none=True)
    from_certificate = ma.fields.String(allow_none=True)
    to_certificate = ma.fields.String(allow_none=True)


class AnschlussReportInputSchema(InputSchema):
    proposed_status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    option_code = _code()


class AnschlussReportDecisionSchema(InputSchema):
    """Staff may complete what the pupil could not know (option, certificate)."""

    option_code = _code()
    expected_certificate = ma.fields.String(
        allow_none=True, validate=ma.validate.Length(min=1, max=16)
    )


class AnschlussReportSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    pupil_id = ma.fields.Integer(required=True)
    proposed_status = ma.fields.String(required=True)
    option_code = ma.fields.String(allow_none=True)
    state = ma.fields.String(required=True, validate=ma.validate.OneOf(REPORT_STATES))
    created_at = ma.fields.DateTime(required=True)
    decided_at = ma.fields.DateTime(allow_none=True)


class AgreementAlternativeInputSchema(InputSchema):
    option_code = _code()
    text = ma.fields.String(load_default="", validate=ma.validate.Length(max=200))


class NextStepInputSchema(InputSchema):
    description = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=300))
    due_on = ma.fields.Date(allow_none=True)
    owner = ma.fields.String(required=True, validate=ma.validate.OneOf(STEP_OWNERS))
    done = ma.fields.Boolean(load_default=False)


class AgreementContactInputSchema(InputSchema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=120))
    organisation = ma.fields.String(load_default="", validate=ma.validate.Length(max=160))
    phone = ma.fields.String(load_default="", validate=ma.validate.Length(max=40))
    email = ma.fields.String(load_default="", validate=ma.validate.Length(max=255))


class AgreementInputSchema(InputSchema):
    stufe = ma.fields.String(required=True, validate=ma.validate.OneOf(STUFEN))
    wish_option = _code()
    wish_text = ma.fields.String(load_default="", validate=ma.validate.Length(max=200))
    alternatives = ma.fields.List(
        ma.fields.Nested(AgreementAlternativeInputSchema),
        load_default=list,
        validate=ma.validate.Length(max=5),
    )
    berufsfelder = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(min=1, max=8)),
        load_default=list,
        validate=ma.validate.Length(max=16),
    )
    next_steps = ma.fields.List(
        ma.fields.Nested(NextStepInputSchema),
        load_default=list,
        validate=ma.validate.Length(max=20),
    )
    contacts = ma.fields.List(
        ma.fields.Nested(AgreementContactInputSchema),
        load_default=list,
        validate=ma.validate.Length(max=10),
    )


class NextStepSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    description = ma.fields.String(required=True)
    due_on = ma.fields.Date(allow_none=True)
    owner = ma.fields.String(required=True)
    done = ma.fields.Boolean(required=True)
    done_at = ma.fields.DateTime(allow_none=True)
    overdue = ma.fields.Boolean(required=True)


class AgreementAlternativeSchema(OutputSchema):
    option_code = ma.fields.String(allow_none=True)
    text = ma.fields.String()


class AgreementContactSchema(OutputSchema):
    name = ma.fields.String()
    organisation = ma.fields.String()
    phone = ma.fields.String()
    email = ma.fields.String()


class AgreementSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    pupil_id = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)
    is_current = ma.fields.Boolean(required=True)
    stufe = ma.fields.String(required=True)
    wish_option = ma.fields.String(allow_none=True)
    wish_text = ma.fields.String()
    alternatives = ma.fields.List(ma.fields.Nested(AgreementAlternativeSchema))
    berufsfelder = ma.fields.List(ma.fields.String())
    contacts = ma.fields.List(ma.fields.Nested(AgreementContactSchema))
    next_steps = ma.fields.List(ma.fields.Nested(NextStepSchema))
    created_at = ma.fields.DateTime(required=True)
    confirmed_at = ma.fields.DateTime(allow_none=True)
    guardian_confirmed_at = ma.fields.DateTime(allow_none=True)


class NextStepUpdateSchema(InputSchema):
    done = ma.fields.Boolean(required=True)


class MyAnschlussSchema(OutputSchema):
    """What the pupil sees of their own Anschluss."""

    anschluss = ma.fields.Nested(AnschlussSchema, required=True)
    agreement = ma.fields.Nested(AgreementSchema, allow_none=True)
    reports = ma.fields.List(ma.fields.Nested(AnschlussReportSchema))
    history = ma.fields.List(ma.fields.Nested(AnschlussChangeSchema))


class CatalogOptionSchema(OutputSchema):
    code = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    valid_certificates = ma.fields.List(ma.fields.String(), required=True)


class CatalogEntrySchema(OutputSchema):
    code = ma.fields.String(required=True)
    text = ma.fields.String(required=True)


class CatalogCertificateSchema(OutputSchema):
    code = ma.fields.String(required=True)
    text = ma.fields.String(
        required=True, metadata={"description": "Today's name (Erster Schulabschluss, MSA …)"}
    )
    official_text = ma.fields.String(
        required=True, metadata={"description": "The SVWS catalogue text (old names)"}
    )


class AnschlussCatalogSchema(OutputSchema):
    """Reference lists the Anschluss screens need (no personal data)."""

    certificates = ma.fields.List(ma.fields.Nested(CatalogCertificateSchema), required=True)
    options = ma.fields.List(ma.fields.Nested(CatalogOptionSchema), required=True)
    berufsfelder = ma.fields.List(ma.fields.Nested(CatalogEntrySchema), required=True)
    steps = ma.fields.List(ma.fields.Nested(CatalogEntrySchema), required=True)
    statuses = ma.fields.List(ma.fields.String(), required=True)
