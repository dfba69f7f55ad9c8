"""No personal data or tokens in URLs: opaque ids only (ASVS 14.2.1; docs/security.md item 24)."""

from __future__ import annotations

import re

PERSONAL = re.compile(
    r"(^|_)(name|first_?name|last_?name|vorname|nachname|birth|geburt|email|e_?mail|mail|"
    r"username|user_?name|phone|telefon|street|strasse|address|adresse|password|token|code)($|_)",
    re.IGNORECASE,
)
# Query parameters that are not personal although they match a word above.
ALLOWED = {("query", "sbo_kuerzel")}


def _parameters(document):
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            for parameter in shared + operation.get("parameters", []):
                yield method, path, parameter


def test_does_no_path_or_query_parameter_carry_personal_data(app, client):
    """Is every path and query parameter an id or a non-personal filter, never a name?"""
    document = client.get("/api/v1/openapi.json").json
    offenders = [
        f"{method.upper()} {path}: {p['in']} {p['name']}"
        for method, path, p in _parameters(document)
        if p["in"] in ("path", "query")
        and (p["in"], p["name"]) not in ALLOWED
        and PERSONAL.search(p["name"])
    ]
    assert offenders == []


def test_are_path_parameters_integer_ids(app, client):
    """Is every path parameter an integer named …_id (opaque, never a name or a code)?"""
    document = client.get("/api/v1/openapi.json").json
    for method, path, p in _parameters(document):
        if p["in"] == "path":
            assert p["name"].endswith("_id"), (method, path, p["name"])
            assert p["schema"]["type"] == "integer", (method, path, p["name"])


def test_does_no_path_template_contain_a_personal_word(app, client):
    """Do the literal path segments avoid personal words (e.g. /by-name/, /email/)?"""
    document = client.get("/api/v1/openapi.json").json
    for path in document["paths"]:
        for segment in path.strip("/").split("/"):
            if segment.startswith("{"):
                continue
            assert not PERSONAL.search(segment.replace("-", "_")), path
