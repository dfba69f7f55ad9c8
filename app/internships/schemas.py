"""Request and response schemas of providers, offers and slots."""

from __future__ import annotations

import marshmallow as ma

from app.core.pagination import PageQuerySchema, PageSchema
from app.core.schemas import InputSchema, OutputSchema
from app.internships.models import BERUFSFELDER, OFFER_KINDS

ID_RANGE = ma.validate.Range(min=1, max=2**31 - 1)  # ids fit a 32-bit INTEGER column
POSTCODE = ma.validate.Regexp(r"^\d{5}$", error="postcode")


def _text(max_length: int, **kwargs):
    return ma.fields.String(validate=ma.validate.Length(max=max_length), **kwargs)


def _name(max_length: int, **kwargs):
    return ma.fields.String(validate=ma.validate.Length(min=1, max=max_length), **kwargs)


# -- providers --------------------------------------------------------------------------


class ProviderCreateSchema(InputSchema):
    name = _name(200, required=True)
    kind = ma.fields.String(
        load_default="company", validate=ma.validate.OneOf(("company", "traeger"))
    )
    kommune_id = ma.fields.Integer(validate=ID_RANGE)
    street = _text(200, load_default="")
    postcode = ma.fields.String(required=True, validate=POSTCODE)
    city = _text(120, load_default="")
    email = ma.fields.Email(load_default="", validate=ma.validate.Length(max=255))
    phone = _text(40, load_default="")


class ProviderQuerySchema(InputSchema):
    pending = ma.fields.Boolean(metadata={"description": "only providers awaiting approval"})


class ProviderSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    kommune_id = ma.fields.Integer(required=True)
    street = ma.fields.String()
    postcode = ma.fields.String()
    city = ma.fields.String()
    email = ma.fields.String()
    phone = ma.fields.String()
    approved = ma.fields.Boolean(required=True)
    approved_at = ma.fields.DateTime(allow_none=True)
    created_at = ma.fields.DateTime()


class ContactCreateSchema(InputSchema):
    first_name = _name(100, required=True)
    last_name = _name(100, required=True)
    email = ma.fields.Email(
        required=True,
        validate=ma.validate.Length(max=255),
        metadata={"description": "The activation link goes here; the login name is generated"},
    )


class ContactSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    email = ma.fields.String(allow_none=True)
    username = ma.fields.String(allow_none=True)
    active = ma.fields.Boolean(required=True)
    created_at = ma.fields.DateTime()
    activated = ma.fields.Boolean(
        required=True, metadata={"description": "The contact has set a password"}
    )
    activation_expires_at = ma.fields.DateTime(
        allow_none=True, metadata={"description": "Until when the open activation link works"}
    )


class ContactCreatedSchema(OutputSchema):
    contact = ma.fields.Nested(ContactSchema, required=True)
    activation_expires_at = ma.fields.DateTime(
        required=True,
        metadata={
            "description": "The activation link was mailed to the contact; nobody else "
            "sees it or the password"
        },
    )


# -- slots ------------------------------------------------------------------------------


class SlotCreateSchema(InputSchema):
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(metadata={"description": "last day; omit for a single BFE day"})
    daily_start = ma.fields.Time(required=True, metadata={"example": "08:00"})
    daily_end = ma.fields.Time(required=True, metadata={"example": "14:00"})
    break_minutes = ma.fields.Integer(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Range(min=0, max=240),
        metadata={"description": "Rest breaks within the daily times (JArbSchG § 11)"},
    )
    capacity = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=500))
    weekdays = ma.fields.String(
        load_default="",
        validate=ma.validate.Regexp(r"^[0-4]{0,5}$"),
        metadata={"description": "Langzeitpraktikum: weekdays as digits, 0 = Monday, e.g. '03'"},
    )


class SlotPatchSchema(InputSchema):
    """Change dates and hours (only while nobody is booked) and/or the capacity."""

    starts_on = ma.fields.Date()
    ends_on = ma.fields.Date(metadata={"description": "last day; a BFE day moves as a whole"})
    daily_start = ma.fields.Time(metadata={"example": "08:00"})
    daily_end = ma.fields.Time(metadata={"example": "14:00"})
    break_minutes = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=0, max=240))
    capacity = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=500),
        metadata={"description": "never below the places already booked (409)"},
    )
    weekdays = ma.fields.String(validate=ma.validate.Regexp(r"^[0-4]{0,5}$"))


class SlotSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    offer_id = ma.fields.Integer(required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    daily_start = ma.fields.Time(required=True)
    daily_end = ma.fields.Time(required=True)
    break_minutes = ma.fields.Integer(allow_none=True)
    weekdays = ma.fields.String()
    capacity = ma.fields.Integer(required=True)
    booked = ma.fields.Integer(required=True)
    free = ma.fields.Integer(required=True)


# -- offers -----------------------------------------------------------------------------


class OfferCreateSchema(InputSchema):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(OFFER_KINDS))
    title = _name(200, required=True)
    description = _text(5000, load_default="")
    berufsfelder = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(BERUFSFELDER)),
        required=True,
        validate=ma.validate.Length(min=1, max=4),
    )
    street = _text(200, load_default="")
    postcode = ma.fields.String(required=True, validate=POSTCODE)
    city = _text(120, load_default="")
    accessibility_notes = _text(2000, load_default="")
    min_jahrgang = ma.fields.Integer(load_default=8, validate=ma.validate.Range(min=7, max=13))
    status = ma.fields.String(
        load_default="draft", validate=ma.validate.OneOf(("draft", "published"))
    )


class OfferPatchSchema(InputSchema):
    title = _name(200)
    description = _text(5000)
    berufsfelder = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(BERUFSFELDER)),
        validate=ma.validate.Length(min=1, max=4),
    )
    street = _text(200)
    postcode = ma.fields.String(validate=POSTCODE)
    city = _text(120)
    accessibility_notes = _text(2000)
    min_jahrgang = ma.fields.Integer(validate=ma.validate.Range(min=7, max=13))
    status = ma.fields.String(validate=ma.validate.OneOf(("draft", "published", "withdrawn")))


class OfferQuerySchema(PageQuerySchema):
    berufsfeld = ma.fields.String(validate=ma.validate.OneOf(BERUFSFELDER))
    kind = ma.fields.String(validate=ma.validate.OneOf(OFFER_KINDS))
    date_from = ma.fields.Date()
    date_to = ma.fields.Date()
    max_distance_km = ma.fields.Integer(validate=ma.validate.Range(min=1, max=300))
    free_only = ma.fields.Boolean(load_default=False)


class FitSchema(OutputSchema):
    score = ma.fields.Float(required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True)


class OfferSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String()
    berufsfelder = ma.fields.List(ma.fields.String(), required=True)
    street = ma.fields.String()
    postcode = ma.fields.String()
    city = ma.fields.String()
    accessibility_notes = ma.fields.String()
    min_jahrgang = ma.fields.Integer()
    status = ma.fields.String(required=True)
    live = ma.fields.Boolean(required=True)
    slots = ma.fields.List(ma.fields.Nested(SlotSchema), required=True)
    free_places = ma.fields.Integer(required=True)
    distance_km = ma.fields.Float(allow_none=True)
    fit = ma.fields.Nested(FitSchema, allow_none=True)


class OfferPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(OfferSchema), required=True)
    sorted_by = ma.fields.String(required=True, metadata={"description": "fit or date"})
