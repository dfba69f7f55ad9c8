"""Identification rounds in the browser: the pupil answers the round and the class teacher
confirms; after the cut-off the StuBO and the Kommune see the frozen state, unchanged by a
later status change (shown as a change since). Axe at 360 and 1280 px."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.browser


def add_round(live_server, kommune_id: int, starts_on: date, ends_on: date) -> int:
    def build():
        from app.extensions import db
        from app.verantwortungskette.models import IdentificationRound
        from tests.factories import current_school_year

        identification_round = IdentificationRound(
            kommune_id=kommune_id,
            school_year_id=current_school_year().id,
            name="Runde I",
            starts_on=starts_on,
            ends_on=ends_on,
        )
        db.session.add(identification_round)
        db.session.flush()
        return identification_round.id

    return live_server.create(build)


def secure(live_server, pupil_id: int) -> None:
    def build():
        from app.anschluss.models import Anschluss
        from app.extensions import db
        from tests.factories import current_school_year

        db.session.add(
            Anschluss(pupil_id=pupil_id, school_year_id=current_school_year().id, status="zugesagt")
        )

    live_server.create(build)


def wait_screen(page, heading: str):
    page.get_by_role("heading", level=1, name=heading).wait_for()
    page.locator("#screen:not([aria-busy])").wait_for()


def today(live_server) -> date:
    from app.core import clock

    return clock.today()


def test_pupil_answers_the_round_and_the_teacher_confirms(
    browser, page, live_server, login, assert_no_axe_violations
):
    """Is the pupil asked during the round, and does the class teacher see and confirm it?"""
    world = live_server.make_class_world(pupil_logins=True)
    day = today(live_server)
    add_round(live_server, world.kommune_id, day.replace(day=1), day.replace(day=28))
    login(page, world.pupil_usernames[0])
    page.goto("/#/my-anschluss")
    wait_screen(page, "Mein Anschluss")
    card = page.locator("#declaration")
    card.get_by_role(
        "heading", name="Identifikationsrunde: Wie geht es für dich weiter?"
    ).wait_for()
    assert_no_axe_violations(page, "declaration 360")
    card.get_by_role("button", name="Antwort senden").click()
    card.locator(".form-error-summary").wait_for()  # no plan chosen: the field says so
    card.get_by_label("Ich mache eine Ausbildung.").check()
    card.get_by_label("Was möchtest du noch sagen? (freiwillig)").fill("Bewerbung bei der Bahn")
    card.get_by_role("button", name="Antwort senden").click()
    page.locator("#declaration-last").wait_for()
    assert "Ausbildung" in page.locator("#declaration-last").inner_text()
    assert "bestätigt die Antwort noch" in page.locator("#declaration-last").inner_text()
    assert page.js_errors == []

    teacher_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 800}
    )
    teacher = teacher_context.new_page()
    login(teacher, world.teacher)
    teacher.goto("/#/handover")
    wait_screen(teacher, "Verantwortungskette")
    row = teacher.locator("tr", has_text="Becker, Mia")
    assert "Ausbildung" in row.inner_text() and "Bewerbung bei der Bahn" in row.inner_text()
    assert_no_axe_violations(teacher, "handover with answer 1280")
    row.get_by_role("button", name="Antwort von Mia Becker bestätigen").click()
    teacher.get_by_text("Antwort von Mia Becker bestätigt.").first.wait_for()
    assert "bestätigt" in teacher.locator("tr", has_text="Becker, Mia").inner_text()
    teacher_context.close()

    page.reload()
    wait_screen(page, "Mein Anschluss")
    assert "hat die Antwort am" in page.locator("#declaration-last").inner_text()


def test_the_frozen_snapshot_stays_after_a_later_status_change(
    page, desktop_page, live_server, login, assert_no_axe_violations
):
    """Do the StuBO (360 px) and the Kommune (1280 px) see the round as at its cut-off?"""
    world = live_server.make_class_world()
    day = today(live_server)
    round_id = add_round(live_server, world.kommune_id, day.replace(day=1), day.replace(day=5))
    stubo = live_server.make_user("stubo", school_id=world.school_id)
    login(page, stubo)
    page.goto("/#/handover")
    wait_screen(page, "Verantwortungskette")
    page.locator("#round-snapshot-link").click()
    wait_screen(page, "Stand der Identifikationsrunde")
    items = page.locator("#snapshot-items")
    assert "Becker, Mia" in items.inner_text() and "Yilmaz, Ali" in items.inner_text()
    assert "Seit dem Stichtag hat sich nichts geändert." in page.locator("main").inner_text()
    assert_no_axe_violations(page, "snapshot 360")

    secure(live_server, world.pupil_ids[0])
    page.reload()
    wait_screen(page, "Stand der Identifikationsrunde")
    assert "Becker, Mia" in page.locator("#snapshot-items").inner_text()  # frozen
    changes = page.locator("#snapshot-changes")
    assert "Becker, Mia" in changes.inner_text()
    assert "nicht mehr auf der Liste" in changes.inner_text()
    page.get_by_role("button", name="Runde als abgeschlossen melden").click()
    page.locator("#snapshot-completed").wait_for()
    assert_no_axe_violations(page, "snapshot changes 360")
    assert page.js_errors == []

    coordinator = live_server.make_user("kommune_coordinator", kommune_id=world.kommune_id)
    login(desktop_page, coordinator)
    desktop_page.goto("/#/identification-rounds")
    wait_screen(desktop_page, "Identifikationsrunden")
    settings = desktop_page.locator("#chain-settings")
    settings.get_by_label("Tag").fill("31")
    settings.get_by_label("Monat").fill("4")
    settings.get_by_role("button", name="Einstellungen speichern").click()
    settings.locator(".form-error-summary").wait_for()  # there is no 31 April
    settings.get_by_label("Tag").fill("15")
    settings.get_by_role("button", name="Einstellungen speichern").click()
    desktop_page.get_by_role("status").filter(has_text="Einstellungen gespeichert.").wait_for()
    assert_no_axe_violations(desktop_page, "rounds with settings 1280")
    progress = desktop_page.locator(f"#round-{round_id} .round-progress")
    assert "1 von 1 Schulen" in progress.inner_text()
    progress.get_by_role("link").click()
    wait_screen(desktop_page, "Stand der Identifikationsrunde")
    school_row = desktop_page.locator("#snapshot-schools tr", has_text="Gesamtschule E2E")
    text = school_row.inner_text()
    assert "gesperrt" in text and "Becker" not in desktop_page.locator("main").inner_text()
    assert_no_axe_violations(desktop_page, "kommune snapshot 1280")
    assert desktop_page.js_errors == []


def test_stubo_records_the_abitur_admission_of_a_q2_pupil(
    page, live_server, login, assert_no_axe_violations
):
    """Does the StuBO record a Q2 pupil's Abitur admission, and does the screen say what it
    means for the identification list?"""
    world = live_server.make_class_world()

    def build():
        from app.extensions import db
        from app.schools.models import School
        from tests import factories as f

        q2 = f.make_class(db.session.get(School, world.school_id), "Q2", "Q2")
        return f.make_pupil(q2, first_name="Ida", last_name="Abel").id

    pupil_id = live_server.create(build)
    stubo = live_server.make_user("stubo", school_id=world.school_id)
    login(page, stubo)
    page.goto(f"/#/anschluss/pupils/{pupil_id}")
    wait_screen(page, "Anschluss von Ida Abel")
    section = page.locator("#schooling-form").locator("..")
    assert "Zählt in diesem Schuljahr als Abgänger*in." in section.inner_text()
    page.select_option("#schooling-exam", "abitur")
    page.get_by_role("button", name="Angaben speichern").click()
    page.get_by_text("Schullaufbahn gespeichert.").first.wait_for()
    verdict = page.locator("#schooling-verdict").inner_text()
    assert "nicht in der Identifikationsliste" in verdict
    assert_no_axe_violations(page, "schooling 360")
    assert page.js_errors == []


def test_stubo_sets_the_course_type_of_a_berufskolleg_class(
    page, live_server, login, assert_no_axe_violations
):
    """Does the StuBO of a Berufskolleg mark a class as dual (its apprentices are no leavers)?"""

    def build():
        from tests import factories as f

        college = f.make_school(f.make_kommune(), "BK")
        klasse = f.make_class(college, "FKE1", "BK1")
        f.make_pupil(klasse, first_name="Jan", last_name="Ott")
        return college.id, klasse.id

    college_id, class_id = live_server.create(build)
    stubo = live_server.make_user("stubo", school_id=college_id)
    login(page, stubo)
    page.goto(f"/#/classes/{class_id}")
    page.get_by_role("heading", level=2, name="Bildungsgang der Klasse").wait_for()
    page.select_option("#course-type", "dual")
    page.get_by_role("button", name="Bildungsgang speichern").click()
    page.get_by_text("Bildungsgang gespeichert.").wait_for()
    assert_no_axe_violations(page, "course type 360")
    page.reload()
    page.get_by_role("heading", level=2, name="Bildungsgang der Klasse").wait_for()
    assert page.locator("#course-type").input_value() == "dual"
    assert page.js_errors == []
