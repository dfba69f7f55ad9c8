"""Schemas of the interests feature."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema

ITEM_ID = ma.validate.Regexp(r"^[RIASEC][0-9]{2}$", error="item-id")
IDEMPOTENCY_KEY = ma.validate.Regexp(r"^[A-Za-z0-9._:-]{1,64}$", error="idempotency-key-format")


class InterestTextsSchema(OutputSchema):
    """A text in German and English, and where translated in the pupil languages (Turkish,
    Arabic, Ukrainian, Russian, Polish) and Leichte Sprache; screens fall back to German."""

    de = ma.fields.String(required=True)
    en = ma.fields.String(required=True)
    tr = ma.fields.String()
    ar = ma.fields.String()
    uk = ma.fields.String()
    ru = ma.fields.String()
    pl = ma.fields.String()
    de_ls = ma.fields.String(data_key="de-LS")


class QuestionnaireItemSchema(InterestTextsSchema):
    """One item; every language words the same statement (same type, same scoring)."""

    id = ma.fields.String(required=True)
    type = ma.fields.String(required=True)


class QuestionnaireScaleSchema(OutputSchema):
    min = ma.fields.Integer(required=True)
    max = ma.fields.Integer(required=True)
    labels = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(InterestTextsSchema))


class QuestionnaireScoringSchema(OutputSchema):
    method = ma.fields.String(required=True)
    formula = ma.fields.String(required=True)
    type_order = ma.fields.List(ma.fields.String(), required=True)
    code_length = ma.fields.Integer(required=True)
    tie_rule = ma.fields.String(required=True)
    rounding = ma.fields.String(required=True)


class QuestionnaireSchema(OutputSchema):
    version = ma.fields.String(required=True)
    title = ma.fields.Nested(InterestTextsSchema, required=True)
    instructions = ma.fields.Nested(InterestTextsSchema, required=True)
    licence = ma.fields.String(required=True)
    licence_url = ma.fields.String(required=True)
    attribution = ma.fields.Nested(InterestTextsSchema, required=True)
    occupation_attribution = ma.fields.Nested(InterestTextsSchema, required=True)
    types = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(InterestTextsSchema))
    scale = ma.fields.Nested(QuestionnaireScaleSchema, required=True)
    scoring = ma.fields.Nested(QuestionnaireScoringSchema, required=True)
    item_count = ma.fields.Integer(required=True)
    items = ma.fields.List(ma.fields.Nested(QuestionnaireItemSchema), required=True)


class InterestProfileCreateSchema(InputSchema):
    questionnaire_version = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=40)
    )
    answers = ma.fields.Dict(
        keys=ma.fields.String(validate=ITEM_ID),
        values=ma.fields.Integer(strict=True, validate=ma.validate.Range(min=1, max=5)),
        required=True,
        validate=ma.validate.Length(max=200),
        metadata={"description": "item id → answer 1 (not at all) … 5 (very much)"},
    )


class IdempotencyHeaderSchema(ma.Schema):
    """Optional Idempotency-Key header; other headers are none of this schema's business."""

    class Meta:
        unknown = ma.EXCLUDE

    idempotency_key = ma.fields.String(
        data_key="Idempotency-Key",
        validate=IDEMPOTENCY_KEY,
        metadata={"description": "A retry with the same key returns the same profile."},
    )


class BerufsfeldMatchSchema(OutputSchema):
    kuerzel = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    score = ma.fields.Integer(required=True)
    core_types = ma.fields.String(required=True)
    reason_de = ma.fields.String(required=True)
    reason_en = ma.fields.String(required=True)


class ExploreFieldSchema(OutputSchema):
    kuerzel = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    via_type = ma.fields.String(required=True)
    reason_de = ma.fields.String(required=True)
    reason_en = ma.fields.String(required=True)


class OccupationMatchSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    berufsfeld = ma.fields.String(allow_none=True)
    similarity = ma.fields.Integer(required=True)
    occupation_types = ma.fields.String(required=True)
    shared_types = ma.fields.String(required=True)
    description = ma.fields.String(
        allow_none=True, metadata={"description": "What the work is about (AuxCO, German)"}
    )


class InterestComparisonSchema(OutputSchema):
    previous_id = ma.fields.Integer(required=True)
    previous_code = ma.fields.String(required=True)
    previous_created_at = ma.fields.DateTime(required=True)
    score_changes = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())


class InterestScoresSchema(OutputSchema):
    R = ma.fields.Integer(required=True)
    I = ma.fields.Integer(required=True)  # noqa: E741 - the Holland letter
    A = ma.fields.Integer(required=True)
    S = ma.fields.Integer(required=True)
    E = ma.fields.Integer(required=True)
    C = ma.fields.Integer(required=True)


class InterestProfileSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    created_at = ma.fields.DateTime(required=True)
    questionnaire_version = ma.fields.String(required=True)
    scores = ma.fields.Nested(InterestScoresSchema, required=True)
    code = ma.fields.String(required=True)
    ties = ma.fields.List(ma.fields.List(ma.fields.String()), required=True)
    berufsfelder = ma.fields.List(ma.fields.Nested(BerufsfeldMatchSchema), required=True)
    explore = ma.fields.List(ma.fields.Nested(ExploreFieldSchema), required=True)
    occupations = ma.fields.List(ma.fields.Nested(OccupationMatchSchema), required=True)
    shared = ma.fields.Boolean(required=True)
    comparison = ma.fields.Nested(InterestComparisonSchema, allow_none=True, required=True)
