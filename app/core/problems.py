"""RFC 9457 problem details: the one error shape of the API."""

from __future__ import annotations

import http

import marshmallow as ma
from flask import Response, json

from app.core import field_messages, i18n

PROBLEM_MIMETYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://anschluss.nrw/problems/"


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details (documentation schema for every error response)."""

    type = ma.fields.String(metadata={"description": "URI identifying the problem type"})
    title = ma.fields.String(metadata={"description": "Short summary of the problem type"})
    status = ma.fields.Integer(metadata={"description": "HTTP status code"})
    detail = ma.fields.String(metadata={"description": "Explanation of this occurrence"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Raw(),
        metadata={"description": "Field name → list of messages (validation problems)"},
    )


def flatten_field_errors(messages) -> dict[str, list[str]]:
    """webargs nests errors by location ({"json": {"name": [...]}}); clients want field → msgs."""
    if not isinstance(messages, dict):
        return {"_schema": [str(messages)]}
    flat: dict[str, list[str]] = {}
    locations = {"json", "query", "form", "files", "headers", "cookies", "path", "view_args"}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            flat.setdefault(prefix or "_schema", []).extend(value)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(f"{prefix}.{index}", inner)
        else:
            flat.setdefault(prefix or "_schema", []).append(str(value))

    for key, value in messages.items():
        walk("" if key in locations else str(key), value)
    return flat


# Problem codes of errors the framework answers (routing, parsing, limits, crashes).
HTTP_CODES = {
    400: "bad-request",
    404: "route-not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-failed",
    429: "rate-limited",
    500: "internal-error",
}
OTHER_HTTP_ERROR = "http-error"


def http_code(status: int) -> str:
    return HTTP_CODES.get(status, OTHER_HTTP_ERROR)


def title(status: int, language: str) -> str:
    return i18n.text("titles", str(status), language) or http.HTTPStatus(status).phrase


def problem_response(
    status: int,
    code: str,
    /,
    *,
    errors: dict | None = None,
    headers: dict | None = None,
    members: dict | None = None,
    **params,
) -> Response:
    """The problem+json answer: `type` ends in the stable code; `title`, `detail` and the
    field messages in `errors` come from the catalogues in the request's language."""
    language = i18n.request_language()
    body: dict = {"type": PROBLEM_TYPE_BASE + code, "title": title(status, language)}
    body["status"] = status
    detail = i18n.text("problems", code, language, **params)
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = field_messages.translate(errors, language, params)
    body.update(members or {})  # extension members of this problem type (RFC 9457 §3.2)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Language"] = language
    response.vary.add("Accept-Language")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response
