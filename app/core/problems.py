"""RFC 9457 problem details: the one error shape of the API."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, json

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


def _slug(title: str) -> str:
    return "-".join(title.lower().replace("'", "").split())


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


def problem_response(
    status: int,
    title: str,
    detail: str | None = None,
    errors: dict | None = None,
    headers: dict | None = None,
    problem_type: str | None = None,
) -> Response:
    body: dict = {
        "type": problem_type or PROBLEM_TYPE_BASE + _slug(title),
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE)
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response
