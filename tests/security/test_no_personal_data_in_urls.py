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
# Path parameters that are not ids by contract: the guardian link's secret (issue 14 names
# the path /guardian/<token>; the token is random, single-pupil and stored only as a hash, and
# the PWA carries it in the URL fragment, which never reaches a server log) and reference codes
# (a Berufsfeld's kuerzel, an SBO step code in issue 12's /steps/<code>/not-taken).
PATH_NOT_ID = {("token", "string"), ("kuerzel", "string"), ("code", "string")}
# Literal segments that name an action, not a person's data (issue 9 names /auth/password).
ACTION_SEGMENTS = {"password"}


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
        and (p["name"], p["schema"].get("type")) not in PATH_NOT_ID
        and PERSONAL.search(p["name"])
    ]
    assert offenders == []


def test_are_path_parameters_integer_ids(app, client):
    """Is every path parameter an integer named …_id (opaque, never a name or a code)?"""
    document = client.get("/api/v1/openapi.json").json
    for method, path, p in _parameters(document):
        if p["in"] == "path" and (p["name"], p["schema"].get("type")) not in PATH_NOT_ID:
            assert p["name"].endswith("_id"), (method, path, p["name"])
            assert p["schema"]["type"] == "integer", (method, path, p["name"])


def test_does_no_path_template_contain_a_personal_word(app, client):
    """Do the literal path segments avoid personal words (e.g. /by-name/, /email/)?"""
    document = client.get("/api/v1/openapi.json").json
    for path in document["paths"]:
        for segment in path.strip("/").split("/"):
            if segment.startswith("{") or segment in ACTION_SEGMENTS:
                continue
            assert not PERSONAL.search(segment.replace("-", "_")), path
