"""Anti-automation on bulk exports of personal data (ASVS 2.4.1; docs/security.md item 19)."""

from __future__ import annotations

import pytest

from app.config import load_config

LIMIT = 3

# (role in world.users or "pupil", method, path template, JSON body)
EXPORTS = {
    "leavers_csv": ("stubo", "get", "/api/v1/schools/{school}/leavers/export.csv", None),
    "leavers_xlsx": ("stubo", "get", "/api/v1/schools/{school}/leavers/export.xlsx", None),
    "statutory": ("stubo", "post", "/api/v1/schools/{school}/statutory-transfer.csv", {}),
    "own_json": ("pupil", "get", "/api/v1/me/export", None),
    "own_pdf": ("pupil", "get", "/api/v1/me/export.pdf", None),
    "code_sheet": ("teacher", "post", "/api/v1/classes/{klasse}/enrolment-codes/sheet.pdf", {}),
}
OPENAPI_PATHS = {
    ("get", "/api/v1/schools/{school_id}/leavers/export.csv"),
    ("get", "/api/v1/schools/{school_id}/leavers/export.xlsx"),
    ("post", "/api/v1/schools/{school_id}/statutory-transfer.csv"),
    ("get", "/api/v1/me/export"),
    ("get", "/api/v1/me/export.pdf"),
    ("post", "/api/v1/classes/{class_id}/enrolment-codes/sheet.pdf"),
}


@pytest.fixture
def low_limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_RATE_LIMIT", f"{LIMIT} per minute")


def _call(client, method, template, body, world):
    url = template.format(school=world.school.id, klasse=world.klasse.id)
    return getattr(client, method)(url, json=body) if body is not None else client.get(url)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_is_each_export_limited_with_a_problem_answer(
    name, db, world, reference, login_as, low_limit
):
    """Is the export after the budget refused with 429 problem+json and Retry-After?"""
    role, method, template, body = EXPORTS[name]
    client = login_as(world.pupil if role == "pupil" else getattr(world.users, role))
    answers = [_call(client, method, template, body, world).status_code for _ in range(LIMIT)]
    assert 429 not in answers and all(code < 500 for code in answers)
    refused = _call(client, method, template, body, world)
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert refused.json["status"] == 429 and refused.json["title"]
    assert "Retry-After" in refused.headers


def test_do_all_exports_share_one_budget_per_account(db, world, reference, login_as, low_limit):
    """Does JSON + PDF count together, while another pupil keeps a budget of their own?"""
    pupil = login_as(world.pupil)
    assert pupil.get("/api/v1/me/export").status_code == 200
    assert pupil.get("/api/v1/me/export.pdf").status_code == 200
    assert pupil.get("/api/v1/me/export").status_code == 200
    assert pupil.get("/api/v1/me/export.pdf").status_code == 429
    assert login_as(world.classmate).get("/api/v1/me/export").status_code == 200


def test_does_the_openapi_document_announce_429_on_every_export(app, client):
    """Is 429 (problem+json) documented for each rate-limited export operation?"""
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for method, path in OPENAPI_PATHS:
        responses = paths[path][method]["responses"]
        assert "429" in responses, (method, path)


def test_is_the_counter_storage_shared_between_workers(monkeypatch):
    """With REDIS_URL set, do all workers count in Redis rather than in their own memory?"""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert load_config({"ENV_NAME": "testing"})["RATELIMIT_STORAGE_URI"].startswith("redis://")
    monkeypatch.setenv("EXPORT_RATE_LIMIT", "5 per hour")
    assert load_config({"ENV_NAME": "testing"})["EXPORT_RATE_LIMIT"] == "5 per hour"
