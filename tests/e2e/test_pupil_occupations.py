"""Occupations and Berufsfelder are tappable: the result links to an occupation (tasks,
certificate, BERUFENET, Merkliste, "Praktikum dazu finden") and to a Berufsfeld (its
occupations); the Merkliste shows in Mein Weg (360 and 1280 px, axe, no sideways scrolling)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _pupil_with_profile(live_server) -> str:
    world = live_server.make_class_world(pupils=(("Emre", "Yıldız"),), pupil_logins=True)

    def create():
        from app.auth.models import User
        from app.extensions import db
        from app.interests import services
        from tests.interests.interest_answers import submission

        pupil = db.session.get(User, world.pupil_ids[0])
        body = submission({"R": 5, "I": 4, "C": 3})
        services.create_profile(pupil, body["questionnaire_version"], body["answers"], None)

    live_server.create(create)
    return world.pupil_usernames[0]


@pytest.mark.parametrize("width", [360, 1280])
def test_can_a_pupil_explore_an_occupation_and_keep_it(
    browser, live_server, login, screens, assert_no_axe_violations, width
):
    """Result → occupation → Merken → Mein Weg lists it; Berufsfeld → its occupations → offers?"""
    username = _pupil_with_profile(live_server)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, locale="de-DE"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        login(page, username)
        screens.open(page, "/#/interests/results")
        jobs = page.locator("#occupations > li")
        jobs.first.wait_for()
        whys = jobs.locator(".jobs__what").all_inner_texts()
        assert len(set(whys)) >= 8, whys  # specific per occupation, not one sentence for all
        title = jobs.first.locator("a").inner_text()
        with screens.new(page):
            jobs.first.locator("a").click()
        page.get_by_role("heading", level=1, name=title).wait_for()
        assert page.locator("#occupation-tasks li").count() >= 2
        assert (
            "Ausbildung"
            in page.locator("section[aria-labelledby=certificate-heading]").inner_text()
        )
        link = page.locator("#berufenet-link")
        assert link.get_attribute("href").startswith("https://web.arbeitsagentur.de/berufenet/")
        assert link.get_attribute("target") == "_blank"
        assert page.evaluate(NO_SIDEWAYS)
        assert_no_axe_violations(page, f"occupation {width}")
        page.locator("#remember").click()
        page.locator("#remember[aria-pressed=true]").wait_for()

        screens.open(page, "/#/portfolio")
        page.locator("#favourite-list").get_by_role("link", name=title).wait_for()
        assert_no_axe_violations(page, f"portfolio with Merkliste {width}")

        screens.open(page, "/#/interests/results")
        field = page.locator("#berufsfelder > li a").first
        field_name = field.inner_text()
        with screens.new(page):
            field.click()
        page.get_by_role("heading", level=1, name=field_name).wait_for()
        assert page.locator("#field-occupations li").count() >= 1
        assert page.evaluate(NO_SIDEWAYS)
        assert_no_axe_violations(page, f"berufsfeld {width}")
        with screens.new(page):
            page.locator("#find-offers").click()
        assert "berufsfeld=" in page.url
        page.locator("#offer-count").wait_for()
        assert "1 Filter aktiv" in page.locator("#offer-filter-summary").inner_text()
        assert errors == []
    finally:
        context.close()
