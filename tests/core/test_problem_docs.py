"""Does the OpenAPI document name, for every operation, the refusals it can answer?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(app):
    return app.test_client().get("/api/v1/openapi.json").get_json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def _rules(app) -> dict[tuple[str, str], object]:
    """(OpenAPI path, method) → the route's access rule."""
    rules = {}
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            rules[(path, method.lower())] = getattr(view, "_access_rule", None)
    return rules


def test_does_every_operation_document_the_refusals_of_policy_and_csrf(app, document):
    """Behind the policy: 401 and 403; unsafe methods: 403 (CSRF) — all in the document?"""
    rules = _rules(app)
    missing = []
    for path, method, operation in _operations(document):
        rule = rules[(path, method)]
        expected = set() if rule is not None and rule.public else {"401", "403"}
        if method in UNSAFE:
            expected.add("403")
        missing += [(method, path, s) for s in expected - set(operation["responses"])]
    assert missing == []


def test_does_every_operation_on_a_path_object_document_404(document):
    """A path with {…_id}: is 404 (no such object, or not visible) documented?"""
    missing = [
        (method, path)
        for path, method, operation in _operations(document)
        if "{" in path and "404" not in operation["responses"]
    ]
    assert missing == []


def test_are_problem_responses_documented_as_problem_json(document):
    """Is every documented error answer application/problem+json with the problem schema?"""
    shared = document["components"]["responses"]
    for path, method, operation in _operations(document):
        for status, response in operation["responses"].items():
            if not status.isdigit() or int(status) < 400:
                continue
            if "$ref" in response:
                response = shared[response["$ref"].rsplit("/", 1)[1]]
            assert "application/problem+json" in response["content"], (method, path, status)


OLD_WAYS = re.compile(r"alt_response\(\s*[45]\d\d|document_problem|\bproblem\(")


def test_is_problems_the_only_way_to_document_an_error():
    """Does every route document its errors with core.api.problems, never alt_response?"""
    app_dir = Path(__file__).resolve().parents[2] / "app"
    offenders = {
        str(path.relative_to(app_dir.parent))
        for path in sorted(app_dir.rglob("*.py"))
        if OLD_WAYS.search(path.read_text(encoding="utf-8"))
    }
    assert sorted(offenders - {"app/core/api.py"}) == []
