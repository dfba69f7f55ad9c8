"""Schemas of the receiving coordinator's cases and of the pupil's disclosure view."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema
from app.verantwortungskette.models import (
    CASE_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    TRANSFER_KINDS,
    TRANSFER_RECIPIENTS,
)
from app.verantwortungskette.schemas import HandoverConsentSchema

f = ma.fields


class CaseQuerySchema(InputSchema):
    overdue = f.Boolean(load_default=False, metadata={"description": "Only overdue follow-ups"})
    status = f.List(
        f.String(validate=ma.validate.OneOf(CASE_STATUSES)),
        metadata={"description": "Repeat to combine statuses"},
    )


class CasePatchSchema(InputSchema):
    status = f.String(validate=ma.validate.OneOf(CASE_STATUSES))
    anschluss_option = f.String(
        allow_none=True,
        validate=ma.validate.Length(min=1, max=16),
        metadata={"description": "Required when the status is vermittelt"},
    )
    follow_up_on = f.Date(allow_none=True)


class CaseContactInputSchema(InputSchema):
    date = f.Date(required=True)
    channel = f.String(required=True, validate=ma.validate.OneOf(CONTACT_CHANNELS))
    outcome = f.String(required=True, validate=ma.validate.OneOf(CONTACT_OUTCOMES))


class CaseContactSchema(OutputSchema):
    id = f.Integer(required=True)
    date = f.Date(required=True)
    channel = f.String(required=True)
    outcome = f.String(required=True)
    recorded_at = f.DateTime(required=True)
    template = f.String(allow_none=True, metadata={"description": "Message template, if any"})


class CaseIdentitySchema(OutputSchema):
    first_name = f.String(allow_none=True)
    last_name = f.String(allow_none=True)
    birth_date = f.Date(allow_none=True)
    sex = f.String(allow_none=True)


class CaseContactDataSchema(OutputSchema):
    street = f.String(allow_none=True)
    postcode = f.String(allow_none=True)
    city = f.String(allow_none=True)
    email = f.String(allow_none=True, metadata={"description": "only if the consent covers it"})
    phone = f.String(allow_none=True, metadata={"description": "only if the consent covers it"})
    preferred_channel = f.String(allow_none=True)


class CasePriorSchoolingSchema(OutputSchema):
    school_name = f.String(allow_none=True)
    school_form = f.String(allow_none=True)
    certificate = f.String(allow_none=True)


class CaseIntendedTrainingSchema(OutputSchema):
    option_code = f.String(allow_none=True)
    text = f.String(allow_none=True)


class SchoolAnschlussSchema(OutputSchema):
    """The leaving school's record as it changes: status and option only."""

    status = f.String(required=True)
    option_code = f.String(allow_none=True)
    updated_at = f.DateTime(required=True)


class CaseSchema(OutputSchema):
    """Only the transfer fields: identity, contact, prior schooling, intended training."""

    id = f.Integer(required=True)
    kind = f.String(
        required=True,
        validate=ma.validate.OneOf(TRANSFER_KINDS),
        metadata={
            "description": "consent, or schulpflicht: opened when a youth still "
            "obliged to attend school did not arrive at the receiving school"
        },
    )
    school_anschluss = f.Nested(SchoolAnschlussSchema, allow_none=True)
    status = f.String(required=True)
    anschluss_option = f.String(allow_none=True)
    follow_up_on = f.Date(allow_none=True)
    overdue = f.Boolean(required=True)
    handed_over_at = f.DateTime(required=True)
    legal_basis = f.String(required=True)
    recipient_name = f.String(required=True)
    contact_channels = f.List(
        f.String(validate=ma.validate.OneOf(CONTACT_CHANNELS)),
        required=True,
        metadata={"description": "Channels the transfer covers (phone only with a number)"},
    )
    default_channel = f.String(required=True, validate=ma.validate.OneOf(CONTACT_CHANNELS))
    updated_at = f.DateTime(required=True)
    identity = f.Nested(CaseIdentitySchema, required=True)
    contact = f.Nested(CaseContactDataSchema, required=True)
    prior_schooling = f.Nested(CasePriorSchoolingSchema, required=True)
    intended_training = f.Nested(CaseIntendedTrainingSchema, required=True)


class CaseListItemSchema(CaseSchema):
    contact_count = f.Integer(required=True)


class CaseDetailSchema(CaseSchema):
    contacts = f.List(f.Nested(CaseContactSchema), required=True)


class DisclosedTransferSchema(OutputSchema):
    id = f.Integer(required=True)
    kind = f.String(required=True, validate=ma.validate.OneOf(TRANSFER_KINDS))
    recipient = f.String(required=True, validate=ma.validate.OneOf(TRANSFER_RECIPIENTS))
    recipient_name = f.String(required=True)
    legal_basis = f.String(required=True)
    date = f.DateTime(required=True)
    fields = f.List(f.String(), required=True)
    case_status = f.String(allow_none=True)


class DisclosedAccessEventSchema(OutputSchema):
    at = f.DateTime(required=True)
    role = f.String(required=True)
    school_name = f.String(allow_none=True)
    company_name = f.String(allow_none=True, metadata={"description": "When a company read"})
    action = f.String(required=True)
    purpose = f.String(required=True)
    categories = f.List(f.String(), required=True)


class DisclosuresSchema(OutputSchema):
    transfers = f.List(f.Nested(DisclosedTransferSchema), required=True)
    consents = f.List(f.Nested(HandoverConsentSchema), required=True)
    access_events = f.List(f.Nested(DisclosedAccessEventSchema), required=True)
