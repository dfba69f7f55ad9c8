"""A pupil enrols with a code from the teacher's sheet, registers a passkey in a (virtual)
platform authenticator, logs out and logs back in with the passkey — no username."""

from __future__ import annotations

import base64

import pytest

from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def issue_code(page, world, pupil_name: str) -> str:
    """The teacher prints a code sheet for one pupil; returns that pupil's code."""
    page.goto(f"/#/classes/{world.class_id}/codes")
    page.locator("#codes-form").wait_for()
    for box in page.locator("#pupil-choice input[type=checkbox]").all():
        box.uncheck()
    page.get_by_label(pupil_name.split(" ")[1] + ", " + pupil_name.split(" ")[0]).check()
    page.get_by_role("button", name="Codes anzeigen und drucken").click()
    card = page.locator(".code-card")
    card.wait_for()
    assert card.count() == 1
    assert pupil_name in card.inner_text()
    qr = card.locator("img")
    assert qr.get_attribute("alt") == f"QR-Code zur Anmeldung für {pupil_name}"
    src = qr.get_attribute("src")
    assert src.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(src.split(",", 1)[1])
    assert svg.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')  # standalone from the server
    assert qr.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    return card.locator(".code-card__code").inner_text().strip()


def test_pupil_enrols_registers_a_passkey_and_logs_back_in_with_it(
    page, desktop_page, live_server, login, virtual_authenticator
):
    """Can a pupil go from a printed code to a passkey login without ever typing a password?"""
    world = live_server.make_class_world(pupils=(("Lina", "Hoffmann"), ("Noah", "Krüger")))
    login(desktop_page, world.teacher)
    code = issue_code(desktop_page, world, "Lina Hoffmann")

    cdp, authenticator_id = virtual_authenticator(page)
    page.goto(f"/#/enrol?code={code}")
    assert page.get_by_label("Anmeldecode").input_value() == code
    page.get_by_label("Anzeigename").fill("Lina")
    page.get_by_role("button", name="Konto einrichten").click()
    page.get_by_role("heading", name="Willkommen, Lina!").wait_for()
    page.get_by_role("button", name="Passkey erstellen").click()
    page.get_by_text("Passkey gespeichert.").wait_for()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["isResidentCredential"] is True

    page.get_by_role("link", name="Weiter zur Startseite").click()
    page.get_by_role("heading", name="Hallo, Lina!").wait_for()
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url("**/#/login")
    page.get_by_role("heading", name="Anmelden").wait_for()

    page.get_by_role("button", name="Mit Passkey anmelden").click()
    page.get_by_role("heading", name="Hallo, Lina!").wait_for()
    assert page.locator(".tile", has_text="Interessen").count() == 1

    # The teacher's class list now shows her as enrolled.
    desktop_page.goto(f"/#/classes/{world.class_id}")
    row = desktop_page.locator("tbody tr", has_text="Hoffmann, Lina")
    row.wait_for()
    assert "Angemeldet" in row.inner_text()
    assert page.js_errors == [] and desktop_page.js_errors == []


def test_used_code_is_refused_with_a_helpful_message(page, desktop_page, live_server, login):
    """Does a second enrolment with the same code fail with an explanation next to the form?"""
    world = live_server.make_class_world(pupils=(("Emma", "Wolf"),))
    login(desktop_page, world.teacher)
    code = issue_code(desktop_page, world, "Emma Wolf")
    page.goto(f"/#/enrol?code={code}")
    page.get_by_label("Anzeigename").fill("Emma")
    page.get_by_label("Gerät ohne Passkey: Passwort festlegen").check()
    page.get_by_label("Passwort", exact=True).fill("ein-sicheres-passwort")
    page.get_by_role("button", name="Konto einrichten").click()
    page.get_by_role("heading", name="Willkommen, Emma!").wait_for()
    page.context.clear_cookies()

    other = page.context.new_page()
    other.goto(f"/#/enrol?code={code}")
    other.get_by_label("Anzeigename").fill("Jemand")
    other.get_by_role("button", name="Konto einrichten").click()
    alert = other.locator(".form-error-summary")
    alert.wait_for()
    assert "ungültig, schon benutzt oder abgelaufen" in alert.inner_text()


