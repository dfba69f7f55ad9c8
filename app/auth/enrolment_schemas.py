"""Schemas of enrolment codes (staff issue them, pupils use them)."""

from __future__ import annotations

import marshmallow as ma

from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.core.schemas import InputSchema, OutputSchema

_NOT_BLANK = ma.validate.Regexp(r"[\s\S]*\S", error="not-blank")


class EnrolmentCodeRequestSchema(InputSchema):
    pupil_ids = ma.fields.List(
        ma.fields.Integer(strict=True, validate=ma.validate.Range(min=1)),
        validate=ma.validate.Length(min=1, max=500),
        metadata={"description": "Pupils of the class; default: every pupil who cannot log in yet"},
    )
    revoke_passkeys = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "Lost device: revoke the pupils' passkeys and end their sessions "
            "(needs pupil_ids)"
        },
    )


class IssuedCodeSchema(OutputSchema):
    pupil_id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    code = ma.fields.String(required=True, metadata={"description": "Shown only this once"})
    enrol_url = ma.fields.String(required=True)
    qr_svg = ma.fields.String(required=True, metadata={"description": "QR code of enrol_url (SVG)"})
    expires_at = ma.fields.DateTime(required=True)


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
