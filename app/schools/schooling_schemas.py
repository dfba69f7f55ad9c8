"""Schemas of a pupil's schooling facts, a class's course type and the Kommune's settings."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app.core.schemas import InputSchema, OutputSchema
from app.schools.models import COURSE_TYPES, EXAMS


class SchoolingSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    class_id = ma.fields.Integer(required=True)
    class_name = ma.fields.String(required=True)
    jahrgang = ma.fields.String(required=True)
    attendance_year = ma.fields.Integer(allow_none=True, metadata={"description": "recorded"})
    attendance_year_derived = ma.fields.Integer(
        allow_none=True, metadata={"description": "what the Jahrgang implies"}
    )
    attendance_year_effective = ma.fields.Integer(allow_none=True)
    leaving = ma.fields.Boolean(allow_none=True, metadata={"description": "recorded; null: class"})
    leaver = ma.fields.Boolean(
        required=True, metadata={"description": "counts as a leaver this school year"}
    )
    exam_admission = ma.fields.String(allow_none=True, validate=validate.OneOf(EXAMS))
    exam_admission_recorded_at = ma.fields.DateTime(allow_none=True)
    excluded_by_exam_admission = ma.fields.Boolean(required=True)


class AttendanceInputSchema(InputSchema):
    attendance_year = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=20))
    leaving = ma.fields.Boolean(allow_none=True)


class ExamAdmissionInputSchema(InputSchema):
    exam = ma.fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(EXAMS),
        metadata={"description": "abitur, fhr (Fachhochschulreife) or null: not admitted"},
    )


class CourseTypeInputSchema(InputSchema):
    course_type = ma.fields.String(
        required=True, allow_none=True, validate=validate.OneOf(COURSE_TYPES)
    )


class CourseTypeSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    jahrgang = ma.fields.String(required=True)
    course_type = ma.fields.String(allow_none=True)


class KommuneSettingsSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    application_opens_month = ma.fields.Integer(required=True)
    application_opens_day = ma.fields.Integer(required=True)
    fhr_admission_excludes = ma.fields.Boolean(required=True)


class KommuneSettingsInputSchema(InputSchema):
    application_opens_month = ma.fields.Integer(validate=validate.Range(min=1, max=12))
    application_opens_day = ma.fields.Integer(validate=validate.Range(min=1, max=31))
    fhr_admission_excludes = ma.fields.Boolean()
