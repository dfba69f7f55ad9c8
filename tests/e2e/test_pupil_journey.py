"""The pupil journey on a phone: interests offline, result, reflection, sharing; the teacher's
class matrix. schueler30 (10a, class teacher `lehrer`) and schueler31 are used only here."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.interests.models import InterestProfile

PUPIL = "schueler30"
DESKTOP_PUPIL = "schueler31"
TYPE_ORDER = "RIASEC"  # the file interleaves the types: R01, I01, A01, S01, E01, C01, R02 …
PREFERENCE = {"S": "5", "A": "4", "E": "3"}


def _profiles(live_server, username: str) -> int:
    def count():
        pupil_id = db.session.scalar(select(User.id).where(User.username == username))
        return db.session.scalar(
            select(func.count(InterestProfile.id)).where(InterestProfile.pupil_id == pupil_id)
        )

    return live_server.create(count)


def _last_name(live_server, username: str) -> str:
    return live_server.create(
        lambda: db.session.scalar(select(User.last_name).where(User.username == username))
    )


def _answer(page, count: int) -> int:
    """Answer `count` statements in a row by tapping the answer only (the next statement comes
    by itself); the last one needs "Fertig". Returns the number of taps."""
    taps = 0
    for _ in range(count):
        text = page.locator("#q-progress-text").inner_text()
        number = int(re.search(r"(\d+) von", text).group(1))
        letter = TYPE_ORDER[(number - 1) % 6]
        value = PREFERENCE.get(letter, "2")
        page.locator(f"#questionnaire-form label[for$='-{value}']").click()
        taps += 1
        if number < 60:
            page.wait_for_function(
                "n => document.querySelector('#q-progress-text')?.textContent.includes(`${n} von`)",
                arg=number + 1,
            )
        else:
            page.locator("#q-next").click()
            taps += 1
    return taps


def _wait_for_service_worker(page) -> None:
    page.wait_for_function(
        "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)",
        timeout=15000,
    )


def test_can_a_pupil_do_the_questionnaire_offline_and_share_a_reflection(
    page, desktop_page, live_server, login, assert_no_axe_violations
):
    """Offline half-way, reload, finish, reconnect: one profile, results, reflection, matrix?"""
    login(page, PUPIL)
    _wait_for_service_worker(page)
    page.goto("/#/interests")
    page.locator("#start-questionnaire").wait_for()
    assert_no_axe_violations(page, "interests overview 360")
    page.locator("#start-questionnaire").click()
    page.locator("#questionnaire-form").wait_for()
    assert_no_axe_violations(page, "questionnaire 360")

    page.context.set_offline(True)
    assert "etwa 5 Minuten" in page.locator("#q-remaining").inner_text()
    taps = _answer(page, 30)
    page.reload()
    page.locator("#questionnaire-form").wait_for()
    assert "31 von 60" in page.locator("#q-progress-text").inner_text()
    assert "etwa 3 Minuten" in page.locator("#q-remaining").inner_text()  # 30 × 5 s left
    page.locator("#q-back").click()  # back is always possible; the answer given is kept
    page.wait_for_function(
        "() => document.querySelector('#q-progress-text').textContent.includes('30 von')"
    )
    assert page.locator("#questionnaire-form input:checked").count() == 1
    page.locator("#q-next").click()
    page.wait_for_function(
        "() => document.querySelector('#q-progress-text').textContent.includes('31 von')"
    )
    taps += _answer(page, 30)
    assert taps == 61  # instead of 120 taps with a "Weiter" after every answer
    page.locator("#q-queued").wait_for()
    assert _profiles(live_server, PUPIL) == 0

    page.context.set_offline(False)
    page.wait_for_function(
        "() => /^#\\/interests\\/results\\?id=\\d+$/.test(location.hash)", timeout=15000
    )
    page.locator("#score-chart svg[role=img]").wait_for()
    assert _profiles(live_server, PUPIL) == 1
    assert page.locator("#berufsfelder > li").count() == 3
    assert page.locator("#occupations > li").count() == 10
    code_section = page.locator("#code-heading").evaluate("e => e.parentElement.innerText")
    assert "Sozial-helfend" in code_section
    assert_no_axe_violations(page, "results 360")

    page.goto("/#/portfolio")
    page.locator("#steps").wait_for()
    assert_no_axe_violations(page, "portfolio 360")
    # grade 10: the one Sek I Praktikum is the (mandatory) grade-9 step among the earlier ones
    page.locator("#earlier-steps li", has_text="Praktikum in einem Betrieb").get_by_role(
        "link"
    ).click()
    page.locator("#step-form").wait_for()
    page.locator("label[for=status-done]").click()
    page.locator("#step-date").fill("2026-02-13")
    page.locator("#step-provider").fill("Kita Regenbogen")
    page.locator("#step-berufsfeld").select_option("SP")
    page.locator("#step-reflection").fill("Mit Kindern basteln war toll. Ich nehme mit: Geduld!")
    page.locator("#step-save").click()
    page.locator("#step-status", has_text="Gespeichert").wait_for()
    page.locator("#share-step").click()
    page.locator("#share-step[aria-pressed=true]").wait_for()
    page.locator("#share-step-status", has_text="Geteilt").wait_for()
    assert_no_axe_violations(page, "step 360")
    assert _profiles(live_server, PUPIL) == 1

    last_name = _last_name(live_server, PUPIL)
    login(desktop_page, "lehrer")
    desktop_page.goto("/#/progress")
    desktop_page.locator("#progress-classes").wait_for()
    assert_no_axe_violations(desktop_page, "progress classes 1280")
    desktop_page.locator("#progress-classes a", has_text="10a").click()
    desktop_page.locator("#progress-matrix").wait_for()
    row = desktop_page.locator("#progress-matrix tbody tr", has_text=last_name)
    assert "erledigt" in row.inner_text()
    assert_no_axe_violations(desktop_page, "progress matrix 1280")
    row.locator("a[href^='#/progress/']").click()
    desktop_page.locator("#shared-steps").wait_for()
    assert "Geduld!" in desktop_page.locator("#shared-steps").inner_text()
    assert_no_axe_violations(desktop_page, "shared items 1280")
    assert not page.js_errors and not desktop_page.js_errors


def test_are_the_pupil_screens_accessible_on_a_desktop(
    desktop_page, page, live_server, login, assert_no_axe_violations
):
    """Do interests, questionnaire and Mein Weg pass axe at 1280 px, the matrix at 360 px?"""
    login(desktop_page, DESKTOP_PUPIL)
    for path, ready in (
        ("/#/interests", "#start-questionnaire"),
        ("/#/interests/questionnaire", "#questionnaire-form"),
        ("/#/portfolio", "#steps"),
    ):
        desktop_page.goto(path)
        desktop_page.locator(ready).wait_for()
        assert_no_axe_violations(desktop_page, f"{path} 1280")
    desktop_page.locator("#steps li").first.get_by_role("link").click()
    desktop_page.locator("#step-form").wait_for()
    assert_no_axe_violations(desktop_page, "step 1280")

    login(page, "lehrer")
    page.goto("/#/progress")
    page.locator("#progress-classes a", has_text="10a").click()
    page.locator("#progress-matrix").wait_for()
    assert_no_axe_violations(page, "progress matrix 360")
    assert not desktop_page.js_errors and not page.js_errors
