"""Input and output schemas of the Verantwortungskette (one audience per output schema)."""

from __future__ import annotations

import marshmallow as ma

from app.anschluss.models import STATUSES
from app.core.consent_age import REASON_MAX
from app.core.schemas import InputSchema, OutputSchema
from app.verantwortungskette.models import (
    CONSENT_GIVERS,
    OPTIONAL_CATEGORIES,
    PREFERRED_CHANNELS,
    RECIPIENT_KINDS,
    RECIPIENTS,
    TRANSFER_KINDS,
    TRANSFER_RECIPIENTS,
)
from app.verantwortungskette.schemas_declarations import PlanDeclarationSchema

ID = ma.validate.Range(min=1)
f = ma.fields


# -- recipient organisations -----------------------------------------------------------


class RecipientInputSchema(InputSchema):
    kind = f.String(required=True, validate=ma.validate.OneOf(RECIPIENT_KINDS))
    name = f.String(
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "The legal entity's name; default: from the kind or school"},
    )
    school_id = f.Integer(
        allow_none=True,
        validate=ID,
        metadata={"description": "A Berufskolleg of the Kommune's school list (kind berufskolleg)"},
    )
    address = f.String(allow_none=True, validate=ma.validate.Length(max=300))
    email = f.Email(allow_none=True, validate=ma.validate.Length(max=255))
    active = f.Boolean(load_default=True)


class RecipientPatchSchema(InputSchema):
    kind = f.String(validate=ma.validate.OneOf(RECIPIENT_KINDS))
    name = f.String(validate=ma.validate.Length(min=1, max=200))
    address = f.String(allow_none=True, validate=ma.validate.Length(max=300))
    email = f.Email(allow_none=True, validate=ma.validate.Length(max=255))
    active = f.Boolean()


class RecipientSchema(OutputSchema):
    id = f.Integer(required=True)
    kommune_id = f.Integer(required=True)
    kind = f.String(required=True, validate=ma.validate.OneOf(RECIPIENT_KINDS))
    recipient = f.String(
        required=True,
        validate=ma.validate.OneOf(RECIPIENTS),
        metadata={"description": "The kind as consents, handovers and cases record it"},
    )
    name = f.String(required=True)
    school_id = f.Integer(allow_none=True)
    address = f.String(allow_none=True)
    email = f.String(allow_none=True)
    active = f.Boolean(required=True)


class ConsentTermsSchema(OutputSchema):
    """What the consent text (of `text_version`, worded in the catalogues) states."""

    text_version = f.String(required=True)
    recipient_name = f.String(required=True)
    categories = f.List(f.String(), required=True)
    retention_months = f.Integer(required=True)
    purpose = f.String(required=True)


# -- identification rounds -------------------------------------------------------------


class IdentificationRoundInputSchema(InputSchema):
    name = f.String(required=True, validate=ma.validate.Length(min=1, max=60))
    starts_on = f.Date(required=True)
    ends_on = f.Date(required=True)


class IdentificationRoundPatchSchema(InputSchema):
    name = f.String(validate=ma.validate.Length(min=1, max=60))
    starts_on = f.Date()
    ends_on = f.Date()


class IdentificationRoundSchema(OutputSchema):
    id = f.Integer(required=True)
    kommune_id = f.Integer(required=True)
    school_year_id = f.Integer(required=True)
    name = f.String(required=True)
    starts_on = f.Date(required=True)
    ends_on = f.Date(required=True)


class RoundCompletionSchema(OutputSchema):
    identification_round_id = f.Integer(required=True)
    school_id = f.Integer(required=True)
    completed_at = f.DateTime(required=True)


# -- identification list ---------------------------------------------------------------


class IdentificationQuerySchema(InputSchema):
    identification_round_id = f.Integer(validate=ID)


class HandoverConsentBriefSchema(OutputSchema):
    id = f.Integer(required=True)
    recipient = f.String(required=True, validate=ma.validate.OneOf(RECIPIENTS))
    recipient_id = f.Integer(allow_none=True)
    recipient_school_id = f.Integer(allow_none=True)
    given_by = f.String(required=True)


class HandoverBriefSchema(OutputSchema):
    recipient = f.String(required=True)
    recipient_name = f.String(required=True)
    handed_over_at = f.DateTime(required=True)
    case_status = f.String(allow_none=True)


class IdentificationItemSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    first_name = f.String(required=True)
    last_name = f.String(required=True)
    class_id = f.Integer(required=True)
    class_name = f.String(required=True)
    status = f.String(required=True, validate=ma.validate.OneOf(STATUSES))
    option_code = f.String(allow_none=True)
    expected_certificate = f.String(allow_none=True)
    consents = f.List(f.Nested(HandoverConsentBriefSchema), required=True)
    handovers = f.List(f.Nested(HandoverBriefSchema), required=True)
    statutory_transferred_at = f.DateTime(allow_none=True)
    declaration = f.Nested(
        PlanDeclarationSchema,
        allow_none=True,
        metadata={"description": "the pupil's latest own answer in the round"},
    )


class IdentificationSchema(OutputSchema):
    round = f.Nested(IdentificationRoundSchema, allow_none=True)
    items = f.List(f.Nested(IdentificationItemSchema), required=True)
    recipients = f.List(
        f.Nested(lambda: HandoverRecipientSchema()),
        required=True,
        metadata={"description": "Recipients a consent may name for this school's pupils"},
    )


# -- consents --------------------------------------------------------------------------


