"""Do error answers speak the reader's language — German by default, English on request?"""

from __future__ import annotations

from datetime import date

import pytest

from app.core import i18n

BASE = "https://anschluss.nrw/problems/"
ENGLISH = {"Accept-Language": "en-GB,en;q=0.8"}


def _code(response) -> str:
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].startswith(BASE)
    return response.json["type"].removeprefix(BASE)


def test_does_a_refused_visitor_read_german_and_on_request_english(client, world):
    """A visitor without a session: 401 with code login-required, in both languages?"""
    url = f"/api/v1/classes/{world.klasse.id}/pupils"
    german, english = client.get(url), client.get(url, headers=ENGLISH)
    assert _code(german) == _code(english) == "login-required"
    assert (german.json["title"], german.json["detail"]) == (
        "Nicht angemeldet",
        "Bitte zuerst anmelden.",
    )
    assert english.json["detail"] == "Please log in first."
    assert (
        german.headers["Content-Language"] == "de" and english.headers["Content-Language"] == "en"
    )
    assert "Accept-Language" in german.headers["Vary"]


def test_are_wrong_credentials_worded_in_the_requested_language(api):
    """The login form's 401: same code, German or English detail?"""
    body = {"username": "niemand", "password": "falsch"}
    german = api.post("/api/v1/auth/login", json=body)
    english = api.post("/api/v1/auth/login", json=body, headers=ENGLISH)
    assert _code(german) == _code(english) == "login-failed"
    assert german.json["detail"] == "Benutzername oder Passwort ist falsch."
    assert english.json["detail"] == "Username or password is wrong."


def test_are_marshmallows_field_messages_translated(api):
    """A missing and an over-long field: readable field messages in German and English?"""
    body = {"password": "x" * 300}
    german = api.post("/api/v1/auth/login", json=body)
    english = api.post("/api/v1/auth/login", json=body, headers=ENGLISH)
    assert german.status_code == 422 and _code(german) == "validation-failed"
    assert german.json["errors"] == {
        "username": ["Pflichtfeld."],
        "password": ["Bitte 1 bis 256 Zeichen eingeben."],
    }
    assert english.json["errors"]["username"] == ["Required field."]
    assert english.json["detail"].startswith("Some entries are invalid")


def test_does_a_request_without_csrf_token_get_a_csrf_code(client):
    """The front end retries on a csrf-… code instead of reading the message."""
    response = client.post("/api/v1/auth/login", json={"username": "a", "password": "b"})
    assert response.status_code == 403 and _code(response) == "csrf-token-missing"
    assert "X-CSRF-Token" in response.json["detail"]


@pytest.mark.parametrize(
    ("path", "method", "status", "code"),
    [
        ("/api/v1/does-not-exist", "get", 404, "route-not-found"),
        ("/api/v1/health", "delete", 405, "method-not-allowed"),
    ],
)
def test_do_routing_errors_have_codes(api, path, method, status, code):
    """Unknown paths and methods: problem+json with a code and a German detail?"""
    response = getattr(api, method)(path)
    assert response.status_code == status and _code(response) == code
    assert response.json["detail"] == i18n.text("problems", code, "de")


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("en-US", "en"),
        ("fr-FR, en;q=0.5", "en"),
        ("fr-FR", "de"),
        ("tr", "tr"),  # a partial Turkish catalogue: Turkish where it has the text
        ("es-ES", "de"),  # no Spanish catalogue: German
        ("", "de"),
    ],
)
def test_which_language_does_accept_language_choose(app, header, language):
    """English when asked for (also as a second choice), German for everything else?"""
    with app.test_request_context(headers={"Accept-Language": header}):
        assert i18n.request_language() == language


def test_does_a_language_source_come_before_accept_language(app, monkeypatch):
    """Where a user's stored language setting will plug in: does it win over the header?"""
    monkeypatch.setattr(i18n, "_language_sources", [])
    i18n.add_language_source(lambda: "en")
    with app.test_request_context(headers={"Accept-Language": "de"}):
        assert i18n.request_language() == "en"


def test_are_parameters_formatted_for_the_language(app):
    """A date in a message: 05.12.2026 in German, 5 Dec 2026 in English; numbers filled in?"""
    day = date(2026, 12, 5)
    assert i18n.format_value(day, "de") == "05.12.2026"
    assert i18n.format_value(day, "en") == "5 Dec 2026"
    assert i18n.format_value([3, 4], "de") == "3, 4"
    assert "10 minutes" in i18n.text("problems", "fresh-login-required", "en", minutes=10)


def test_does_a_missing_translation_fall_back_to_german(app, monkeypatch):
    """A language with a partial catalogue: German for the missing entries?"""
    partial = {"titles": {}, "problems": {}, "fields": {}}
    monkeypatch.setattr(
        i18n,
        "catalogue",
        lambda language: (
            partial
            if language == "tr"
            else {"titles": {}, "problems": {"x": "deutsch"}, "fields": {}}
        ),
    )
    assert i18n.text("problems", "x", "tr") == "deutsch"
