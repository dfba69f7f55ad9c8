"""Schemas of enrolment codes handed out to the pupils of a class."""

from __future__ import annotations

import marshmallow as ma

from app.auth.enrolment import FIRST_LOGIN, PURPOSES
from app.core.schemas import InputSchema, OutputSchema


class EnrolmentCodeRequestSchema(InputSchema):
    pupil_ids = ma.fields.List(
        ma.fields.Integer(strict=True, validate=ma.validate.Range(min=1)),
        validate=ma.validate.Length(min=1, max=500),
        metadata={"description": "Pupils of the class; default: every pupil who cannot log in yet"},
    )
    purpose = ma.fields.String(
        load_default=FIRST_LOGIN,
        validate=ma.validate.OneOf(PURPOSES),
        metadata={
            "description": "first_login (default): only for pupils who cannot log in yet. "
            "lost_device (needs pupil_ids): revokes the pupils' passkeys and password, ends "
            "their sessions and tells them; the only way to a code for a pupil with a login"
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
