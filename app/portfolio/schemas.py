"""Schemas of the portfolio feature."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest.fields import Upload

from app.core.schemas import InputSchema, OutputSchema
from app.interests.schemas import (
    BerufsfeldMatchSchema,
    ExploreFieldSchema,
    InterestProfileSchema,
    InterestScoresSchema,
    InterestTextsSchema,
)
from app.portfolio.models import (
    NOT_TAKEN_REASON_MAX,
    REFLECTION_MAX,
    SHARE_ITEM_TYPES,
    STEP_STATUSES,
)
from app.portfolio.plan import PRAXISELEMENTE_WINDOWS, SCHULFORMEN, TARGET_GROUPS
from app.schools.models import FOERDERSCHWERPUNKTE, JAHRGAENGE


class PortfolioStepUpdateSchema(InputSchema):
    """The full state of a step as the pupil sees it (PUT replaces it)."""

    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STEP_STATUSES))
    date = ma.fields.Date(allow_none=True, load_default=None)
    provider = ma.fields.String(load_default="", validate=ma.validate.Length(max=200))
    berufsfeld = ma.fields.String(
        allow_none=True, load_default=None, validate=ma.validate.Length(min=1, max=8)
    )
    reflection = ma.fields.String(
        load_default="",
        validate=ma.validate.Length(max=REFLECTION_MAX),
        metadata={"description": "The pupil's own words: what did I like, what do I take away?"},
    )


class PortfolioBookingSchema(OutputSchema):
    """A confirmed or attended booking (BFE day, Betriebspraktikum, Praxiskurs) of the pupil."""

    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True, metadata={"description": "bfe, praktikum, praxiskurs"})
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(("confirmed", "attended")))
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    berufsfeld = ma.fields.String(required=True)
    provider_name = ma.fields.String(required=True)
    offer_title = ma.fields.String(required=True)
    certificate_url = ma.fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Teilnahmebescheinigung (PDF) once attended, else null"},
    )
    step_id = ma.fields.Integer(
        allow_none=True, metadata={"description": "The portfolio step showing this booking"}
    )
    placement_id = ma.fields.Integer(
        metadata={"description": "Set for a self-found placement (then id is the placement's)"}
    )


class AttachmentSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    step_id = ma.fields.Integer(required=True)
    filename = ma.fields.String(required=True)
    media_type = ma.fields.String(required=True)
    size = ma.fields.Integer(required=True, metadata={"description": "Bytes as stored"})
    created_at = ma.fields.DateTime(required=True)


class PortfolioStepSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    jahrgang = ma.fields.String(required=True)
    sbo_kuerzel = ma.fields.String(required=True)
    sequence = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    official_text = ma.fields.String(required=True)
    status = ma.fields.String(
        required=True, metadata={"description": "open, planned, done or not_taken"}
    )
    mandatory = ma.fields.Boolean(
        required=True, metadata={"description": "A mandatory step of the pupil's own plan"}
    )
    not_taken_reason = ma.fields.String(
        required=True, metadata={"description": "Why the pupil did not take part (staff)"}
    )
    date = ma.fields.Date(allow_none=True, required=True)
    provider = ma.fields.String(required=True)
    berufsfeld = ma.fields.String(allow_none=True, required=True)
    reflection = ma.fields.String(required=True)
    shared = ma.fields.Boolean(required=True)
    updated_at = ma.fields.DateTime(required=True)
    booking = ma.fields.Nested(
        PortfolioBookingSchema,
        allow_none=True,
        metadata={"description": "The confirmed/attended booking that fills this step, if any"},
    )
    attachments = ma.fields.List(
        ma.fields.Nested(AttachmentSchema), metadata={"description": "Certificates and photos"}
    )


class PortfolioProgressSchema(OutputSchema):
    mandatory_due = ma.fields.Integer(
        required=True, metadata={"description": "Mandatory steps of the own plan due so far"}
    )
    mandatory_met = ma.fields.Integer(
        required=True, metadata={"description": "Of those: done (any year) or not taken part"}
    )
    missing = ma.fields.List(ma.fields.String(), required=True)


class PortfolioSchema(OutputSchema):
    jahrgang = ma.fields.String(allow_none=True, required=True)
    class_name = ma.fields.String(allow_none=True, required=True)
    steps = ma.fields.List(ma.fields.Nested(PortfolioStepSchema), required=True)
    earlier_steps = ma.fields.List(ma.fields.Nested(PortfolioStepSchema), required=True)
    progress = ma.fields.Nested(PortfolioProgressSchema)
    bookings = ma.fields.List(
        ma.fields.Nested(PortfolioBookingSchema),
        metadata={"description": "All confirmed/attended bookings; step_id null when no step"},
    )


class PortfolioShareCreateSchema(InputSchema):
    item_type = ma.fields.String(required=True, validate=ma.validate.OneOf(SHARE_ITEM_TYPES))
    item_id = ma.fields.Integer(
        required=True, strict=True, validate=ma.validate.Range(min=1, max=2**31 - 1)
    )


class PortfolioShareQuerySchema(PortfolioShareCreateSchema):
    item_id = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))


class PortfolioShareSchema(OutputSchema):
    item_type = ma.fields.String(required=True)
    item_id = ma.fields.Integer(required=True)
    grantee = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)


class PortfolioShareHistorySchema(PortfolioShareSchema):
    revoked_at = ma.fields.DateTime(allow_none=True, required=True)


class PortfolioExportQuerySchema(InputSchema):
    lang = ma.fields.String(load_default="de", validate=ma.validate.OneOf(("de", "en")))


class PortfolioExportPupilSchema(OutputSchema):
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    school = ma.fields.String(allow_none=True, required=True)
    class_name = ma.fields.String(allow_none=True, required=True)
    jahrgang = ma.fields.String(allow_none=True, required=True)


class PortfolioExportProfileSchema(InterestProfileSchema):
    answers = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), required=True)


class PortfolioAttributionsSchema(OutputSchema):
    questionnaire = ma.fields.Nested(InterestTextsSchema, required=True)
    occupations = ma.fields.Nested(InterestTextsSchema, required=True)


class SharedInterestProfileSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    created_at = ma.fields.DateTime(required=True)
    scores = ma.fields.Nested(InterestScoresSchema, required=True)
    code = ma.fields.String(required=True)
    ties = ma.fields.List(ma.fields.List(ma.fields.String()), required=True)
    berufsfelder = ma.fields.List(ma.fields.Nested(BerufsfeldMatchSchema), required=True)
    explore = ma.fields.List(ma.fields.Nested(ExploreFieldSchema), required=True)


class SharedItemsPupilSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)


class SharedItemsSchema(OutputSchema):
    pupil = ma.fields.Nested(SharedItemsPupilSchema, required=True)
    steps = ma.fields.List(ma.fields.Nested(PortfolioStepSchema), required=True)
    interest_profiles = ma.fields.List(ma.fields.Nested(SharedInterestProfileSchema), required=True)


class KaoaPlanQuerySchema(InputSchema):
    schulform = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(SCHULFORMEN),
        metadata={"description": "School form key (GY, GE, R, H, SK, BK, Förderschulen …)"},
    )
    jahrgang = ma.fields.String(required=True, validate=ma.validate.OneOf(JAHRGAENGE))
    target_group = ma.fields.String(
        load_default="regular", validate=ma.validate.OneOf(("regular", *TARGET_GROUPS))
    )
    foerderschwerpunkt = ma.fields.String(
        load_default=None, validate=ma.validate.OneOf(FOERDERSCHWERPUNKTE)
    )
    praxiselemente_window = ma.fields.String(
        load_default=None,
        validate=ma.validate.OneOf(PRAXISELEMENTE_WINDOWS),
        metadata={"description": "Praxiselemente in EF/Q1 (default) or Q1/Q2 (the Kommune's)"},
    )


class KaoaPlanStepSchema(OutputSchema):
    jahrgang = ma.fields.String(required=True)
    sbo_kuerzel = ma.fields.String(required=True)
    sequence = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    mandatory = ma.fields.Boolean(required=True)
    alternatives = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "Elements whose done steps meet this one too"},
    )
    official_text = ma.fields.String(required=True)


class KaoaPlanSchema(OutputSchema):
    schulform = ma.fields.String(required=True)
    jahrgang = ma.fields.String(required=True)
    target_group = ma.fields.String(required=True)
    target_groups = ma.fields.List(ma.fields.String(), required=True)
    praxiselemente_window = ma.fields.String(required=True)
    steps = ma.fields.List(ma.fields.Nested(KaoaPlanStepSchema), required=True)
    due_from_earlier = ma.fields.List(
        ma.fields.Nested(KaoaPlanStepSchema),
        required=True,
        metadata={
            "description": "Mandatory steps of earlier Jahrgänge still due (done earlier counts)"
        },
    )


class NotTakenInputSchema(InputSchema):
    reason = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=NOT_TAKEN_REASON_MAX)
    )
    jahrgang = ma.fields.String(
        load_default=None,
        validate=ma.validate.OneOf(JAHRGAENGE),
        metadata={
            "description": "Default: the latest Jahrgang of the pupil's plan with the element"
        },
    )
    sequence = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=4))


class FavouriteSchema(OutputSchema):
    occupation_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    berufsfeld = ma.fields.String(allow_none=True)
    berufsfeld_text = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime(required=True)


class AttachmentUploadSchema(InputSchema):
    file = Upload(
        required=True,
        metadata={
            "description": "A certificate or photo: PDF, JPEG or PNG, at most 5 MB; the type is "
            "read from the content, images are stored re-encoded without metadata."
        },
    )
