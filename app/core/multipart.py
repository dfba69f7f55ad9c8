"""A flask-smorest Blueprint whose arguments may come from a multipart form (fields and files
together), as the CSV imports take them: `@blp.arguments(Schema, location="multipart")`."""

from __future__ import annotations

from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict


class _MultipartParser(FlaskParser):
    """webargs has no location for a form that carries fields and files together; this one
    reads both, and reports errors under "form" like any other form field."""

    __location_map__ = {**FlaskParser.__location_map__, "multipart": "load_multipart"}

    def load_multipart(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.form, req.files]), schema)

    def _on_validation_error(self, error, req, schema, location, **kwargs):
        location = "form" if location == "multipart" else location
        return super()._on_validation_error(error, req, schema, location, **kwargs)


class MultipartBlueprint(Blueprint):
    ARGUMENTS_PARSER = _MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {
        **Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
        "multipart": "multipart/form-data",
    }
