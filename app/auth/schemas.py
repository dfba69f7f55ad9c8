"""Request and response schemas of accounts and sessions."""

from __future__ import annotations

import marshmallow as ma

from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.core.schemas import InputSchema, OutputSchema


class CsrfSchema(OutputSchema):
    csrf_token = ma.fields.String(required=True)


class LoginSchema(InputSchema):
    username = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=80))
    password = ma.fields.String(
        required=True, load_only=True, validate=ma.validate.Length(min=1, max=256)
    )


class MeSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    role = ma.fields.String(required=True)
    username = ma.fields.String(allow_none=True)
    display_name = ma.fields.String()
    language = ma.fields.String(allow_none=True, metadata={"description": "Chosen language"})
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    school_id = ma.fields.Integer(allow_none=True)
    kommune_id = ma.fields.Integer(allow_none=True)
    provider_id = ma.fields.Integer(allow_none=True)
    class_ids = ma.fields.List(ma.fields.Integer())
    has_password = ma.fields.Boolean()
    passkey_count = ma.fields.Integer()
    must_change_password = ma.fields.Boolean(
        metadata={"description": "Someone else set the password: change it before anything else"}
    )
    csrf_token = ma.fields.String()
    today = ma.fields.Date(metadata={"description": "The server's date (the app's one clock)"})


def _new_password() -> ma.fields.String:
    return ma.fields.String(
        required=True,
        load_only=True,
        validate=ma.validate.Length(min=MIN_PASSWORD_LENGTH, max=256),
        metadata={"description": f"At least {MIN_PASSWORD_LENGTH} characters"},
    )


class PasswordChangeSchema(InputSchema):
    current_password = ma.fields.String(
        required=True, load_only=True, validate=ma.validate.Length(min=1, max=256)
    )
    new_password = _new_password()


class ActivationSchema(InputSchema):
    token = ma.fields.String(
        required=True,
        load_only=True,
        validate=ma.validate.Length(min=16, max=128),
        metadata={"description": "The token of the activation link (after #/activate?token=)"},
    )
    password = _new_password()
