"""Small information leaks the outside test found (issue 9, info items)."""

from __future__ import annotations

import pytest


def test_does_the_health_probe_keep_the_database_software_to_itself(client):
    """Does the public health answer say only that the service is up?"""
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
    assert "sqlite" not in response.get_data(as_text=True).lower()
    assert "postgres" not in response.get_data(as_text=True).lower()


@pytest.mark.parametrize("path", ["/README.md", "/.eslintrc.json", "/js/../README.md"])
def test_are_engineering_notes_in_the_front_end_folder_not_served(client, path):
    """Can a visitor read notes meant for engineers (frontend/README.md) or dotfiles?"""
    assert client.get(path).status_code == 404


def test_are_the_app_files_still_served(client):
    """Are the shell, its scripts, styles, catalogues and manifest still delivered?"""
    for path in ("/", "/js/app.js", "/css/app.css", "/i18n/de/app.json", "/manifest.webmanifest"):
        assert client.get(path).status_code == 200, path


def test_does_the_csrf_origin_check_ignore_a_forged_host_header(app, world, login_as):
    """If a request names the attacker's site both as Origin and as Host, is it still
    foreign? (The check compares with the configured public origin, not with Host.)"""
    client = login_as(world.users.teacher)
    name = app.config["SESSION_COOKIE_NAME"]
    client.set_cookie(name, client.get_cookie(name).value, domain="evil.example")
    forged = client.post(
        "/api/v1/auth/logout",
        headers={"Origin": "http://evil.example"},
        base_url="http://evil.example",
    )
    assert forged.status_code == 403
    assert forged.json["type"].endswith("/csrf-foreign-origin")
    own = client.post("/api/v1/auth/logout", headers={"Origin": app.config["PUBLIC_BASE_URL"]})
    assert own.status_code == 204