class RecipientChoiceSchema(InputSchema):
    recipient_id = f.Integer(
        allow_none=True,
        validate=ID,
        metadata={"description": "A recipient organisation of the pupil's Kommune"},
    )
    recipient = f.String(
        validate=ma.validate.OneOf(("berufskolleg", "kommune")),
        metadata={"description": "Former way to name a recipient (with recipient_school_id)"},
    )
    recipient_school_id = f.Integer(allow_none=True, validate=ID)


class HandoverConsentInputSchema(RecipientChoiceSchema):
    covers = f.List(
        f.String(validate=ma.validate.OneOf(OPTIONAL_CATEGORIES)),
        load_default=list,
        metadata={"description": "Contact data the consent covers beyond the transfer fields"},
    )
    phone = f.String(
        allow_none=True,
        validate=ma.validate.Regexp(r"^\+?[0-9 ()/-]{5,40}$", error="bad-phone"),
        metadata={"description": "Required when covers includes phone"},
    )
    preferred_channel = f.String(allow_none=True, validate=ma.validate.OneOf(PREFERRED_CHANNELS))


class StaffHandoverConsentInputSchema(HandoverConsentInputSchema):
    given_by = f.String(
        required=True,
        validate=ma.validate.OneOf(CONSENT_GIVERS),
        metadata={
            "description": "the pupil from 14; a guardian below 14 (or unknown age), or from 14 "
            "with guardian_reason"
        },
    )
    guardian_reason = f.String(
        allow_none=True,
        validate=ma.validate.Length(max=REASON_MAX),
        metadata={"description": "Why the pupil (14 or older) cannot consent; audited"},
    )


class HandoverConsentSchema(OutputSchema):
    id = f.Integer(required=True)
    recipient = f.String(required=True, validate=ma.validate.OneOf(RECIPIENTS))
    recipient_id = f.Integer(allow_none=True)
    recipient_school_id = f.Integer(allow_none=True)
    recipient_name = f.String(required=True)
    given_by = f.String(required=True, validate=ma.validate.OneOf(CONSENT_GIVERS))
    guardian_reason = f.String(allow_none=True)
    age_at_consent = f.Integer(allow_none=True)
    text_version = f.String(required=True)
    purpose = f.String(required=True)
    covers = f.List(f.String(), required=True)
    preferred_channel = f.String(allow_none=True)
    terms = f.Nested(ConsentTermsSchema, required=True)
    given_at = f.DateTime(required=True)
    withdrawn_at = f.DateTime(allow_none=True)
    active = f.Boolean(required=True)


class HandoverRecipientSchema(OutputSchema):
    recipient = f.String(required=True, validate=ma.validate.OneOf(RECIPIENTS))
    recipient_id = f.Integer(
        allow_none=True, metadata={"description": "null: a former target not configured yet"}
    )
    kind = f.String(required=True, validate=ma.validate.OneOf(RECIPIENT_KINDS))
    recipient_school_id = f.Integer(allow_none=True)
    name = f.String(required=True)
    terms = f.Nested(ConsentTermsSchema, required=True)


class MyHandoverConsentsSchema(OutputSchema):
    consents = f.List(f.Nested(HandoverConsentSchema), required=True)
    recipients = f.List(f.Nested(HandoverRecipientSchema), required=True)
    text_version = f.String(required=True)
    may_consent_myself = f.Boolean(required=True)
    has_email = f.Boolean(required=True)


# -- handovers and the statutory transfer ----------------------------------------------


class HandoverInputSchema(RecipientChoiceSchema):
    pupil_id = f.Integer(required=True, validate=ID)
    identification_round_id = f.Integer(allow_none=True, validate=ID)


class HandoverSchema(OutputSchema):
    id = f.Integer(required=True)
    pupil_id = f.Integer(allow_none=True)
    kind = f.String(required=True, validate=ma.validate.OneOf(TRANSFER_KINDS))
    recipient = f.String(required=True, validate=ma.validate.OneOf(TRANSFER_RECIPIENTS))
    recipient_name = f.String(required=True)
    legal_basis = f.String(required=True)
    fields = f.List(f.String(), required=True)
    handed_over_at = f.DateTime(required=True)
    case_status = f.String(allow_none=True)


class SchoolHandoverSchema(HandoverSchema):
    first_name = f.String(allow_none=True)
    last_name = f.String(allow_none=True)


class StatutoryExportInputSchema(InputSchema):
    pupil_ids = f.List(
        f.Integer(validate=ID),
        validate=ma.validate.Length(min=1, max=2000),
        metadata={"description": "Default: every pupil of the population not yet transferred"},
    )
    identification_round_id = f.Integer(allow_none=True, validate=ID)


class StatutoryRecordSchema(OutputSchema):
    pupil_id = f.Integer(required=True)
    name = f.String(required=True)
    first_name = f.String(required=True)
    birth_date = f.Date(allow_none=True)
    sex = f.String(required=True)
    address = f.String(required=True)
    school_form = f.String(required=True)
    certificate = f.String(
        required=True,
        metadata={"description": 'the achieved certificate, or the expected one + " (erwartet)"'},
    )
    certificate_state = f.String(
        allow_none=True,
        validate=ma.validate.OneOf(("achieved", "expected")),
        metadata={"description": "achieved (recorded) or expected; null: none known"},
    )
    transferred_at = f.DateTime(allow_none=True)


class StatutoryCandidatesSchema(OutputSchema):
    fields = f.List(f.String(), required=True)
    items = f.List(f.Nested(StatutoryRecordSchema), required=True)
