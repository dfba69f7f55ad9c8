"""The app offline and warm (issue 13): offline after logout and login on the same tab, a lost
precache refilled, app files from the service worker's cache, the prompt for a new version."""

from __future__ import annotations

import re

import pytest

from tests.e2e.offline_support import (
    SHELL_SIZE,
    open_first_step,
    ready_for_offline,
    reflections_containing,
    sign_in_here,
    two_pupils,
)

pytestmark = pytest.mark.browser


def _answer(page, count: int) -> None:
    for _ in range(count):
        number = int(re.search(r"(\d+) von", page.locator("#q-progress-text").inner_text())[1])
        page.locator("#questionnaire-form label[for$='-3']").click()
        page.locator("#q-next").click()
        page.wait_for_function(
            "n => document.querySelector('#q-progress-text')?.textContent.includes(`${n} von`)",
            arg=number + 1,
        )


def _progress(page) -> str:
    page.locator("#screen:not([aria-busy]) #q-progress-text").wait_for()
    return page.locator("#q-progress-text").inner_text()


def test_does_offline_still_work_after_logout_and_login_on_the_same_tab(
    page, live_server, login, assert_no_axe_violations
):
    """Logout, login again on the same tab, then offline: does the app reload without a network,
    and do the questionnaire and "Mein Weg" work offline without losing an answer?"""
    pupil, _ = two_pupils(live_server)
    login(page, pupil)
    ready_for_offline(page)
    page.get_by_role("button", name="Abmelden").click()
    page.get_by_role("heading", name="Anmelden").wait_for()
    sign_in_here(page, pupil)
    ready_for_offline(page)

    page.goto("/#/interests/questionnaire")
    _answer(page, 3)
    open_first_step(page)  # "Mein Weg" loaded once online: its offline copy
    page.context.set_offline(True)
    page.reload()
    page.locator("#screen:not([aria-busy]) #step-form").wait_for()
    page.goto("/#/interests/questionnaire")
    assert "4 von 60" in _progress(page)
    _answer(page, 2)
    page.reload()
    assert "6 von 60" in _progress(page)
    assert_no_axe_violations(page, "questionnaire offline after logout and login 360")

    text = "Offline nach dem Wiederanmelden geschrieben"
    page.goto("/#/portfolio")
    page.locator("#screen:not([aria-busy]) #steps").wait_for()
    page.locator("#steps li").first.get_by_role("link").click()
    page.locator("#step-reflection").fill(text)
    page.locator("#step-save").click()
    page.locator("#step-status", has_text="Auf diesem Gerät gespeichert").wait_for()

    with page.expect_response(lambda r: "/me/portfolio/steps/" in r.url and r.ok):
        page.context.set_offline(False)
    assert reflections_containing(live_server, text) == 1
    page.goto("/#/interests/questionnaire")
    assert "6 von 60" in _progress(page)
    assert page.js_errors == []


def test_does_the_app_refill_a_lost_precache_without_an_offline_visit_creating_it_empty(
    page, live_server, login
):
    """The app's cache is lost (storage pressure, an older app's logout) and the app is opened
    offline: does that visit leave no empty cache behind, and does the next login refill it
    completely so that an offline reload works?"""
    pupil, _ = two_pupils(live_server)
    login(page, pupil)
    ready_for_offline(page)
    page.evaluate(
        "caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))"
    )
    page.context.set_offline(True)
    page.reload()
    page.wait_for_load_state()
    assert page.evaluate("caches.keys()") == []
    page.context.set_offline(False)

    page.goto("about:blank")  # the offline answer was a page of its own: load the app again
    page.goto("/#/home")
    page.get_by_role("button", name="Abmelden").click()
    page.get_by_role("heading", name="Anmelden").wait_for()
    sign_in_here(page, pupil)
    page.wait_for_function(
        """n => caches.keys().then(async (names) => names.length === 1
             && (await (await caches.open(names[0])).keys()).length === n)""",
        arg=SHELL_SIZE,
    )
    page.context.set_offline(True)
    page.reload()
    page.locator("#screen:not([aria-busy]) h1").wait_for()
    assert page.locator("main h1").inner_text().startswith("Hallo")
    page.context.set_offline(False)


def test_does_a_warm_start_take_the_app_files_from_the_cache(page, live_server, login):
    """Once the app is installed, does a restart load every app file from the service worker's
    cache, so that only API calls reach the server?"""
    pupil, _ = two_pupils(live_server)
    login(page, pupil)
    ready_for_offline(page)
    reached_server: list[str] = []
    page.context.on(
        "request",
        lambda request: (
            reached_server.append(request.url) if request.service_worker is not None else None
        ),
    )
    from_cache: list[bool] = []
    page.on(
        "response",
        lambda response: (
            from_cache.append(response.from_service_worker) if "/api/" not in response.url else None
        ),
    )
    page.reload()
    page.locator("#screen:not([aria-busy]) h1").wait_for()
    page.wait_for_load_state("networkidle")
    assert from_cache and all(from_cache)
    # The service worker did reach the server, for the API only (so its requests are seen).
    assert any("/api/v1/auth/me" in url for url in reached_server)
    assert [url for url in reached_server if "/api/" not in url] == []


def test_does_a_new_version_offer_a_reload_and_switch_to_it(
    page, live_server, monkeypatch, assert_no_axe_violations
):
    """A new version is deployed while the app is open: does a bar say so with a reload button,
    and does the reload bring the new version (its cache only) without asking twice?"""
    from app import frontend

    page.goto("/")
    page.locator("#screen:not([aria-busy]) h1").wait_for()
    ready_for_offline(page)
    old_cache = page.evaluate("caches.keys()")
    monkeypatch.setattr(frontend, "app_fingerprint", lambda: "e2e-next-version")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    banner = page.locator("#update-banner")
    banner.get_by_text("Eine neue Version von Anschluss ist bereit.").wait_for()
    assert_no_axe_violations(page, "update bar 360")
    with page.expect_navigation():
        banner.get_by_role("button", name="Jetzt neu laden").click()
    page.locator("#screen:not([aria-busy]) h1").wait_for()
    assert page.locator("#update-banner").count() == 0
    caches = page.evaluate("caches.keys()")
    assert caches != old_cache and [name.endswith("-e2e-next-version") for name in caches] == [True]
    assert page.evaluate("navigator.serviceWorker.controller.state") == "activated"
