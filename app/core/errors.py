"""Domain errors raised by services and turned into problem+json by one handler."""

from __future__ import annotations

from flask import Flask, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from app.core.problems import flatten_field_errors, problem_response


class DomainError(Exception):
    status = 400
    title = "Bad Request"

    def __init__(self, detail: str, errors: dict | None = None, *, title: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        if title:
            self.title = title


class Invalid(DomainError):
    """Input that passed the schema but breaks a rule (422, names the field)."""

    status = 422
    title = "Unprocessable Content"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class NotFound(DomainError):
    status = 404
    title = "Not Found"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class Unauthorized(DomainError):
    status = 401
    title = "Unauthorized"


class TooManyRequests(DomainError):
    status = 429
    title = "Too Many Requests"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError):
        return problem_response(error.status, error.title, error.detail, error.errors)

    @app.errorhandler(ValidationError)
    def _validation_error(error: ValidationError):
        return problem_response(
            422,
            "Unprocessable Content",
            "The request contains invalid fields.",
            flatten_field_errors(error.messages),
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return app.handle_http_exception(error)
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(
            500, "Internal Server Error", "An unexpected error occurred. It has been logged."
        )
