"""Request and response schemas of bookings, waiting lists, consents and reports."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema
from app.internships.models import BERUFSFELDER
from app.internships.schemas import ID_RANGE, SlotSchema

FIELD = ma.validate.OneOf(BERUFSFELDER)


class BookingCreateSchema(InputSchema):
    slot_id = ma.fields.Integer(required=True, validate=ID_RANGE)
    berufsfeld = ma.fields.String(
        validate=FIELD,
        metadata={
            "description": "which of the offer's Berufsfelder the day counts for (default: first)"
        },
    )


class WaitlistJoinSchema(InputSchema):
    berufsfeld = ma.fields.String(validate=FIELD)


class AttendanceSchema(InputSchema):
    attended = ma.fields.Boolean(required=True, metadata={"description": "false = no-show"})


class BulkConfirmSchema(InputSchema):
    booking_ids = ma.fields.List(
        ma.fields.Integer(validate=ID_RANGE),
        validate=ma.validate.Length(min=1, max=500),
        metadata={"description": "omit to confirm every open request of the class"},
    )


class ConsentCreateSchema(InputSchema):
    provider_id = ma.fields.Integer(required=True, validate=ID_RANGE)


class GuardianConsentSchema(InputSchema):
    guardian_signature_seen = ma.fields.Boolean(
        required=True,
        validate=ma.validate.Equal(True, error="must-confirm"),
        metadata={"description": "the teacher confirms the guardian's signed form is at hand"},
    )
    guardian_reason = ma.fields.String(
        allow_none=True,
        validate=ma.validate.Length(max=300),
        metadata={"description": "From 14: why the pupil cannot consent personally (required)"},
    )


class OfferBriefSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    street = ma.fields.String()
    postcode = ma.fields.String()
    city = ma.fields.String()


class BookingSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    pupil_id = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True)
    source = ma.fields.String(required=True)
    berufsfeld = ma.fields.String(required=True)
    requested_at = ma.fields.DateTime(required=True)
    decided_at = ma.fields.DateTime(allow_none=True)
    cancelled_at = ma.fields.DateTime(allow_none=True)
    attendance_at = ma.fields.DateTime(allow_none=True)
    slot = ma.fields.Nested(SlotSchema, required=True)
    offer = ma.fields.Nested(OfferBriefSchema, required=True)
    cancel_deadline = ma.fields.Date(required=True)
    can_cancel = ma.fields.Boolean(required=True)
    consent_given = ma.fields.Boolean(required=True)
    certificate_available = ma.fields.Boolean(required=True)


class AttendanceResultSchema(OutputSchema):
    """What a provider learns back after marking attendance: the booking is the reference;
    no internal pupil id reaches a company (issue 9)."""

    id = ma.fields.Integer(required=True, metadata={"description": "The booking"})
    status = ma.fields.String(required=True, metadata={"description": "attended or no_show"})
    attendance_at = ma.fields.DateTime(allow_none=True)
    slot_id = ma.fields.Integer(required=True)


class WaitlistEntrySchema(OutputSchema):
    slot = ma.fields.Nested(SlotSchema, required=True)
    offer = ma.fields.Nested(OfferBriefSchema, required=True)
    position = ma.fields.Integer(required=True)
    berufsfeld = ma.fields.String(required=True)
    joined_at = ma.fields.DateTime(required=True)


class ProgressSchema(OutputSchema):
    required_days = ma.fields.Integer(required=True)
    required_fields = ma.fields.Integer(required=True)
    days_done = ma.fields.Integer(required=True)
    fields_done = ma.fields.List(ma.fields.String(), required=True)
    days_planned = ma.fields.Integer(required=True)
    fields_planned = ma.fields.List(ma.fields.String(), required=True)
    complete = ma.fields.Boolean(required=True)
    on_track = ma.fields.Boolean(required=True)


class MyBookingsSchema(OutputSchema):
    bookings = ma.fields.List(ma.fields.Nested(BookingSchema), required=True)
    waitlist = ma.fields.List(ma.fields.Nested(WaitlistEntrySchema), required=True)
    progress = ma.fields.Nested(ProgressSchema, required=True)
    may_consent_self = ma.fields.Boolean(required=True)


class ClassPupilBookingsSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    self_consent = ma.fields.Boolean(required=True, metadata={"description": "pupil is 14+"})
    progress = ma.fields.Nested(ProgressSchema, required=True)
    bookings = ma.fields.List(ma.fields.Nested(BookingSchema), required=True)


class ClassBookingsSchema(OutputSchema):
    class_id = ma.fields.Integer(required=True)
    pupils = ma.fields.List(ma.fields.Nested(ClassPupilBookingsSchema), required=True)


class ParticipantSchema(OutputSchema):
    booking_id = ma.fields.Integer(required=True)
    slot_id = ma.fields.Integer(required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    status = ma.fields.String(required=True)
    consent = ma.fields.Boolean(required=True)
    first_name = ma.fields.String(allow_none=True)
    last_name = ma.fields.String(allow_none=True)
    school_name = ma.fields.String(allow_none=True)
    class_name = ma.fields.String(allow_none=True)
    school_phone = ma.fields.String(allow_none=True)
    attendance_open = ma.fields.Boolean(required=True)


class ConsentSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    given_by = ma.fields.String(required=True)
    guardian_reason = ma.fields.String(allow_none=True)
    text_version = ma.fields.String(required=True)
    given_at = ma.fields.DateTime(required=True)
    revoked_at = ma.fields.DateTime(allow_none=True)
