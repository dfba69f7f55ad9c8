"""Are unsafe API calls protected against CSRF, and does every response carry security headers?"""

from __future__ import annotations

import pytest

from tests.api_routes import ROUTES, UNSAFE

UNSAFE_ROUTES = [route for route in ROUTES if route.split(" ", 1)[0] in UNSAFE]


def _concrete(path: str) -> str:
    import re

    return re.sub(r"<(?:int:)?[a-z_]+>", "1", path)


@pytest.mark.parametrize("route_id", UNSAFE_ROUTES)
def test_is_an_unsafe_request_without_csrf_token_refused(app, world, login_as, route_id):
    """Does any state-changing route accept a request without the X-CSRF-Token header?"""
    method, path = route_id.split(" ", 1)
    client = login_as(world.users.admin)
    client.environ_base.pop("HTTP_X_CSRF_TOKEN")
    response = client.open(_concrete(path), method=method, json={})
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("route_id", UNSAFE_ROUTES)
def test_is_an_unsafe_request_from_a_foreign_origin_refused(app, world, login_as, route_id):
    """Does a valid token help a request that comes from another site?"""
    method, path = route_id.split(" ", 1)
    client = login_as(world.users.admin)
    foreign = client.open(
        _concrete(path), method=method, json={}, headers={"Origin": "https://evil.example"}
    )
    cross_site = client.open(
        _concrete(path), method=method, json={}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert foreign.status_code == 403
    assert cross_site.status_code == 403


@pytest.mark.parametrize(
    "path", ["/", "/api/v1/health", "/api/v1/auth/me", "/api/v1/nope", "/manifest.webmanifest"]
)
def test_does_every_response_carry_security_headers(client, path):
    """Are CSP, nosniff, referrer policy and frame-ancestors set on pages, API and errors?"""
    response = client.get(path)
    csp = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    if path.startswith("/api/"):
        assert response.headers["Cache-Control"] == "no-store"


def test_is_hsts_sent_when_configured(app, client):
    """Does production (HSTS on) tell browsers to insist on HTTPS?"""
    app.config["HSTS"] = True
    try:
        assert "max-age" in client.get("/api/v1/health").headers["Strict-Transport-Security"]
    finally:
        app.config["HSTS"] = False


def test_are_errors_problem_json_without_traceback(client):
    """Does an unknown API path answer problem+json, never HTML?"""
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 404 and body["title"] and body["type"].startswith("https://")
    assert "Traceback" not in response.get_data(as_text=True)
