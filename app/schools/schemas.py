"""Schemas of schools, classes and class lists."""

from __future__ import annotations

import marshmallow as ma

from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import OutputSchema


class SchoolQuerySchema(PageQuerySchema):
    kommune_id = ma.fields.Integer(validate=ma.validate.Range(min=1))
    schulform = ma.fields.String(validate=ma.validate.Length(min=1, max=8))


class SchoolSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    schulnummer = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    schulform = ma.fields.String(required=True)
    kommune_id = ma.fields.Integer(required=True)
    postcode = ma.fields.String()
    city = ma.fields.String()


class SchoolPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(SchoolSchema), required=True)


class ClassSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    jahrgang = ma.fields.String(required=True)
    school_id = ma.fields.Integer(required=True)
    school_year = ma.fields.String(required=True)
    pupil_count = ma.fields.Integer(required=True)
    is_leaving_class = ma.fields.Boolean(required=True)
    course_type = ma.fields.String(
        allow_none=True, metadata={"description": "Berufskolleg classes: the kind of course"}
    )


class PupilRowSchema(OutputSchema):
    """What a teacher sees of a pupil in a class list (narrow: no address, no birth place)."""

    id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    display_name = ma.fields.String()
    birth_date = ma.fields.Date(allow_none=True)
    external_id = ma.fields.String(allow_none=True)
    enrolled = ma.fields.Boolean(required=True)
    passkey_count = ma.fields.Integer(required=True)
    open_enrolment_code = ma.fields.Boolean(required=True)
