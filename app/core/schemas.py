"""Schema base classes shared by every feature."""

from __future__ import annotations

import marshmallow as ma

INT32_MAX = 2_147_483_647


def _bound_integer(field: ma.fields.Field) -> None:
    """Give an Integer field a 32-bit range unless it declares its own (no DB overflow → 500)."""
    if isinstance(field, ma.fields.Integer):
        ranges = [v for v in field.validators if isinstance(v, ma.validate.Range)]
        others = [v for v in field.validators if not isinstance(v, ma.validate.Range)]
        low = max([r.min for r in ranges if r.min is not None], default=-INT32_MAX)
        high = min([r.max for r in ranges if r.max is not None], default=INT32_MAX)
        field.validators = [*others, ma.validate.Range(max(low, -INT32_MAX), min(high, INT32_MAX))]
    inner = getattr(field, "inner", None)
    if inner is not None:
        _bound_integer(inner)


class InputSchema(ma.Schema):
    """Request bodies and query strings: unknown fields are an error, never silently stored."""

    class Meta:
        unknown = ma.RAISE

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        _bound_integer(field_obj)


class OutputSchema(ma.Schema):
    """Responses: only declared fields leave the server."""

    class Meta:
        ordered = True


class MessageSchema(OutputSchema):
    message = ma.fields.String(required=True)
