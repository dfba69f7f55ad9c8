"""The Kommune coordinator sets, changes and removes identification rounds in the browser."""

from __future__ import annotations

import secrets

import pytest

pytestmark = pytest.mark.browser


def make_coordinator(live_server) -> str:
    """A coordinator of a fresh Kommune (no rounds yet), with a password."""

    def build():
        from tests import factories as f

        return f.make_kommune(f"E2E-Runden {secrets.token_hex(3)}").id

    return live_server.make_user("kommune_coordinator", kommune_id=live_server.create(build))


def open_rounds(page):
    page.get_by_role("navigation").get_by_role("link", name="Identifikationsrunden").click()
    page.wait_for_url("**/#/identification-rounds")
    page.get_by_role("heading", level=1, name="Identifikationsrunden").wait_for()
    page.locator("#screen:not([aria-busy])").wait_for()


def test_coordinator_creates_changes_and_deletes_a_round(
    page, live_server, login, assert_no_axe_violations
):
    """Can the coordinator set a round, see a dates error, change its end and delete it?"""
    login(page, make_coordinator(live_server))
    open_rounds(page)
    page.locator("#rounds-empty").wait_for()
    assert_no_axe_violations(page, "rounds empty 360")

    create = page.locator("#round-create")
    create.get_by_label("Bezeichnung").fill("Runde I")
    create.get_by_label("Beginn").fill("2027-03-01")
    create.get_by_label("Ende").fill("2027-02-01")
    create.get_by_role("button", name="Runde anlegen").click()
    create.locator(".form-error-summary").wait_for()
    assert create.get_by_label("Ende").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page, "rounds error 360")

    create.get_by_label("Ende").fill("2027-03-31")
    create.get_by_role("button", name="Runde anlegen").click()
    page.get_by_role("status").filter(has_text="Runde „Runde I“ angelegt.").wait_for()
    item = page.locator("#rounds-list li", has_text="Runde I")
    assert "01.03.2027" in item.inner_text() and "31.03.2027" in item.inner_text()
    assert create.get_by_label("Bezeichnung").input_value() == ""

    item.get_by_text("Bezeichnung und Daten von „Runde I“ ändern").click()
    item.get_by_label("Ende").fill("2027-05-31")
    assert_no_axe_violations(page, "rounds edit 360")
    item.get_by_role("button", name="Änderungen speichern").click()
    page.get_by_role("status").filter(has_text="Runde „Runde I“ gespeichert.").wait_for()
    assert "31.05.2027" in page.locator("#rounds-list").inner_text()

    item = page.locator("#rounds-list li", has_text="Runde I")
    item.get_by_role("button", name="„Runde I“ löschen").click()
    item.get_by_role("button", name="Abbrechen").click()
    assert page.locator("#rounds-list li").count() == 1
    item.get_by_role("button", name="„Runde I“ löschen").click()
    item.get_by_role("button", name="Ja, löschen").click()
    page.get_by_role("status").filter(has_text="Runde „Runde I“ gelöscht.").wait_for()
    page.locator("#rounds-empty").wait_for()
    assert page.js_errors == []


def test_rounds_screen_has_no_axe_violations_on_desktop(
    desktop_page, live_server, login, assert_no_axe_violations
):
    """Does the rounds screen with a round in it pass axe at 1280 px?"""
    username = make_coordinator(live_server)
    login(desktop_page, username)
    open_rounds(desktop_page)
    create = desktop_page.locator("#round-create")
    create.get_by_label("Bezeichnung").fill("Runde II")
    create.get_by_label("Beginn").fill("2027-04-01")
    create.get_by_label("Ende").fill("2027-05-31")
    create.get_by_role("button", name="Runde anlegen").click()
    desktop_page.locator("#rounds-list li", has_text="Runde II").wait_for()
    assert_no_axe_violations(desktop_page, "rounds 1280")
    assert desktop_page.js_errors == []
