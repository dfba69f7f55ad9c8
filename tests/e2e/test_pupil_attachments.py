"""Attachments in Mein Weg: a pupil uploads a photo and a certificate to a step, sees them
listed, deletes one; a wrong file is refused with a message (360 and 1280 px, axe)."""

from __future__ import annotations

import pytest

from tests.home.attachment_files import PDF, jpeg_with_gps

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [360, 1280])
def test_can_a_pupil_attach_a_certificate_and_a_photo(
    browser, live_server, login, screens, assert_no_axe_violations, width, tmp_path
):
    """Upload a JPEG and a PDF, see both, delete one; a text file named .pdf is refused?"""
    world = live_server.make_class_world(pupils=(("Ida", "Krause"),), pupil_logins=True)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_gps())
    certificate = tmp_path / "Bescheinigung.pdf"
    certificate.write_bytes(PDF)
    fake = tmp_path / "virus.pdf"
    fake.write_bytes(b"MZ not a pdf")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, locale="de-DE"
    )
    page = context.new_page()
    try:
        login(page, world.pupil_usernames[0])
        screens.open(page, "/#/portfolio")
        with screens.new(page):
            page.locator("#steps li a").first.click()
        page.locator("#files-none").wait_for()
        for path in (photo, certificate):
            page.locator("#step-file").set_input_files(str(path))
            page.locator("#files-upload").click()
            page.locator("#files-status", has_text="ist hochgeladen").wait_for()
            page.locator("#step-files li", has_text=path.stem).wait_for()
        assert page.locator("#step-files li").count() == 2
        page.locator("#step-file").set_input_files(str(fake))
        page.locator("#files-upload").click()
        page.locator("#step-file-error", has_text="Nur PDF, JPEG oder PNG").wait_for()
        assert page.locator("#step-files li").count() == 2
        assert page.evaluate(NO_SIDEWAYS)
        assert_no_axe_violations(page, f"step with files {width}")
        page.get_by_role("button", name="foto.jpg löschen").click()
        page.get_by_text("foto.jpg wirklich löschen?").wait_for()
        assert page.locator("#step-files li").count() == 2  # nothing deleted before the answer
        page.get_by_role("button", name="Ja, löschen").click()
        page.locator("#files-status", has_text="foto.jpg ist gelöscht").wait_for()
        screens.open(page, page.url)  # afresh from the server
        assert page.locator("#step-files li").all_inner_texts()[0].startswith("Bescheinigung.pdf")
        assert page.locator("#step-files li").count() == 1
    finally:
        context.close()
