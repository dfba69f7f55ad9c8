"""URL converters. Ids in paths are positive 32-bit integers, so no database ever overflows."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

MAX_ID = 2_147_483_647


class IdConverter(IntegerConverter):
    def __init__(self, url_map, fixed_digits=0, min=1, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def id_param_schema(_converter) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def register_converters(app, api) -> None:
    app.url_map.converters["int"] = IdConverter
    api.register_converter(IdConverter, id_param_schema)
