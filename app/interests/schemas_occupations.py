"""Schemas of occupation and Berufsfeld information and of the pupil's Merkliste."""

from __future__ import annotations

import marshmallow as ma

from app.core.schemas import OutputSchema


class OccupationDetailSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    kldb_code = ma.fields.String(required=True)
    level = ma.fields.String(
        allow_none=True,
        metadata={"description": "KldB Anforderungsniveau: helfer, fachkraft, spezialist, experte"},
    )
    berufsfeld = ma.fields.String(allow_none=True)
    berufsfeld_text = ma.fields.String(allow_none=True)
    description = ma.fields.String(allow_none=True)
    tasks = ma.fields.List(ma.fields.String(), required=True)
    berufenet_url = ma.fields.String(
        allow_none=True, metadata={"description": "BERUFENET of the Bundesagentur für Arbeit"}
    )
    riasec_top3 = ma.fields.String(required=True)


class OccupationItemSchema(OutputSchema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(allow_none=True)


class BerufsfeldDetailSchema(OutputSchema):
    kuerzel = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    reason_de = ma.fields.String(required=True)
    reason_en = ma.fields.String(required=True)
    occupations = ma.fields.List(ma.fields.Nested(OccupationItemSchema), required=True)
