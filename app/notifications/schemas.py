"""Schemas of the inbox."""

from __future__ import annotations

import marshmallow as ma

from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import OutputSchema


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

    def _read(self, entry) -> bool:
        return entry.read_at is not None


class InboxPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(NotificationSchema), required=True)
    unread = ma.fields.Integer(required=True)


class ReadAllSchema(OutputSchema):
    marked = ma.fields.Integer(required=True)
    unread = ma.fields.Integer(required=True)
