"""Input every route refuses before it reads it (issue 9: L3 characters and nesting, L5
cross-site reads, L6 body size)."""

from __future__ import annotations

import io
import json

import pytest

from app.core.request_guards import MAX_JSON_DEPTH
from tests.api_routes import ROUTES

LOGIN = "/api/v1/auth/login"


def _raw_json(client, url: str, text: str, method: str = "POST"):
    return client.open(url, method=method, data=text, content_type="application/json")


@pytest.mark.parametrize(
    ("username", "why"),
    [("\ud800", "lone surrogate"), ("lehrer\x00in", "NUL"), ("\udfff\ud800", "reversed pair")],
)
def test_is_an_unstorable_character_in_a_login_refused_as_bad_input(api, username, why):
    """Does a login with a NUL byte or a lone surrogate get a 422 naming the field, not a 500?"""
    response = api.post(LOGIN, json={"username": username, "password": "egal-egal-egal"})
    assert response.status_code == 422, why
    assert response.mimetype == "application/problem+json"
    assert "username" in response.json["errors"]


def test_is_a_login_body_nested_a_thousand_levels_refused(api):
    """Does JSON nested 1,000 deep (the old rate-limit key function recursed) get a 400?"""
    body = '{"username": ' + "[" * 1000 + "]" * 1000 + ', "password": "x"}'
    response = _raw_json(api, LOGIN, body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_is_json_deeper_than_any_parser_can_take_refused(api):
    """Does a document too deep for Python's own JSON parser still get a problem answer?"""
    response = _raw_json(api, LOGIN, "[" * 200_000 + "]" * 200_000)
    assert response.status_code in (400, 413)
    assert response.mimetype == "application/problem+json"


def test_is_ordinary_nesting_accepted(api):
    """Is a document within the nesting limit parsed as usual (no false alarm)?"""
    body = {"username": "x", "password": "y" * 10}
    nested = json.dumps(body)
    assert MAX_JSON_DEPTH >= 8
    assert _raw_json(api, LOGIN, nested).status_code == 401


def test_is_a_nul_byte_in_a_query_or_a_nested_field_refused(world, login_as):
    """Are NUL bytes refused in query strings and inside nested body fields too?"""
    stubo = login_as(world.users.stubo)
    query = stubo.get("/api/v1/schools?q=Gesamt%00schule")
    assert query.status_code == 422 and "q" in query.json["errors"]
    nested = stubo.post(
        f"/api/v1/classes/{world.klasse.id}/enrolment-codes", json={"pupil_ids": ["\x00"]}
    )
    assert nested.status_code == 422 and "pupil_ids.0" in nested.json["errors"]


# -- L6: body size -------------------------------------------------------------------------


def test_is_an_oversized_body_refused_with_413(app, api):
    """Is a body over the global limit refused before anything reads it?"""
    limit = app.config["MAX_REQUEST_BYTES"]
    body = json.dumps({"username": "x", "password": "y" * limit})
    response = _raw_json(api, LOGIN, body)
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_does_the_roster_import_keep_its_own_larger_limit(app, world, login_as, monkeypatch):
    """With a small global limit, does a roster file within its own 2 MB still get read?"""
    monkeypatch.setitem(app.config, "MAX_REQUEST_BYTES", 16 * 1024)
    teacher = login_as(world.users.teacher)
    csv_text = "Nachname;Vorname;Geburtsdatum;Interne ID-Nummer\n" + "Muster;Max;01.01.2010;1\n"
    padding = "\n" * (64 * 1024)
    upload = {"file": (io.BytesIO((csv_text + padding).encode()), "klasse.csv"), "mode": "preview"}
    response = teacher.post(
        f"/api/v1/classes/{world.klasse.id}/roster-imports",
        data=upload,
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.json
    too_big = teacher.post(LOGIN, json={"username": "x", "password": "y" * 20_000})
    assert too_big.status_code == 413


# -- L5: cross-site reads ------------------------------------------------------------------

GET_ROUTES = [route for route in ROUTES if route.startswith("GET ")]


def _is_public(app, path: str) -> bool:
    from app.core.policy import rule_for_endpoint

    adapter = app.url_map.bind("localhost")
    endpoint, _args = adapter.match(path, method="GET")
    return rule_for_endpoint(app, endpoint).public


def _concrete(path: str) -> str:
    import re

    return re.sub(r"<(?:int:)?[a-z_]+>", "1", path)


@pytest.mark.parametrize("route_id", GET_ROUTES)
def test_is_a_cross_site_read_refused_on_every_personal_route(app, world, login_as, route_id):
    """Can another site make a logged-in browser open (download) an API address? Only the
    public information routes (health, questionnaire, sources) answer; all else is 403."""
    path = _concrete(route_id.split(" ", 1)[1])
    client = login_as(world.users.admin)
    response = client.get(path, headers={"Sec-Fetch-Site": "cross-site"})
    if _is_public(app, path):
        assert response.status_code != 403
    else:
        assert response.status_code == 403, response.json
        assert response.json["type"].endswith("/cross-site-read")


DOWNLOADS = {
    "own JSON export": ("pupil", "/api/v1/me/export"),
    "own PDF export": ("pupil", "/api/v1/me/export.pdf"),
    "own calendar (ics)": ("pupil", "/api/v1/me/bookings.ics"),
    "leavers CSV": ("stubo", "/api/v1/schools/{school}/leavers/export.csv"),
    "leavers XLSX": ("stubo", "/api/v1/schools/{school}/leavers/export.xlsx"),
}


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_is_a_personal_data_download_refused_when_another_site_starts_it(
    db, world, reference, login_as, name, site
):
    """Does a link on another site to an export fail, while the app's own link works?"""
    role, template = DOWNLOADS[name]
    client = login_as(world.pupil if role == "pupil" else getattr(world.users, role))
    url = template.format(school=world.school.id)
    navigation = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    refused = client.get(url, headers={**navigation, "Sec-Fetch-Site": site})
    assert refused.status_code == 403
    assert refused.mimetype == "application/problem+json"
    own = client.get(url, headers={**navigation, "Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 200
    typed = client.get(url, headers={**navigation, "Sec-Fetch-Site": "none"})  # address bar
    assert typed.status_code == 200
