"""flask-smorest Api that answers every HTTP error as problem+json and documents it so.

One way to document error answers: `@problems(blp, 404, (409, "what it means here"))` under
the route. The refusals every route can give — 401/403 of the access policy, 403 of the CSRF
check on unsafe methods, 404 for path objects — are added to each operation by
`PolicyResponses` from the route's own `@access` rule, so no route has to repeat them.
"""

from __future__ import annotations

import http

from apispec import BasePlugin
from flask_smorest import Api
from flask_smorest.spec import prepare_response
from werkzeug.exceptions import HTTPException

from app.core.problems import (
    PROBLEM_MIMETYPE,
    ProblemSchema,
    flatten_field_errors,
    http_code,
    problem_response,
)

UNSAFE_METHODS = {"post", "put", "patch", "delete"}

# Shared descriptions of the refusals every route can answer (with their problem codes).
SHARED_DESCRIPTIONS = {
    401: "Not logged in (login-required)",
    403: "Refused: role-not-permitted, outside-scope; unsafe methods also csrf-…",
    404: "No such object, or route (not-found, route-not-found)",
    422: "Invalid input; `errors` names the fields (validation-failed)",
    429: "Too many requests; wait for Retry-After (rate-limited)",
}


class PolicyResponses(BasePlugin):
    """Adds the refusals of the access policy and the CSRF check to every operation."""

    def __init__(self):
        super().__init__()
        self.app = None

    def operation_helper(self, path=None, operations=None, **kwargs):
        rule = kwargs.get("rule")
        view = self.app.view_functions.get(rule.endpoint) if self.app and rule else None
        access_rule = getattr(view, "_access_rule", None)
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            for status in implicit_statuses(access_rule, method, bool(rule and rule.arguments)):
                responses.setdefault(str(status), http.HTTPStatus(status).name)


def implicit_statuses(access_rule, method: str, has_path_objects: bool) -> list[int]:
    statuses = []
    if access_rule is None or not access_rule.public:
        statuses += [401, 403]
    elif method in UNSAFE_METHODS:
        statuses.append(403)
    if has_path_objects:
        statuses.append(404)
    return statuses


class ProblemApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def __init__(self, *args, **kwargs):
        self.policy_responses = PolicyResponses()
        kwargs.setdefault("spec_kwargs", {"extra_plugins": [self.policy_responses]})
        super().__init__(*args, **kwargs)

    def init_app(self, app, *args, **kwargs):
        self.policy_responses.app = app
        super().init_app(app, *args, **kwargs)

    def _register_responses(self):
        for status in http.HTTPStatus:
            description = SHARED_DESCRIPTIONS.get(status, status.phrase)
            response = {"description": description}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_MIMETYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def handle_http_exception(self, error: HTTPException):
        """Errors of routing, parsing (webargs 422) and the rate limiter, with their codes."""
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        headers = dict(data.get("headers") or {})
        if error.code == 405 and getattr(error, "valid_methods", None):
            headers["Allow"] = ", ".join(error.valid_methods)
        status = error.code or 500
        return problem_response(
            status,
            http_code(status),
            errors=flatten_field_errors(errors) if errors else None,
            headers=headers,
        )


def problems(blp, *responses: int | tuple):
    """Document the error answers of an operation as RFC 9457 problem+json.

    Each is a status (shared description), `(status, what it means for this route)`, or
    `(status, description, schema)` for a problem with extension members (a ProblemSchema
    subclass).
    """

    def decorate(view):
        for entry in responses:
            if isinstance(entry, tuple):
                status, description, *schema = entry
                view = blp.alt_response(
                    status,
                    schema=schema[0] if schema else ProblemSchema,
                    content_type=PROBLEM_MIMETYPE,
                    description=description,
                )(view)
            else:
                view = blp.alt_response(entry, response=http.HTTPStatus(entry).name)(view)
        return view

    return decorate
