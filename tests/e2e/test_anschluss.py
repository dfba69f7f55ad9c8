"""Anschluss in the browser: the class teacher records an Anschluss and an agreement; the
StuBO filters and exports the "noch kein Anschluss" list; every screen passes axe."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.core import clock

pytestmark = pytest.mark.browser


def demo_ids(live_server, username: str) -> dict:
    def lookup():
        from sqlalchemy import select

        from app.auth.models import User
        from app.extensions import db
        from app.schools.models import ClassMembership

        user = db.session.scalar(select(User).where(User.username == username))
        class_id = db.session.scalar(
            select(ClassMembership.class_id).where(ClassMembership.pupil_id == user.id)
        )
        return {"id": user.id, "name": f"{user.last_name}, {user.first_name}", "class_id": class_id}

    return live_server.create(lookup)


def test_teacher_records_an_anschluss_and_an_agreement(page, live_server, login):
    """Can the 10a teacher record an Anschluss and an Anschlussvereinbarung for a pupil?"""
    pupil = demo_ids(live_server, "schueler2")
    login(page, "lehrer")
    page.get_by_role("navigation").get_by_role("link", name="Abschlussjahrgang").click()
    page.get_by_role("link", name="10a", exact=False).first.click()
    page.wait_for_url(f"**/#/anschluss/classes/{pupil['class_id']}")
    page.locator("#anschluss-class-table").wait_for()
    page.get_by_role("link", name=pupil["name"]).click()
    page.wait_for_url(f"**/#/anschluss/pupils/{pupil['id']}")

    form = page.locator("#anschluss-status-form")
    form.wait_for()
    form.get_by_label("Status").select_option("geplant")
    form.get_by_role("button", name="Anschluss speichern").click()
    page.locator("#anschluss-status-form .field-error").first.wait_for()  # certificate missing
    form = page.locator("#anschluss-status-form")
    form.get_by_label("Erwarteter Abschluss").select_option("SBO_10_7_7")
    form.get_by_label("Status").select_option("geplant")
    form.get_by_label("Anschlussoption").select_option("DUAL")
    form.get_by_role("button", name="Anschluss speichern").click()
    page.locator("#anschluss-message .notice--success").wait_for()
    assert "geplant" in page.locator("#anschluss-history").inner_text()

    agreement = page.locator("#agreement-form")
    agreement.get_by_label("Wunsch: Anschlussoption").select_option("DUAL")
    agreement.get_by_label("Wunsch: Beruf oder Weg").fill("Mechatroniker/in")
    agreement.get_by_label("Metall, Maschinenbau").check()
    agreement.locator("#step-1-description").fill("Bewerbung an drei Betriebe")
    agreement.locator("#step-1-due").fill((clock.today() + timedelta(days=14)).isoformat())
    agreement.get_by_role("button", name="Als neue Fassung speichern").click()
    page.get_by_text("Fassung 1 gespeichert.").wait_for()
    versions = page.locator("#anschluss-versions")
    assert "Fassung 1" in versions.inner_text()
    assert versions.get_by_role("link", name="PDF der Fassung 1").is_visible()
    assert page.js_errors == []


def test_stubo_filters_and_exports_the_noch_kein_anschluss_list(page, live_server, login, screens):
    """Can the StuBO filter the list to leavers without Anschluss in 10a and export it?"""
    login(page, "stubo")
    with screens.new(page):
        page.get_by_role("navigation").get_by_role("link", name="Abschlussjahrgang").click()
        page.wait_for_url("**/#/leavers")
    page.locator("#leavers-table").wait_for()
    filters = page.locator("#leavers-filter")
    filters.get_by_label("Nur ohne gesicherten Anschluss (keine Zusage)").check()
    filters.get_by_label("Klasse").select_option(label="10a")
    with screens.new(page):  # the filter is a new route: wait for its screen, not the old one
        filters.get_by_role("button", name="Anzeigen").click()
        page.wait_for_url("**/#/leavers?*unsecured=true*")
    page.locator(f"{screens.fresh} #leavers-table").wait_for()
    table = page.locator("#leavers-table").inner_text()
    assert "zugesagt" not in table.split("\n", 1)[1]  # no secured leaver in the rows
    assert "keine Bewerbung" in table or "Schritt überfällig" in table
    with page.expect_download() as download_info:
        page.locator("#export-csv").click()
    path = download_info.value.path()
    content = Path(path).read_text(encoding="utf-8-sig")
    assert content.startswith("Klasse;Nachname;Vorname")
    assert all(line.startswith("10a;") for line in content.strip().splitlines()[1:])
    assert page.js_errors == []


@pytest.mark.parametrize("viewport", ["page", "desktop_page"])
def test_anschluss_screens_have_no_axe_violations(
    request, viewport, live_server, login, assert_no_axe_violations, screens
):
    """Do the teacher, StuBO, Kommune and pupil screens pass axe at 360 and 1280 px?"""
    page = request.getfixturevalue(viewport)
    pupil = demo_ids(live_server, "schueler3")
    visits = [
        (
            "lehrer",
            [
                "/#/anschluss",
                f"/#/anschluss/classes/{pupil['class_id']}",
                f"/#/anschluss/pupils/{pupil['id']}",
            ],
        ),
        ("stubo", ["/#/leavers"]),
        ("kommune", ["/#/kommune"]),
        ("schueler3", ["/#/my-anschluss"]),
    ]
    for username, paths in visits:
        login(page, username)
        for path in paths:
            screens.open(page, path)
            assert_no_axe_violations(page, f"{username} {path}")
    assert page.js_errors == []
