"""Behaviour the screens share through ui.js and api.js: every API request asks for details in
the language the UI shows, and forms send optional fields only when they are filled in."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.browser


def test_do_api_requests_ask_for_the_language_the_ui_shows(page, live_server, login):
    """After switching to English, do the screens' API requests send Accept-Language: en
    (so that the server's problem details come in English too)?"""
    username = live_server.make_user("teacher")
    login(page, username)
    languages = []
    page.on(
        "request",
        lambda request: (
            languages.append(request.headers.get("accept-language"))
            if "/api/v1/" in request.url
            else None
        ),
    )
    page.get_by_label("Sprache").select_option("en")
    page.locator("html[lang=en]").wait_for(state="attached")
    page.get_by_role("heading", level=1).filter(has_text="Hello").wait_for()
    page.goto("/#/passkeys")
    page.get_by_role("heading", name="Passkeys").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert languages and set(languages) == {"en"}


def test_can_a_company_register_without_an_email_address(page, live_server, login):
    """Can a new company contact register the organisation and leave the optional e-mail
    and phone fields empty (nothing empty is sent, so the server has nothing to refuse)?"""

    def kommune_id():
        from tests import factories as f

        return f.make_kommune(f"E2E-Kommune {uuid.uuid4().hex[:6]}").id

    kommune = live_server.create(kommune_id)
    username = live_server.make_user("provider", kommune_id=kommune)
    login(page, username)
    page.goto("/#/provider")
    form = page.locator("#provider-register")
    form.get_by_label("Name des Betriebs").fill("Bäckerei Sonnenschein")
    form.get_by_label("Postleitzahl").fill("44135")
    form.get_by_role("button", name="Registrieren").click()
    page.locator("#offer-form").wait_for()
    assert page.locator(".form-error-summary").count() == 0
    assert "Bäckerei Sonnenschein" in page.locator("main").inner_text()
