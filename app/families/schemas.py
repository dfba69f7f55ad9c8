"""Schemas of guardian links, the guardian page and the pupil's sharing choice."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema
from app.families.models import GUARDIAN_LANGUAGES
from app.verantwortungskette.schemas_cases import CaseContactSchema

_LANGUAGE = ma.validate.OneOf(GUARDIAN_LANGUAGES)


class LinkRequestSchema(InputSchema):
    language = ma.fields.String(
        load_default="de",
        validate=_LANGUAGE,
        metadata={"description": "The guardians' language (page, letter, consent texts)"},
    )


class LinkSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    pupil_id = ma.fields.Integer(required=True)
    language = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)
    expires_at = ma.fields.DateTime(required=True)
    revoked_at = ma.fields.DateTime(allow_none=True)
    last_used_at = ma.fields.DateTime(allow_none=True)
    active = ma.fields.Boolean(required=True)


class IssuedLinkSchema(LinkSchema):
    token = ma.fields.String(required=True, metadata={"description": "Shown only this once"})
    url = ma.fields.String(required=True)
    qr_svg = ma.fields.String(required=True, metadata={"description": "QR code of url (SVG)"})


class LettersQuerySchema(InputSchema):
    language = ma.fields.String(
        validate=_LANGUAGE,
        metadata={"description": "One language for every letter; default: each link's last one"},
    )


class PlanStepSchema(OutputSchema):
    kind = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    date = ma.fields.Date(allow_none=True)


class PlanSchema(OutputSchema):
    jahrgang = ma.fields.String(allow_none=True)
    steps = ma.fields.List(ma.fields.Nested(PlanStepSchema), required=True)


class GuardianBookingSchema(OutputSchema):
    kind = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    provider_name = ma.fields.String(required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    status = ma.fields.String(required=True)


class GuardianStepSchema(OutputSchema):
    description = ma.fields.String(required=True)
    due_on = ma.fields.Date(allow_none=True)
    done = ma.fields.Boolean(required=True)


class GuardianAgreementSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)
    wish = ma.fields.String(required=True)
    wish_text = ma.fields.String(required=True)
    alternatives = ma.fields.List(ma.fields.String(), required=True)
    next_steps = ma.fields.List(ma.fields.Nested(GuardianStepSchema), required=True)
    pupil_confirmed_at = ma.fields.DateTime(allow_none=True)
    guardian_confirmed_at = ma.fields.DateTime(allow_none=True)


class CompanyConsentSchema(OutputSchema):
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    given = ma.fields.Boolean(required=True)


class HandoverConsentStateSchema(OutputSchema):
    recipient = ma.fields.String(required=True)
    recipient_id = ma.fields.Integer(allow_none=True)
    recipient_school_id = ma.fields.Integer(allow_none=True)
    name = ma.fields.String(required=True)
    given = ma.fields.Boolean(required=True)


class GuardianConsentsSchema(OutputSchema):
    company = ma.fields.List(ma.fields.Nested(CompanyConsentSchema), required=True)
    company_text_version = ma.fields.String(required=True)
    handover = ma.fields.List(ma.fields.Nested(HandoverConsentStateSchema), required=True)
    handover_text_version = ma.fields.String(required=True)


class GuardianPageSchema(OutputSchema):
    pupil_first_name = ma.fields.String(required=True)
    school_name = ma.fields.String(required=True)
    language = ma.fields.String(required=True)
    expires_at = ma.fields.DateTime(required=True)
    guardians_decide = ma.fields.Boolean(required=True)
    sections = ma.fields.List(ma.fields.String(), required=True)
    plan = ma.fields.Nested(PlanSchema, allow_none=True)
    bookings = ma.fields.List(ma.fields.Nested(GuardianBookingSchema), allow_none=True)
    agreement = ma.fields.Nested(GuardianAgreementSchema, allow_none=True)
    consents = ma.fields.Nested(GuardianConsentsSchema, allow_none=True)


class GuardianConsentInputSchema(InputSchema):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(("company", "handover")))
    given = ma.fields.Boolean(required=True, metadata={"description": "false withdraws"})
    provider_id = ma.fields.Integer(validate=ma.validate.Range(min=1))
    recipient_id = ma.fields.Integer(
        allow_none=True,
        validate=ma.validate.Range(min=1),
        metadata={"description": "A recipient organisation of the pupil's Kommune"},
    )
    recipient = ma.fields.String(validate=ma.validate.OneOf(("berufskolleg", "kommune")))
    recipient_school_id = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1))

    @ma.validates_schema
    def _names_recipient(self, data, **_kwargs):
        if data["kind"] == "company" and "provider_id" not in data:
            raise ma.ValidationError("Missing data for required field.", "provider_id")
        named = "recipient" in data or data.get("recipient_id") is not None
        if data["kind"] == "handover" and not named:
            raise ma.ValidationError("Missing data for required field.", "recipient")


class ConfirmationInputSchema(InputSchema):
    vereinbarung_id = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1))


class GuardianLanguageSchema(InputSchema):
    language = ma.fields.String(required=True, validate=_LANGUAGE)


class SharingSchema(OutputSchema):
    guardians_decide = ma.fields.Boolean(required=True)
    guardian_required = ma.fields.Boolean(
        required=True, metadata={"description": "The school recorded that the pupil cannot consent"}
    )
    share_plan = ma.fields.Boolean(required=True)
    share_bookings = ma.fields.Boolean(required=True)
    share_agreement = ma.fields.Boolean(required=True)


class SharingInputSchema(InputSchema):
    share_plan = ma.fields.Boolean(required=True)
    share_bookings = ma.fields.Boolean(required=True)
    share_agreement = ma.fields.Boolean(required=True)


class LinkUseSchema(OutputSchema):
    at = ma.fields.DateTime(required=True)
    action = ma.fields.String(required=True)
    subject = ma.fields.String(required=True)
    language = ma.fields.String(required=True)
    text_version = ma.fields.String(allow_none=True)


class RequirementInputSchema(InputSchema):
    guardian_required = ma.fields.Boolean(
        required=True,
        metadata={"description": "The pupil cannot consent (recorded incapacity)"},
    )


class LanguageInputSchema(InputSchema):
    language = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=2, max=8),
        metadata={"description": "de, de-LS, en, tr, ar, uk, ru, pl (staff: de, en)"},
    )


class LanguageSchema(OutputSchema):
    language = ma.fields.String(required=True)
    offered = ma.fields.List(ma.fields.String(), required=True)


class _MessageFields(InputSchema):
    language = ma.fields.String(
        validate=_LANGUAGE,
        metadata={"description": "Default: the youth's own language (else German)"},
    )
    appointment_on = ma.fields.Date(metadata={"description": "Template appointment: the day"})
    appointment_at = ma.fields.Time(metadata={"description": "Template appointment: the time"})
    place = ma.fields.String(
        validate=ma.validate.Length(max=120),
        metadata={"description": "Template appointment: where (an address, no personal data)"},
    )


class MessageInputSchema(_MessageFields):
    template = ma.fields.String(
        required=True, validate=ma.validate.OneOf(("first_contact", "reminder", "appointment"))
    )


class LetterQuerySchema(_MessageFields):
    template = ma.fields.String(
        load_default="first_contact",
        validate=ma.validate.OneOf(("first_contact", "reminder", "appointment")),
    )


class SentMessageSchema(OutputSchema):
    channel = ma.fields.String(required=True)
    template = ma.fields.String(required=True)
    language = ma.fields.String(required=True)
    contact = ma.fields.Nested(CaseContactSchema, required=True)
