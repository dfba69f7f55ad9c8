"""Verantwortungskette in the browser: consent, handover, the Berufskolleg places the youth,
the school sees the outcome; the pupil sees where the data went. Axe on every chain screen."""

from __future__ import annotations

import secrets

import pytest

pytestmark = pytest.mark.browser


def make_chain_world(live_server):
    """A fresh school (class 10e, one pupil) with its StuBO, a Berufskolleg and its coordinator."""
    world = live_server.make_class_world(pupils=(("Lea", "Brandt"),))
    tag = secrets.token_hex(3)

    def build():
        from app.extensions import db
        from app.schools.models import Kommune, School
        from tests import factories as f

        school = db.session.get(School, world.school_id)
        kommune = db.session.get(Kommune, school.kommune_id)
        college = f.make_school(kommune, "BK", f"Berufskolleg E2E {tag}")
        return college.id, college.name

    world.college_id, world.college_name = live_server.create(build)
    world.stubo = live_server.make_user("stubo", school_id=world.school_id)
    world.bk = live_server.make_user("bk_coordinator", school_id=world.college_id)
    return world


def wait_screen(page, heading: str):
    page.get_by_role("heading", level=1, name=heading).wait_for()
    page.locator("#screen:not([aria-busy])").wait_for()


def test_handover_with_consent_reaches_the_berufskolleg_and_the_outcome_the_school(
    browser, page, live_server, login, assert_no_axe_violations, screens
):
    """Does a case handed over with consent appear for the BK, get placed, and show at school?"""
    world = make_chain_world(live_server)
    login(page, world.stubo)
    page.goto("/#/handover")
    wait_screen(page, "Verantwortungskette")
    assert "Brandt, Lea" in page.locator("#leavers-caption").locator("..").inner_text()
    assert_no_axe_violations(page, "handover 360")
    page.select_option("#consent-recipient", label=world.college_name)
    page.select_option("#consent-given-by", "pupil")
    page.get_by_role("button", name="Einwilligung erfassen").click()
    page.get_by_text("Einwilligung erfasst.").first.wait_for()
    page.get_by_role("button", name=f"Übergeben an {world.college_name}").click()
    # Irreversible: asked first (axe-clean), said after.
    page.get_by_text("Das lässt sich nicht zurücknehmen").wait_for()
    assert_no_axe_violations(page, "handover asked")
    page.get_by_role("button", name="Ja, übergeben").click()
    page.get_by_text(f"wurden an {world.college_name} übergeben.").first.wait_for()

    bk_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    )
    bk = bk_context.new_page()
    bk_errors: list[str] = []
    bk.on("pageerror", lambda exc: bk_errors.append(str(exc)))
    login(bk, world.bk)
    bk.goto("/#/cases")
    wait_screen(bk, "Übergebene Fälle")
    assert_no_axe_violations(bk, "cases 360")
    bk.get_by_role("link", name="Lea Brandt").click()
    wait_screen(bk, "Fall: Lea Brandt")
    assert "Gesamtschule E2E" in bk.locator("main").inner_text()
    assert "10e" not in bk.locator("main").inner_text()
    assert_no_axe_violations(bk, "case 360")
    # no phone number was transferred: the log offers letter and visit, letter first
    assert bk.locator("#contact-channel option").all_inner_texts() == ["Brief", "Hausbesuch"]
    bk.select_option("#contact-outcome", "termin_vereinbart")
    bk.get_by_role("button", name="Kontakt eintragen").click()
    bk.locator(".chain-contacts li").first.wait_for()
    assert "Termin vereinbart" in bk.locator(".chain-contacts").inner_text()
    bk.select_option("#case-status", "vermittelt")
    bk.get_by_role("button", name="Speichern").click()
    bk.locator("#case-status-form .form-error-summary").wait_for()
    assert bk.locator("#case-option").get_attribute("aria-invalid") == "true"
    bk.select_option("#case-option", "DUAL")
    bk.get_by_role("button", name="Speichern").click()
    bk.locator("#case-status-h .badge", has_text="Vermittelt").wait_for()
    assert bk_errors == []
    bk_context.close()

    screens.open(page, "/#/home")
    screens.open(page, "/#/handover")
    wait_screen(page, "Verantwortungskette")
    outcome = page.locator("#history-h").locator("..")
    assert "Vermittelt" in outcome.inner_text()
    assert world.college_name in outcome.inner_text()
    page.goto("/#/leavers")
    page.locator("#leavers-table").wait_for()
    row = page.locator("#leavers-table tbody tr", has_text="Brandt")
    assert row.locator(".case-status").inner_text() == "vermittelt"
    assert "vermittelt: 1" in page.locator("#leavers-cases").inner_text()
    assert page.js_errors == []


def test_pupil_sees_where_the_data_went_and_manages_consent(page, login, assert_no_axe_violations):
    """Does a pupil give and withdraw a consent and see transfers and access on #/disclosures?"""
    login(page, "schueler5")  # owned by this test (see tests/e2e/conftest.py)
    page.goto("/#/disclosures")
    wait_screen(page, "Wohin gingen meine Daten?")
    assert_no_axe_violations(page, "disclosures 360")
    form = page.locator("#give-consent-form")
    if form.count():
        form.get_by_role("button", name="Einwilligen").click()
        page.get_by_text("Danke, deine Einwilligung ist gespeichert.").first.wait_for()
    withdraw = page.get_by_role("button", name="Einwilligung für").first
    withdraw.click()
    page.get_by_text("Einwilligung widerrufen.").first.wait_for()
    assert page.js_errors == []


@pytest.mark.parametrize(
    "username,path,heading",
    [
        ("bk", "/#/cases", "Übergebene Fälle"),
        ("stubo", "/#/handover", "Verantwortungskette"),
        ("schueler4", "/#/disclosures", "Wohin gingen meine Daten?"),
    ],
)
def test_chain_screens_have_no_axe_violations_on_desktop(
    desktop_page, login, assert_no_axe_violations, username, path, heading
):
    """Are the chain screens free of WCAG 2.1 AA violations at 1280 px (demo data)?"""
    login(desktop_page, username)
    desktop_page.goto(path)
    wait_screen(desktop_page, heading)
    assert_no_axe_violations(desktop_page, f"{path} 1280")
    if username == "bk":
        desktop_page.locator("tbody a").first.click()
        desktop_page.locator("#case-contact-form").wait_for()
        assert_no_axe_violations(desktop_page, "case detail 1280")
