"""The shell fits a 360 px phone: no horizontal scrolling on the home screens of each role."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Elements reaching past the viewport (outside the sideways-scrolling nav), for the message.
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter((el) => !el.closest('.app-nav__list'))
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 8).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`)"""


@pytest.mark.parametrize("username", ["schueler1", "lehrer", "stubo"])
def test_home_screen_does_not_scroll_sideways_at_360_px(page, login, username):
    """Does the home screen (header with language switch, inbox and logout) fit in 360 px?"""
    login(page, username)
    page.goto("/#/home")
    page.locator("#screen:not([aria-busy])").wait_for()
    page.locator("#logout").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, (width, page.evaluate(OVERFLOWING))
    logout = page.locator("#logout").bounding_box()
    assert logout["x"] >= 0 and logout["x"] + logout["width"] <= 360
    assert logout["height"] >= 44  # touch target kept
    for button in page.locator(".app-header button:visible, .app-header a:visible").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, button.evaluate("el => el.outerHTML")
    assert page.js_errors == []
