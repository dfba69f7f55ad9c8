"""Offers open with their results; the filters wait in a collapsible panel; an address with a
Berufsfeld opens them filtered (360 and 1280 px, axe, no sideways scrolling)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _world_with_offers(live_server):
    """An own Kommune, school, pupil and provider with a BFE day in IT and one in Elektro."""
    world = live_server.make_class_world(
        pupils=(("Jona", "Ahrens"),), pupil_logins=True, provider=True
    )

    def create():
        from app.extensions import db
        from app.internships.models import Provider
        from tests.internships.helpers import make_offer, make_slot, school_day

        provider = db.session.get(Provider, world.provider_id)
        for field, title in (
            ("ITC", "Ein Tag im Rechenzentrum"),
            ("EL", "Ein Tag in der Werkstatt"),
        ):
            offer = make_offer(provider, fields=(field,), title=title, postcode=provider.postcode)
            make_slot(offer, school_day(21), capacity=3)

    live_server.create(create)
    return world


@pytest.mark.parametrize("width", [360, 1280])
def test_do_offers_open_with_results_and_filter_by_berufsfeld(
    browser, live_server, login, screens, assert_no_axe_violations, width
):
    """Results at once, filters folded away; ?berufsfeld=EL filters; resetting shows all again?"""
    world = _world_with_offers(live_server)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, locale="de-DE"
    )
    page = context.new_page()
    try:
        login(page, world.pupil_usernames[0])
        screens.open(page, "/#/offers")
        page.locator("#offer-list").wait_for()
        assert page.locator("#offer-list > li").count() == 2
        assert page.locator("#offer-count").inner_text() == "2 Angebote"
        assert not page.locator("#offer-filter-panel").evaluate("el => el.open")
        assert not page.locator("#filter-field").is_visible()
        assert_no_axe_violations(page, f"offers {width}")

        screens.open(page, "/#/offers?berufsfeld=EL")
        page.locator("#offer-count").get_by_text("1 Angebot").wait_for()
        assert page.locator("#offer-list").inner_text().count("Werkstatt") >= 1
        assert "Rechenzentrum" not in page.locator("#offer-list").inner_text()
        assert "1 Filter aktiv" in page.locator("#offer-filter-summary").inner_text()
        page.locator("#offer-filter-summary").click()
        assert page.locator("#filter-field").input_value() == "EL"
        assert page.evaluate(NO_SIDEWAYS)
        assert_no_axe_violations(page, f"offers filtered, panel open {width}")
        page.locator("#offer-filter-reset").click()
        page.locator("#offer-count").get_by_text("2 Angebote").wait_for()
        assert page.locator("#offer-filter-summary").inner_text() == "Filtern"
    finally:
        context.close()
