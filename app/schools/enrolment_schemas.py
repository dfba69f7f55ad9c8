"""Schemas of enrolment codes handed out to the pupils of a class."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema


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
