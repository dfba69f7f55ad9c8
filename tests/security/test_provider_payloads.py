"""Providers never receive internal pupil ids (issue 9, info item): no answer of a route a
company contact may call carries a `pupil_id`; a company refers to a participant by the
booking (booking_id) or its interest (interest_id) — a per-booking reference."""

from __future__ import annotations

import re

from app.core.policy import rule_for_endpoint
from tests.api_routes import api_routes

PARAMETER = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")
FORBIDDEN = {"pupil_id", "pupil_ids", "user_id"}


def _properties(schema: dict, components: dict, seen: set) -> set[str]:
    """Every property name anywhere inside the schema (following $ref, items, allOf …)."""
    if not isinstance(schema, dict):
        return set()
    ref = schema.get("$ref")
    if ref:
        if ref in seen:
            return set()
        seen.add(ref)
        return _properties(components[ref.rsplit("/", 1)[-1]], components, seen)
    names = set(schema.get("properties", {}))
    for child in (
        *schema.get("properties", {}).values(),
        schema.get("items"),
        schema.get("additionalProperties"),
        *schema.get("allOf", []),
        *schema.get("oneOf", []),
        *schema.get("anyOf", []),
    ):
        names |= _properties(child, components, seen)
    return names


def _success_schemas(operation: dict):
    for status, response in operation.get("responses", {}).items():
        if str(status).startswith("2"):
            for content in response.get("content", {}).values():
                yield content.get("schema", {})


def test_does_any_route_open_to_providers_answer_with_pupil_ids(app, client):
    """Which provider-facing answers could name a pupil's internal id?"""
    spec = client.get("/api/v1/openapi.json").json
    components = spec["components"]["schemas"]
    leaks, checked = [], 0
    for rule, method in api_routes(app):
        policy = rule_for_endpoint(app, rule.endpoint)
        if policy is None or "provider" not in policy.roles or policy.public:
            continue
        if len(policy.roles) > 5:  # authenticated(): the caller's own account, not pupils
            continue
        path = PARAMETER.sub(r"{\1}", rule.rule)
        operation = spec["paths"][path][method.lower()]
        checked += 1
        for schema in _success_schemas(operation):
            found = _properties(schema, components, set()) & FORBIDDEN
            if found:
                leaks.append((method, path, sorted(found)))
    assert checked >= 10
    assert leaks == []
