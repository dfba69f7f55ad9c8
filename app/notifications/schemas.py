"""Schemas of the inbox."""

from __future__ import annotations

import marshmallow as ma

from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import InputSchema, OutputSchema


class InboxQuerySchema(PageQuerySchema):
    unread_only = ma.fields.Boolean(load_default=False)


class NotificationSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    title_de = ma.fields.String(required=True)
    body_de = ma.fields.String(required=True)
    title_en = ma.fields.String(required=True)
    body_en = ma.fields.String(required=True)
    link = ma.fields.String(
        required=True, metadata={"description": "PWA hash path, e.g. /bookings"}
    )
    created_at = ma.fields.DateTime(required=True)
    read_at = ma.fields.DateTime(allow_none=True)
    read = ma.fields.Method("_read", required=True)

    def _read(self, entry: dict) -> bool:
        return entry["read_at"] is not None


class InboxPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(NotificationSchema), required=True)
    unread = ma.fields.Integer(required=True)


class ReadAllSchema(OutputSchema):
    marked = ma.fields.Integer(required=True)
    unread = ma.fields.Integer(required=True)


class PushKeysSchema(InputSchema):
    p256dh = ma.fields.String(required=True, validate=ma.validate.Length(min=20, max=200))
    auth = ma.fields.String(required=True, validate=ma.validate.Length(min=8, max=100))


class PushSubscriptionInputSchema(InputSchema):
    """The browser's PushSubscription.toJSON() (expirationTime is ignored)."""

    endpoint = ma.fields.Url(
        required=True, schemes={"https", "http"}, validate=ma.validate.Length(max=1000)
    )
    keys = ma.fields.Nested(PushKeysSchema, required=True)
    expirationTime = ma.fields.Raw(allow_none=True, load_only=True)  # noqa: N815 - browser JSON


class PushUnsubscribeSchema(InputSchema):
    endpoint = ma.fields.String(validate=ma.validate.Length(max=1000))


class PushSubscriptionSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    endpoint = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)


class PushStateSchema(OutputSchema):
    vapid_public_key = ma.fields.String(allow_none=True)
    subscriptions = ma.fields.List(ma.fields.Nested(PushSubscriptionSchema), required=True)
