"""A teacher logs in with a password and imports a class roster from a SchILD-NRW CSV."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HEADER = "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer"


def schild_csv(rows: list[str], encoding: str = "utf-8") -> dict:
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    return {"name": "SchuelerExport.csv", "mimeType": "text/csv", "buffer": text.encode(encoding)}


def open_import_screen(page, world):
    page.goto("/#/classes")
    page.get_by_role("link", name=world.class_name, exact=True).click()
    page.wait_for_url(f"**/#/classes/{world.class_id}")
    page.get_by_role("link", name="Schülerliste importieren").click()
    page.wait_for_url(f"**/#/classes/{world.class_id}/import")
    page.locator("#import-form").wait_for()


def test_teacher_previews_and_commits_a_schild_roster(page, live_server, login):
    """Does a teacher see new and updated rows in a preview, and are they saved on commit?"""
    world = live_server.make_class_world(pupils=(("Mia", "Becker"),))
    login(page, world.teacher)
    open_import_screen(page, world)
    existing = f"E2E{world.tag}0"
    csv = schild_csv(
        [
            f"Becker;Mia Sophie;10e;17.05.2010;{existing}",
            f"Çelik;Emre;10e;03.11.2009;NEU{world.tag}1",
            f"Schäfer;Jana;10e;29.02.2012;NEU{world.tag}2",
        ]
    )
    page.set_input_files("#import-file", csv)
    page.get_by_role("button", name="Vorschau anzeigen").click()
    heading = page.get_by_role("heading", name="Vorschau")
    heading.wait_for()
    created = page.locator("#import-created tbody tr")
    assert created.count() == 2
    assert "Çelik, Emre" in page.locator("#import-created").inner_text()
    assert page.locator("#import-updated tbody tr").count() == 1
    assert "Noch ist nichts gespeichert." in page.locator("#import-result").inner_text()

    page.get_by_role("button", name="Import bestätigen").click()
    page.get_by_role("heading", name="Import abgeschlossen").wait_for()
    page.get_by_role("link", name="Zur Klasse").click()
    page.wait_for_url(f"**/#/classes/{world.class_id}")
    page.get_by_role("heading", name="Klasse 10e").wait_for()
    table = page.locator("#screen:not([aria-busy]) table")
    table.wait_for()
    text = table.inner_text()
    assert "Çelik, Emre" in text and "Schäfer, Jana" in text
    assert "Becker, Mia" in text
    assert table.locator("tbody tr").count() == 3
    assert page.js_errors == []


def test_rows_with_errors_are_listed_with_reasons_and_nothing_is_saved(page, live_server, login):
    """Does a file with an invalid row show the row and its reason, and offer no commit?"""
    world = live_server.make_class_world(pupils=())
    login(page, world.teacher)
    open_import_screen(page, world)
    csv = schild_csv(
        [
            f"Weiß;Jürgen;10e;12.04.2010;OK{world.tag}",
            f"Fischer;Eva;10e;31.13.2010;BAD{world.tag}",
        ],
        encoding="cp1252",
    )
    page.set_input_files("#import-file", csv)
    page.get_by_role("button", name="Vorschau anzeigen").click()
    rejected = page.locator("#import-rejected")
    rejected.wait_for()
    rows = rejected.locator("tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text() == "3"
    assert "Geburtsdatum" in rows.first.inner_text()
    assert page.get_by_role("button", name="Import bestätigen").count() == 0
    page.goto(f"/#/classes/{world.class_id}")
    page.get_by_text("In dieser Klasse sind noch keine").wait_for()


def test_a_stubo_confirms_a_move_from_another_class(
    page, live_server, login, assert_no_axe_violations
):
    """Does the StuBO see which pupil leaves which class, and is the move saved only after
    ticking the confirmation?"""
    world = live_server.make_class_world(pupils=())

    def second_class():
        from app.extensions import db
        from app.schools.models import SchoolClass
        from tests import factories as f

        school = db.session.get(SchoolClass, world.class_id).school
        f.make_pupil(
            f.make_class(school, "10f", "10"),
            first_name="Lena",
            last_name="Schulz",
            external_id=f"MOVE{world.tag}",
        )

    live_server.create(second_class)
    stubo = live_server.make_user("stubo", school_id=world.school_id)
    login(page, stubo)
    page.goto(f"/#/classes/{world.class_id}/import")
    page.locator("#import-form").wait_for()
    page.set_input_files(
        "#import-file", schild_csv([f"Schulz;Lena;10e;17.05.2010;MOVE{world.tag}"])
    )
    page.get_by_role("button", name="Vorschau anzeigen").click()
    moves = page.locator("#import-moves")
    moves.wait_for()
    assert "10f" in moves.inner_text() and "Schulz, Lena" in moves.inner_text()
    assert_no_axe_violations(page, "roster import with a move")

    page.get_by_role("button", name="Import bestätigen").click()
    page.get_by_text("Bitte bestätigen Sie den Klassenwechsel.").wait_for()
    page.get_by_label("Ich bestätige", exact=False).check()
    page.get_by_role("button", name="Import bestätigen").click()
    page.get_by_role("heading", name="Import abgeschlossen").wait_for()
    assert page.js_errors == []
