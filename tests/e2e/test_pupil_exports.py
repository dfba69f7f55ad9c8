"""Exports named for people: the Berufswahlpass (PDF) first, then "Alles über mich" as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_are_the_exports_named_for_people_with_the_pdf_first(page, live_server, login):
    """Does Mein Weg offer the PDF first and 'Alles über mich' as a named JSON file?"""
    world = live_server.make_class_world(pupils=(("Lia", "Roth"),), pupil_logins=True)
    login(page, world.pupil_usernames[0])
    page.goto("/#/portfolio")
    section = page.locator("section[aria-labelledby=export-heading]")
    section.locator("#export-json").wait_for()
    links = section.locator("a").all_inner_texts()
    assert links == [
        "Meinen Berufswahlpass herunterladen (PDF)",
        "Alles über mich herunterladen (für Fachleute: JSON)",
    ]
    assert page.evaluate(NO_SIDEWAYS)
    with page.expect_download() as download:
        section.locator("#export-json").click()
    assert download.value.suggested_filename == "alles-ueber-mich.json"
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["format"].startswith("anschluss-")
    with page.expect_download() as download:
        section.locator("#export-pdf").click()
    assert download.value.suggested_filename == "mein-berufswahlpass.pdf"
