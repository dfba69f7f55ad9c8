"""Recipients in the browser (issue 11): the Kommune configures the Agentur für Arbeit, a StuBO
hands a leaver over with the pupil's consent, the Agentur's coordinator sees only that case.
Axe at 360 px on every step and at 1280 px on the Kommune's and the Agentur's screens."""

from __future__ import annotations

import pytest

from tests.e2e.test_chain import wait_screen

pytestmark = pytest.mark.browser


def _world(live_server):
    """A fresh Kommune with school, class 10e (two pupils), its StuBO and its coordination; a
    second, already configured Jobcenter with a handed-over case of another pupil."""
    world = live_server.make_class_world(pupils=(("Lea", "Brandt"), ("Jonas", "Kühn")))
    world.stubo = live_server.make_user("stubo", school_id=world.school_id)
    world.kommune = live_server.make_user("kommune_coordinator", kommune_id=world.kommune_id)
    world.agentur_name = f"Agentur für Arbeit E2E {world.tag}"

    def jobcenter_case():
        from app.auth.models import User
        from app.extensions import db
        from app.schools.models import Kommune
        from app.verantwortungskette import consent, handover
        from tests import factories as f

        kommune = db.session.get(Kommune, world.kommune_id)
        jobcenter = f.make_recipient(kommune, "jobcenter", f"Jobcenter E2E {world.tag}")
        stubo = db.session.scalar(db.select(User).where(User.username == world.stubo))
        other = db.session.get(User, world.pupil_ids[1])
        consent._record(other, "pupil", {"recipient_id": jobcenter.id}, stubo)
        handover.hand_over(stubo, {"pupil_id": other.id, "recipient_id": jobcenter.id})

    live_server.create(jobcenter_case)
    return world


def _agentur_coordinator(live_server, world) -> str:
    """The Agentur's coordinator account (accounts are made by the administration)."""
    from tests.e2e.conftest import DEMO_PASSWORD

    def build():
        from app.auth.passwords import hash_password
        from app.extensions import db
        from app.verantwortungskette.models import Recipient
        from tests import factories as f

        agentur = db.session.scalar(
            db.select(Recipient).where(Recipient.name == world.agentur_name)
        )
        user = f.make_recipient_coordinator(
            agentur, username=f"agentur-{world.tag}", password_hash=hash_password(DEMO_PASSWORD)
        )
        return user.username

    return live_server.create(build)


def test_the_agentur_receives_only_the_case_handed_to_it(
    browser, page, live_server, login, assert_no_axe_violations, screens
):
    """Kommune adds the Agentur → StuBO records the pupil's consent and hands over → the Agentur
    coordinator sees this one case (not the Jobcenter's), with no phone channel offered."""
    world = _world(live_server)
    login(page, world.kommune)
    page.goto("/#/recipients")
    wait_screen(page, "Empfänger der Verantwortungskette")
    assert_no_axe_violations(page, "recipients 360")
    page.select_option("#recipient-kind", "agentur_fuer_arbeit")
    page.fill("#recipient-name", world.agentur_name)
    page.get_by_role("button", name="Empfänger anlegen").click()
    page.get_by_text(f"„{world.agentur_name}“ angelegt.").first.wait_for()
    assert world.agentur_name in page.locator("#recipients-caption").locator("..").inner_text()
    assert page.js_errors == []
    agentur_user = _agentur_coordinator(live_server, world)

    stubo_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    )
    stubo = stubo_context.new_page()
    login(stubo, world.stubo)
    stubo.goto("/#/handover")
    wait_screen(stubo, "Verantwortungskette")
    stubo.select_option("#consent-pupil", label="Brandt, Lea (10e)")
    stubo.select_option("#consent-recipient", label=world.agentur_name)
    stubo.select_option("#consent-given-by", "pupil")
    text = stubo.locator("#consent-text").inner_text()
    assert world.agentur_name in text and "Monate" in text
    assert_no_axe_violations(stubo, "handover with consent text 360")
    stubo.get_by_role("button", name="Einwilligung erfassen").click()
    stubo.get_by_text("Einwilligung erfasst.").first.wait_for()
    stubo.get_by_role("button", name=f"Übergeben an {world.agentur_name}").click()
    stubo.get_by_role("button", name="Ja, übergeben").click()
    stubo.get_by_text(f"wurden an {world.agentur_name} übergeben.").first.wait_for()
    stubo_context.close()

    agentur_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    )
    agentur = agentur_context.new_page()
    errors: list[str] = []
    agentur.on("pageerror", lambda exc: errors.append(str(exc)))
    login(agentur, agentur_user)
    agentur.goto("/#/cases")
    wait_screen(agentur, "Übergebene Fälle")
    assert_no_axe_violations(agentur, "agentur cases 360")
    rows = agentur.locator("tbody tr")
    assert rows.count() == 1
    assert (
        "Lea Brandt" in rows.first.inner_text()
        and "Kühn" not in agentur.locator("main").inner_text()
    )
    agentur.get_by_role("link", name="Lea Brandt").click()
    wait_screen(agentur, "Fall: Lea Brandt")
    assert world.agentur_name in agentur.locator("main").inner_text()
    assert agentur.locator("#contact-channel option").all_inner_texts() == ["Brief", "Hausbesuch"]
    assert_no_axe_violations(agentur, "agentur case 360")
    assert errors == []
    agentur_context.close()

    desktop = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    wide = desktop.new_page()
    login(wide, agentur_user)
    wide.goto("/#/cases")
    wait_screen(wide, "Übergebene Fälle")
    assert_no_axe_violations(wide, "agentur cases 1280")
    wide.context.clear_cookies()
    login(wide, world.kommune)
    wide.goto("/#/recipients")
    wait_screen(wide, "Empfänger der Verantwortungskette")
    assert_no_axe_violations(wide, "recipients 1280")
    desktop.close()
