"""axe-core finds no WCAG 2.1 A/AA violation on any shell screen, at 360 px and at 1280 px."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

ANONYMOUS_SCREENS = [
    ("/#/login", "Anmelden"),
    ("/#/enrol?code=ABCD-EFGH", "Konto einrichten"),
    ("/#/sources", "Quellen & Lizenzen"),
    ("/#/barrierefreiheit", "Erklärung zur Barrierefreiheit"),
    ("/#/gibt-es-nicht", "Seite nicht gefunden"),
]

CSV = (
    "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer\r\n"
    "Neumann;Paul;10e;01.02.2010;AXE{tag}1\r\n"
    "Fehler;Fritz;10e;99.99.2010;AXE{tag}2\r\n"
)


@pytest.fixture(params=["phone", "desktop"])
def any_page(request):
    return request.getfixturevalue("page" if request.param == "phone" else "desktop_page")


STALE = "() => { const s = document.getElementById('screen'); if (s) s.dataset.stale = '1'; }"
FRESH = "#screen:not([data-stale]):not([aria-busy])"


def show(page, path: str, heading: str | None = None):
    """Open a route and wait until the router has rendered its (new) screen."""
    page.evaluate(STALE)
    if urljoin(page.url, path) == page.url:
        page.reload()  # the same hash fires no hashchange: render the route afresh
    else:
        page.goto(path)
    page.locator(FRESH).wait_for()
    if heading:
        page.locator(FRESH).get_by_role("heading", name=heading, exact=True).first.wait_for()


def test_anonymous_screens(any_page, assert_no_axe_violations):
    """Are login, enrolment, sources, accessibility statement and 404 free of violations?"""
    for path, heading in ANONYMOUS_SCREENS:
        show(any_page, path, heading)
        assert_no_axe_violations(any_page, path)
    show(any_page, "/#/login", "Anmelden")
    any_page.locator("#login-password-form button[type=submit]").click()
    any_page.locator(".form-error-summary").wait_for()
    assert_no_axe_violations(any_page, "login with errors")
    show(any_page, "/#/login", "Anmelden")
    any_page.evaluate(STALE)
    any_page.locator("#lang-switch").select_option("en")
    any_page.locator(FRESH).get_by_role("heading", name="Log in").wait_for()
    assert_no_axe_violations(any_page, "login in English")


def test_teacher_screens(any_page, live_server, login, assert_no_axe_violations):
    """Are the teacher's home, classes, class, import (with results), codes and passkeys clean?"""
    world = live_server.make_class_world()
    login(any_page, world.teacher)
    assert_no_axe_violations(any_page, "teacher home")
    for path in ("/#/classes", f"/#/classes/{world.class_id}", "/#/passkeys"):
        show(any_page, path)
        assert_no_axe_violations(any_page, path)
    show(any_page, f"/#/classes/{world.class_id}/import")
    assert_no_axe_violations(any_page, "import")
    any_page.set_input_files(
        "#import-file",
        {
            "name": "export.csv",
            "mimeType": "text/csv",
            "buffer": CSV.format(tag=world.tag).encode(),
        },
    )
    any_page.get_by_role("button", name="Vorschau anzeigen").click()
    any_page.locator("#import-rejected").wait_for()
    assert_no_axe_violations(any_page, "import preview")
    show(any_page, f"/#/classes/{world.class_id}/codes")
    assert_no_axe_violations(any_page, "codes form")
    any_page.get_by_role("button", name="Codes anzeigen und drucken").click()
    any_page.locator(".code-card").first.wait_for()
    assert_no_axe_violations(any_page, "code sheet")


def test_pupil_and_other_role_screens(any_page, live_server, login, assert_no_axe_violations):
    """Are the home screens of a pupil, a provider and a Kommune coordinator clean?"""
    world = live_server.make_class_world(pupils=())
    pupil = live_server.make_user("pupil", school_id=world.school_id, display_name="Ben")
    others = [
        live_server.make_user(role)
        for role in ("provider", "kommune_coordinator", "stubo", "bk_coordinator")
    ]
    for username in (pupil, *others):
        login(any_page, username)
        assert_no_axe_violations(any_page, f"home of {username}")
        show(any_page, "/#/passkeys")
        assert_no_axe_violations(any_page, f"passkeys of {username}")
        any_page.get_by_role("button", name="Abmelden").click()
        any_page.wait_for_url("**/#/login")
    login(any_page, pupil)
    show(any_page, "/#/classes", "Kein Zugriff")
    assert_no_axe_violations(any_page, "forbidden")


def test_enrolment_and_passkey_screens(
    any_page, live_server, login, virtual_authenticator, assert_no_axe_violations
):
    """Are the enrolment steps and the passkey list with its forms free of violations?"""
    world = live_server.make_class_world(pupils=(("Jonas", "Richter"),))
    login(any_page, world.teacher)
    show(any_page, f"/#/classes/{world.class_id}/codes")
    any_page.get_by_role("button", name="Codes anzeigen und drucken").click()
    code = any_page.locator(".code-card__code").inner_text().strip()
    any_page.get_by_role("button", name="Abmelden").click()
    any_page.wait_for_url("**/#/login")

    virtual_authenticator(any_page)
    show(any_page, f"/#/enrol?code={code}", "Konto einrichten")
    any_page.get_by_label("Anzeigename").fill("Jonas")
    any_page.get_by_role("button", name="Konto einrichten").click()
    any_page.get_by_role("heading", name="Willkommen, Jonas!").wait_for()
    assert_no_axe_violations(any_page, "enrolment done")
    any_page.get_by_role("button", name="Passkey erstellen").click()
    any_page.get_by_text("Passkey gespeichert.").wait_for()
    assert_no_axe_violations(any_page, "passkey created")

    show(any_page, "/#/passkeys", "Passkeys")
    any_page.locator("#passkey-list li h3").wait_for()
    assert_no_axe_violations(any_page, "passkey list")
    any_page.get_by_role("button", name="umbenennen").click()
    assert_no_axe_violations(any_page, "rename form")
    any_page.get_by_role("button", name="Abbrechen").click()
    any_page.get_by_role("button", name="entfernen").click()
    any_page.get_by_role("button", name="Ja, entfernen").wait_for()
    assert_no_axe_violations(any_page, "revoke confirmation")
