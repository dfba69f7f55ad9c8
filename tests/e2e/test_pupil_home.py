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


def test_does_a_phone_get_five_entries_at_the_bottom_and_a_desktop_the_top_nav(
    page, desktop_page, live_server, login, screens, assert_no_axe_violations
):
    """At 360 px: five entries at the bottom (the top nav hidden), Mehr lists every area; at
    1280 px: the top nav and no bottom bar?"""
    username = _pupil(live_server)
    login(page, username)
    bar = page.locator("#bottom-nav")
    bar.wait_for()
    assert bar.locator("a").all_inner_texts() == [
        "Start",
        "Interessen",
        "Angebote",
        "Mein Weg",
        "Mehr",
    ]
    assert not page.locator("#app-nav").is_visible()
    assert bar.locator("a[aria-current=page]").inner_text() == "Start"
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(740, abs=1)  # fixed at the bottom
    with screens.new(page):
        bar.get_by_role("link", name="Angebote").click()
    assert bar.locator("a[aria-current=page]").inner_text() == "Angebote"
    with screens.new(page):
        bar.get_by_role("link", name="Mehr").click()
    more = page.locator("#more-list")
    assert more.get_by_role("link", name="Wohin gingen meine Daten?").count() == 1
    assert more.get_by_role("link", name="Buchungen").count() == 1
    assert page.evaluate(NO_SIDEWAYS)
    assert_no_axe_violations(page, "more 360")
    # The last link of a long screen is not hidden behind the bar.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = page.locator("#footer-a11y").bounding_box()
    assert last["y"] + last["height"] <= bar.bounding_box()["y"] + 1

    login(desktop_page, username)
    desktop_page.locator("#app-nav").wait_for()
    assert desktop_page.locator("#app-nav").is_visible()
    assert not desktop_page.locator("#bottom-nav").is_visible()
    assert page.js_errors == [] and desktop_page.js_errors == []
