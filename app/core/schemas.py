"""Schema base classes shared by every feature."""

from __future__ import annotations

import marshmallow as ma


class InputSchema(ma.Schema):
    """Request bodies and query strings: unknown fields are an error, never silently stored."""

    class Meta:
        unknown = ma.RAISE


class OutputSchema(ma.Schema):
    """Responses: only declared fields leave the server."""

    class Meta:
        ordered = True


class MessageSchema(OutputSchema):
    message = ma.fields.String(required=True)
