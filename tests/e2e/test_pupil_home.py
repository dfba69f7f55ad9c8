"""The pupil's personal home: next steps and progress at 360 and 1280 px, and offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _pupil(live_server) -> str:
    world = live_server.make_class_world(pupils=(("Nele", "Brandt"),), pupil_logins=True)
    return world.pupil_usernames[0]


def test_does_the_home_show_a_new_pupil_what_comes_next(
    page, desktop_page, live_server, login, screens, assert_no_axe_violations
):
    """Does a new pupil see "Fragebogen noch offen" first, progress, and reach the questionnaire?"""
    username = _pupil(live_server)
    login(page, username)
    cards = page.locator("#next-steps > li")
    cards.first.wait_for()
    assert cards.first.get_attribute("data-kind") == "questionnaire"
    assert "Fragebogen noch offen" in cards.first.inner_text()
    assert "Mein Weg in Klasse 10: 0 von" in page.locator(".standing").inner_text()
    assert page.locator("#progress-steps").count() == 1
    assert page.evaluate(NO_SIDEWAYS)
    assert_no_axe_violations(page, "pupil home 360")
    with screens.new(page):
        cards.first.locator("a").click()
    page.locator("#questionnaire-form").wait_for()

    login(desktop_page, username)
    desktop_page.locator("#next-steps > li").first.wait_for()
    assert desktop_page.evaluate(NO_SIDEWAYS)
    assert_no_axe_violations(desktop_page, "pupil home 1280")
    assert page.js_errors == [] and desktop_page.js_errors == []


def test_does_the_home_show_the_last_copy_offline(page, live_server, login, screens):
    """Offline after a visit: does the home show the kept copy and say it is from last time?"""
    username = _pupil(live_server)
    login(page, username)
    page.locator("#next-steps > li").first.wait_for()
    page.wait_for_function(
        "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)",
        timeout=15000,
    )
    page.context.set_offline(True)
    screens.open(page, "/#/home")
    page.get_by_text("Das ist dein Stand vom letzten Mal").wait_for()
    assert page.locator("#next-steps > li").first.get_attribute("data-kind") == "questionnaire"
