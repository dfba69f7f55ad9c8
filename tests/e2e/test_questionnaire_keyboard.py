"""Keyboard users in the questionnaire: the arrow keys choose without moving on; "Zurück" on
the first statement leads back to the overview."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_does_choosing_with_the_keyboard_stay_on_the_statement(desktop_page, live_server, login):
    """Arrow keys change the answer and stay; Enter goes on; back on the first leads out?"""
    world = live_server.make_class_world(pupils=(("Kim", "Berger"),), pupil_logins=True)
    page = desktop_page
    login(page, world.pupil_usernames[0])
    page.goto("/#/interests/questionnaire")
    page.locator("#questionnaire-form").wait_for()
    first = page.locator("#questionnaire-form input[name=answer]").first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(600)  # longer than the tap's delay: nothing may move on
    assert "Aussage 1 von 60" in page.locator("#q-progress-text").inner_text()
    assert page.locator("#questionnaire-form input:checked").get_attribute("value") == "3"
    page.keyboard.press("Enter")
    page.get_by_text("Aussage 2 von 60").wait_for()
    page.locator("#q-back").click()
    page.get_by_text("Aussage 1 von 60").wait_for()
    assert page.locator("#questionnaire-form input:checked").get_attribute("value") == "3"
    page.locator("#q-back").click()
    page.locator("#start-questionnaire").wait_for()
    assert "1 von 60" in page.locator("#start-questionnaire").inner_text()  # resume, not restart
    assert page.js_errors == []
