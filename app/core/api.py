"""flask-smorest Api that answers every HTTP error as problem+json and documents it so."""

from __future__ import annotations

import http

from flask_smorest import Api
from flask_smorest.spec import prepare_response
from werkzeug.exceptions import HTTPException

from app.core.problems import (
    PROBLEM_MIMETYPE,
    ProblemSchema,
    flatten_field_errors,
    problem_response,
)


class ProblemApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_MIMETYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        headers = dict(data.get("headers") or {})
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        detail = data.get("message")
        if detail is None and error.code != 500:
            detail = error.description
        if error.code == 500:
            detail = "An unexpected error occurred. It has been logged."
        return problem_response(
            error.code or 500,
            error.name,
            detail=detail,
            errors=flatten_field_errors(errors) if errors else None,
            headers=headers,
        )


def problem(blp, status: int, description: str):
    """Document one error answer of an operation as RFC 9457 problem+json."""
    return blp.alt_response(
        status, schema=ProblemSchema, content_type=PROBLEM_MIMETYPE, description=description
    )


def problems(blp, *codes: int):
    """Document several error answers by referencing the shared problem+json responses."""

    def decorate(view):
        for code in codes:
            view = blp.alt_response(code, response=http.HTTPStatus(code).name)(view)
        return view

    return decorate
