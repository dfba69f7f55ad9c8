"""Schemas of the cohort views: leaver list, class overview, summaries, Kommune aggregate."""

from __future__ import annotations

import marshmallow as ma

from app.anschluss.models import STATUSES
from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import InputSchema, OutputSchema
from app.dashboards.cohort import RISK_REASONS
from app.verantwortungskette.models import CASE_STATUSES, WITHDRAWN

SORTS = ("risk", "name", "class")


class LeaverYearQuerySchema(InputSchema):
    school_year_id = ma.fields.Integer(validate=ma.validate.Range(min=1))


class LeaverFilterSchema(LeaverYearQuerySchema):
    status = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(STATUSES)),
        metadata={"description": "Repeat to combine statuses"},
    )
    class_id = ma.fields.Integer(validate=ma.validate.Range(min=1))
    certificate = ma.fields.String(validate=ma.validate.Length(min=1, max=16))
    unsecured = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Only leavers without a secured Anschluss (noch kein Anschluss)"},
    )
    risk_reason = ma.fields.String(validate=ma.validate.OneOf(RISK_REASONS))
    sort = ma.fields.String(load_default="risk", validate=ma.validate.OneOf(SORTS))


class LeaverQuerySchema(LeaverFilterSchema, PageQuerySchema):
    pass


class LeaverRowSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    class_id = ma.fields.Integer(required=True)
    class_name = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    option_code = ma.fields.String(allow_none=True)
    expected_certificate = ma.fields.String(allow_none=True)
    internship_done = ma.fields.Boolean(
        allow_none=True, metadata={"description": "null when the internships data is unavailable"}
    )
    has_agreement = ma.fields.Boolean(required=True)
    overdue_steps = ma.fields.Integer(required=True)
    pending_report = ma.fields.Boolean(required=True)
    missing_steps = ma.fields.List(
        ma.fields.String(),
        allow_none=True,
        metadata={"description": "Expected KAoA steps not done; null when unknown"},
    )
    risk_reasons = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(RISK_REASONS)), required=True
    )
    traffic_light = ma.fields.String(
        required=True, validate=ma.validate.OneOf(("green", "yellow", "red"))
    )
    case_status = ma.fields.String(
        allow_none=True,
        validate=ma.validate.OneOf((*CASE_STATUSES, WITHDRAWN)),
        metadata={
            "description": "Status of the Verantwortungskette case after a handover "
            "(the outcome only); null when the leaver was not handed over"
        },
    )


class LeaverPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(LeaverRowSchema), required=True)


class AnschlussOptionCountSchema(OutputSchema):
    option_code = ma.fields.String(required=True)
    count = ma.fields.Integer(required=True)


class LeaverClassCountSchema(OutputSchema):
    class_id = ma.fields.Integer(required=True)
    class_name = ma.fields.String(required=True)
    leavers = ma.fields.Integer(required=True)
    secured = ma.fields.Integer(required=True)


class LeaverTrendPointSchema(OutputSchema):
    week_start = ma.fields.Date(required=True)
    leavers = ma.fields.Integer(required=True)
    secured = ma.fields.Integer(required=True)
    by_status = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())


class SchoolSummarySchema(OutputSchema):
    school_id = ma.fields.Integer(required=True)
    leavers = ma.fields.Integer(required=True)
    secured = ma.fields.Integer(required=True)
    secured_share = ma.fields.Float(allow_none=True)
    without_anschluss = ma.fields.Integer(required=True)
    by_status = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())
    by_option = ma.fields.List(ma.fields.Nested(AnschlussOptionCountSchema))
    by_class = ma.fields.List(ma.fields.Nested(LeaverClassCountSchema))
    pupils_with_overdue_steps = ma.fields.Integer(required=True)
    pending_reports = ma.fields.Integer(required=True)
    handed_over = ma.fields.Integer(
        required=True, metadata={"description": "Leavers with a Verantwortungskette case"}
    )
    by_case_status = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Integer(),
        metadata={"description": "Handed-over leavers by case status (the outcome only)"},
    )
    trend = ma.fields.List(ma.fields.Nested(LeaverTrendPointSchema))


_masked = {
    "description": 'A count, or "masked": below 5, or recomputable from the published counts '
    "(complementary suppression across schools, totals, breakdowns and the trend)"
}


class KommuneMaskedCountsSchema(OutputSchema):
    leavers = ma.fields.String(required=True, metadata=_masked)
    secured = ma.fields.String(required=True, metadata=_masked)
    without_anschluss = ma.fields.String(required=True, metadata=_masked)
    secured_share = ma.fields.Float(
        allow_none=True, metadata={"description": "null when a part is masked"}
    )


class KommuneSchoolSchema(KommuneMaskedCountsSchema):
    school_id = ma.fields.Integer(required=True)
    school_name = ma.fields.String(required=True)


class KommuneTrendSchema(KommuneMaskedCountsSchema):
    week_start = ma.fields.Date(required=True)


class KommuneOptionCountSchema(OutputSchema):
    option_code = ma.fields.String(allow_none=True, metadata={"description": "null: no option"})
    count = ma.fields.String(required=True, metadata=_masked)


class KommuneCertificateRowSchema(OutputSchema):
    certificate = ma.fields.String(allow_none=True, metadata={"description": "null: none yet"})
    count = ma.fields.String(required=True, metadata=_masked)
    cells = ma.fields.List(ma.fields.Nested(KommuneOptionCountSchema), required=True)


class KommuneCrosstabSchema(OutputSchema):
    """Leavers by certificate (achieved, else expected) × Anschluss option, with margins."""

    options = ma.fields.List(ma.fields.Nested(KommuneOptionCountSchema), required=True)
    rows = ma.fields.List(ma.fields.Nested(KommuneCertificateRowSchema), required=True)


class KommuneSummarySchema(KommuneMaskedCountsSchema):
    kommune_id = ma.fields.Integer(required=True)
    schools = ma.fields.Integer(required=True)
    by_status = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    by_option = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    by_school = ma.fields.List(ma.fields.Nested(KommuneSchoolSchema))
    certificate_by_option = ma.fields.Nested(KommuneCrosstabSchema, required=True)
    trend = ma.fields.List(ma.fields.Nested(KommuneTrendSchema))
