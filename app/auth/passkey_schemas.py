"""Schemas of the passkey (WebAuthn) ceremonies and of passkey management.

The options follow the WebAuthn JSON encoding (camelCase, base64url strings) that the browser's
`PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON` accept.
"""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import InputSchema, OutputSchema


def _js(member: str) -> dict:
    """A field read from and written to the WebAuthn JSON member name (camelCase)."""
    return {"data_key": member, "attribute": member}


_NAME = ma.validate.And(ma.validate.Length(min=1, max=80), ma.validate.Regexp(r"[\s\S]*\S"))


# -- options (responses) ---------------------------------------------------------------


class RpEntitySchema(OutputSchema):
    id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)


class UserEntitySchema(OutputSchema):
    id = ma.fields.String(required=True, metadata={"description": "User handle, base64url"})
    name = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True, **_js("displayName"))


class CredentialParameterSchema(OutputSchema):
    type = ma.fields.String(required=True)
    alg = ma.fields.Integer(required=True, metadata={"description": "COSE algorithm: -7, -257, -8"})


class CredentialDescriptorSchema(OutputSchema):
    id = ma.fields.String(required=True, metadata={"description": "Credential id, base64url"})
    type = ma.fields.String(required=True)
    transports = ma.fields.List(ma.fields.String())


class AuthenticatorSelectionSchema(OutputSchema):
    resident_key = ma.fields.String(**_js("residentKey"))
    require_resident_key = ma.fields.Boolean(**_js("requireResidentKey"))
    user_verification = ma.fields.String(**_js("userVerification"))
    authenticator_attachment = ma.fields.String(**_js("authenticatorAttachment"))


class CreationOptionsSchema(OutputSchema):
    """PublicKeyCredentialCreationOptions (JSON encoding)."""

    rp = ma.fields.Nested(RpEntitySchema, required=True)
    user = ma.fields.Nested(UserEntitySchema, required=True)
    challenge = ma.fields.String(required=True)
    pub_key_cred_params = ma.fields.List(
        ma.fields.Nested(CredentialParameterSchema), required=True, **_js("pubKeyCredParams")
    )
    timeout = ma.fields.Integer()
    exclude_credentials = ma.fields.List(
        ma.fields.Nested(CredentialDescriptorSchema), **_js("excludeCredentials")
    )
    authenticator_selection = ma.fields.Nested(
        AuthenticatorSelectionSchema, **_js("authenticatorSelection")
    )
    attestation = ma.fields.String()
    hints = ma.fields.List(ma.fields.String())


class RequestOptionsSchema(OutputSchema):
    """PublicKeyCredentialRequestOptions (JSON encoding), without allowCredentials."""

    challenge = ma.fields.String(required=True)
    timeout = ma.fields.Integer()
    rp_id = ma.fields.String(**_js("rpId"))
    user_verification = ma.fields.String(**_js("userVerification"))
    hints = ma.fields.List(ma.fields.String())


# -- ceremony results (requests) -------------------------------------------------------


class BrowserCredentialSchema(ma.Schema):
    """The browser's `PublicKeyCredential.toJSON()`.

    Unknown members are dropped instead of refused: browsers add members over time, and none
    of them is stored — only what py_webauthn verified is. Loaded under the browser's member
    names, as py_webauthn parses them.
    """

    class Meta:
        unknown = ma.EXCLUDE

    id = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1400))
    raw_id = ma.fields.String(
        required=True, **_js("rawId"), validate=ma.validate.Length(min=1, max=1400)
    )
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(["public-key"]))
    response = ma.fields.Dict(keys=ma.fields.String(), required=True)
    client_extension_results = ma.fields.Dict(**_js("clientExtensionResults"))
    authenticator_attachment = ma.fields.String(allow_none=True, **_js("authenticatorAttachment"))


class RegistrationOptionsRequestSchema(InputSchema):
    name = ma.fields.String(validate=_NAME, metadata={"description": "Name for the new passkey"})


class RegistrationVerifySchema(InputSchema):
    credential = ma.fields.Nested(BrowserCredentialSchema, required=True)
    name = ma.fields.String(validate=_NAME)


class AuthenticationVerifySchema(InputSchema):
    credential = ma.fields.Nested(BrowserCredentialSchema, required=True)


# -- management ------------------------------------------------------------------------


class PasskeySchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)
    last_used_at = ma.fields.DateTime(allow_none=True)
    backed_up = ma.fields.Boolean(
        metadata={"description": "Synced passkey (e.g. in a password manager or cloud keychain)"}
    )


class PasskeyRenameSchema(InputSchema):
    name = ma.fields.String(required=True, validate=_NAME)