def test_passkeys_can_be_added_renamed_and_revoked(page, live_server, login, virtual_authenticator):
    """Can a staff member add a passkey to a password account, rename and revoke it?"""
    username = live_server.make_user("stubo")
    virtual_authenticator(page)
    login(page, username)
    page.goto("/#/passkeys")
    page.get_by_text("Noch keine Passkeys gespeichert.").wait_for()
    page.get_by_role("button", name="Passkey hinzufügen").click()
    page.get_by_text("Passkey hinzugefügt.").wait_for()
    item = page.locator("#passkey-list li")
    assert item.count() == 1
    item.get_by_role("button", name="umbenennen").click()
    page.get_by_label("Name des Passkeys").fill("Dienst-Laptop")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("heading", name="Dienst-Laptop").wait_for()
    page.get_by_role("button", name="Dienst-Laptop entfernen").click()
    page.get_by_role("button", name="Ja, entfernen").click()
    page.get_by_text("Noch keine Passkeys gespeichert.").wait_for()


def test_teacher_downloads_the_code_sheet_as_pdf(desktop_page, live_server, login):
    """Does the PDF button deliver a printable PDF of fresh codes for the chosen pupils?"""
    world = live_server.make_class_world(pupils=(("Paula", "Klein"), ("Finn", "Braun")))
    login(desktop_page, world.teacher)
    desktop_page.goto(f"/#/classes/{world.class_id}/codes")
    desktop_page.locator("#codes-form").wait_for()
    with desktop_page.expect_download() as download_info:
        desktop_page.get_by_role("button", name="Codes als PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == "anmeldecodes-10e.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    desktop_page.get_by_text("PDF mit 2 Codes erstellt.").wait_for()
    desktop_page.goto(f"/#/classes/{world.class_id}")
    desktop_page.get_by_role("heading", name="Klasse 10e").wait_for()
    assert desktop_page.get_by_text("Code ausgegeben").count() == 2


def test_lost_device_reset_is_explicit_and_confirmed(
    page, desktop_page, live_server, login, assert_no_axe_violations
):
    """Issue 9 H2: does a pupil who can log in get a code only through a confirmed
    "Gerät verloren" reset, after which the old password no longer works?"""
    world = live_server.make_class_world(
        pupils=(("Jana", "Roth"), ("Tim", "Vogel")), pupil_logins=True
    )
    login(page, world.teacher)
    page.goto(f"/#/classes/{world.class_id}/codes")
    lost = page.locator("#lost-device-list")
    lost.wait_for()
    assert page.locator("#codes-form").count() == 0  # nobody here is without a login
    page.get_by_text(
        "Alle Schülerinnen und Schüler dieser Klasse können sich schon anmelden."
    ).wait_for()
    assert_no_axe_violations(page, "codes: lost device list (360 px)")
    page.get_by_role("button", name="Gerät verloren: neuen Code für Roth, Jana").click()
    question = page.locator("#lost-device-q-" + str(world.pupil_ids[0]))
    assert "alle Passkeys und das Passwort" in question.inner_text()
    # Focus moves to the safe choice once the question is drawn.
    page.wait_for_function("() => document.activeElement.textContent === 'Abbrechen'")
    assert_no_axe_violations(page, "codes: lost device confirmation")
    page.get_by_role("button", name="Ja, Zugang zurücksetzen").click()
    card = page.locator(".code-card")
    card.wait_for()
    assert "Jana Roth" in card.inner_text()
    assert page.locator("body").evaluate("b => b.scrollWidth <= window.innerWidth")

    desktop_page.goto("/#/login")
    form = desktop_page.locator("#login-password-form")
    form.get_by_label("Benutzername", exact=True).fill(world.pupil_usernames[0])
    form.get_by_label("Passwort", exact=True).fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    desktop_page.locator(".form-error-summary").wait_for()
    assert page.js_errors == []
