"""Schema of a pupil using an enrolment code (staff issue codes: schools/enrolment_schemas)."""

from __future__ import annotations

import marshmallow as ma

from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.core.schemas import InputSchema

_NOT_BLANK = ma.validate.Regexp(r"[\s\S]*\S", error="not-blank")


class EnrolSchema(InputSchema):
    code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=32))
    display_name = ma.fields.String(
        required=True, validate=ma.validate.And(ma.validate.Length(min=1, max=100), _NOT_BLANK)
    )
    password = ma.fields.String(
        load_only=True,
        validate=ma.validate.Length(min=MIN_PASSWORD_LENGTH, max=256),
        metadata={"description": "Only for devices without passkeys; a username is then assigned"},
    )
