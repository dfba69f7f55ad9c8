"""Domain errors raised by services and turned into problem+json by one handler.

Each error names a stable problem code (the last path segment of the problem `type`); its
`detail` comes from the catalogues (app/i18n/<language>.json) in the request's language,
with the keyword parameters filled in:

    raise Conflict("booking-day-taken", field="slot_id", date=clash)

`field=` names the input field the problem is about (its message is the detail); `errors=`
gives separate messages per field, as codes of the catalogues.
"""

from __future__ import annotations

import re

from flask import Flask, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from app.core import i18n
from app.core.problems import flatten_field_errors, problem_response

# The form of a problem code: lower-case words (or numbers) joined by hyphens.
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class DomainError(Exception):
    status = 400
    generic_code = "bad-request"  # the code when none is named
    headers: dict | None = None  # e.g. Retry-After of a 429

    def __init__(
        self,
        code: str | None = None,
        errors: dict | None = None,
        *,
        field: str | None = None,
        headers: dict | None = None,
        **params,
    ):
        code = code or self.generic_code
        super().__init__(code)
        self.code = code
        self.params = params
        self.errors = dict(errors or {})
        if field:
            self.errors.setdefault(field, [code])
        if headers:
            self.headers = headers

    @property
    def detail(self) -> str:
        """The message in the current request's language (for logs)."""
        return i18n.text("problems", self.code, None, **self.params) or self.code


class Invalid(DomainError):
    """Input that passed the schema but breaks a rule (422, names the field)."""

    status = 422
    generic_code = "validation-failed"


class Conflict(DomainError):
    status = 409
    generic_code = "conflict"


class NotFound(DomainError):
    status = 404
    generic_code = "not-found"


class Forbidden(DomainError):
    status = 403
    generic_code = "forbidden"


class Unauthorized(DomainError):
    status = 401
    generic_code = "login-required"


class TooManyRequests(DomainError):
    status = 429
    generic_code = "rate-limited"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError):
        return problem_response(
            error.status, error.code, errors=error.errors, headers=error.headers, **error.params
        )

    @app.errorhandler(ValidationError)
    def _validation_error(error: ValidationError):
        return problem_response(
            422, "validation-failed", errors=flatten_field_errors(error.messages)
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return app.handle_http_exception(error)
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(500, "internal-error")
