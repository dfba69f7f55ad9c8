"""The provider looks after its own slots and contact persons in the browser: changes a slot's
places, deletes an unbooked slot (and is told why a booked one stays), adds a colleague who
sets up the account with the mailed activation link (nobody else sees a password), changes
that password, and removes the colleague again; axe finds no
WCAG 2.1 A/AA violation on these screens at phone and desktop width.

Data: every test makes its own world with its own provider (`make_class_world(provider=True)`).
"""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.browser

WIDTHS = ({"width": 360, "height": 740}, {"width": 1280, "height": 800})


def _offer_with_slots(live_server, provider_id: int) -> dict:
    """A BFE offer of the provider with three days: one to edit, one free to delete, and one
    fully booked (two places held) that can neither shrink below 2 nor be deleted."""

    def create():
        from app.extensions import db
        from app.internships.models import Provider
        from tests.internships.helpers import make_offer, make_slot, school_day

        provider = db.session.get(Provider, provider_id)
        title = f"Werkstatttag {uuid.uuid4().hex[:6]}"
        offer = make_offer(provider, fields=("M",), title=title, postcode=provider.postcode)
        edit = make_slot(offer, school_day(21), capacity=2)
        free = make_slot(offer, school_day(21, skip=1), capacity=3)
        booked = make_slot(offer, school_day(21, skip=2), capacity=2, booked=2)
        return {"offer_id": offer.id, "edit": edit.id, "free": free.id, "booked": booked.id}

    return live_server.create(create)


def _axe_at_both_widths(page, check, label: str) -> None:
    for size in WIDTHS:
        page.set_viewport_size(size)
        check(page, f"{label} at {size['width']} px")
    page.set_viewport_size(WIDTHS[0])


def test_provider_edits_and_deletes_slots(page, live_server, login, assert_no_axe_violations):
    """Can the provider change a slot's places, delete a free slot, and see why a booked one
    can neither shrink below its bookings nor be deleted?"""
    world = live_server.make_class_world(pupil_logins=True, provider=True)
    offer = _offer_with_slots(live_server, world.provider_id)
    login(page, world.provider)
    page.goto(f"/#/provider/offers/{offer['offer_id']}")
    page.locator("#own-slots").wait_for()
    _axe_at_both_widths(page, assert_no_axe_violations, "provider offer with slots")

    # Edit: an impossible number of places shows the server's field error next to the field.
    edited = page.locator(f"#slot-{offer['edit']}")
    edited.get_by_role("button", name="Termin bearbeiten:").click()
    form = page.locator(f"#slot-{offer['edit']}-form")
    capacity = form.get_by_label("Plätze")
    assert capacity.input_value() == "2"
    capacity.fill("0")
    form.get_by_role("button", name="Speichern").click()
    form.locator(".field-error").first.wait_for()
    assert capacity.get_attribute("aria-invalid") == "true"
    assert form.locator(".form-error-summary").inner_text() == "Bitte die markierten Felder prüfen."
    _axe_at_both_widths(page, assert_no_axe_violations, "slot edit form with errors")
    capacity.fill("5")
    form.get_by_role("button", name="Speichern").click()
    page.locator("#provider-status").get_by_text("Termin gespeichert.").wait_for()
    page.locator(f"#slot-{offer['edit']}").get_by_text("5 von 5 Plätzen frei").wait_for()

    # A booked slot: dates are read-only, fewer places than bookings → a clear 409 message.
    booked = page.locator(f"#slot-{offer['booked']}")
    booked.get_by_text("2 gebucht").wait_for()
    booked.get_by_role("button", name="Termin bearbeiten:").click()
    form = page.locator(f"#slot-{offer['booked']}-form")
    assert form.get_by_label("Datum (Beginn)").get_attribute("readonly") is not None
    form.get_by_label("Plätze").fill("1")
    form.get_by_role("button", name="Speichern").click()
    form.locator(".form-error-summary").get_by_text("nicht unter die schon gebuchten").wait_for()
    assert form.get_by_label("Plätze").get_attribute("aria-invalid") == "true"
    form.get_by_role("button", name="Abbrechen").click()
    booked.get_by_role("button", name="Termin löschen:").click()
    booked.get_by_role("button", name="Ja, Termin löschen").click()
    booked.get_by_role("alert").get_by_text("hat Buchungen und kann nicht gelöscht").wait_for()
    _axe_at_both_widths(page, assert_no_axe_violations, "delete refused")

    # Delete a free slot after the confirmation on the page; cancelling first keeps it.
    free = page.locator(f"#slot-{offer['free']}")
    free.get_by_role("button", name="Termin löschen:").click()
    free.get_by_role("button", name="Abbrechen").click()
    free.get_by_role("button", name="Termin löschen:").click()
    free.get_by_role("button", name="Ja, Termin löschen").click()
    page.locator("#provider-status").get_by_text("Termin gelöscht.").wait_for()
    page.locator(f"#slot-{offer['free']}").wait_for(state="detached")
    assert page.locator("#own-slots > li").count() == 2
    assert page.js_errors == []


def _activation_token(live_server, username: str) -> str:
    """What the colleague finds in the mail: the token of the activation link."""

    def read():
        from sqlalchemy import select

        from app.auth.models import User
        from app.extensions import db
        from tests.auth.activation_support import activation_token_of

        return activation_token_of(
            db.session.scalar(select(User.id).where(User.username == username))
        )

    return live_server.create(read)


def test_provider_adds_and_removes_a_colleague(
    page, browser, live_server, login, screens, assert_no_axe_violations
):
    """Can a provider add a colleague who activates the account by the mailed link and changes
    the password, and remove the colleague again (which ends the colleague's session)?"""
    world = live_server.make_class_world(pupil_logins=True, provider=True)
    login(page, world.provider)
    with screens.new(page):
        page.get_by_role("navigation").get_by_role("link", name="Kontaktpersonen").click()
    page.get_by_role("heading", level=1, name="Kontaktpersonen").wait_for()
    page.locator("#contact-list > li").first.wait_for()
    assert page.locator("#contact-list > li").count() == 1  # only me; I cannot remove myself
    assert page.locator("#contact-list").get_by_role("button", name="Entfernen").count() == 0
    _axe_at_both_widths(page, assert_no_axe_violations, "contacts")

    form = page.locator("#contact-form")
    form.get_by_role("button", name="Hinzufügen").click()  # empty: told next to the fields
    assert form.get_by_label("Vorname").get_attribute("aria-invalid") == "true"
    form.get_by_label("Vorname").fill("Jana")
    form.get_by_label("Nachname").fill("Kollegin")
    form.get_by_label("E-Mail").fill("jana.kollegin@example.org")
    form.get_by_role("button", name="Hinzufügen").click()
    created = page.locator("#contact-created")
    created.get_by_text("Der Aktivierungslink ging an jana.kollegin@example.org").wait_for()
    assert "password" not in created.inner_html().lower()
    username = page.locator("#contact-created-username").inner_text()
    item = page.locator("#contact-list > li", has_text="Jana Kollegin")
    item.get_by_text(username).wait_for()
    item.get_by_text("noch nicht eingerichtet").wait_for()
    _axe_at_both_widths(page, assert_no_axe_violations, "contacts with a pending activation")

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, locale="de-DE"
    )
    try:
        colleague = context.new_page()
        colleague.goto(f"/#/activate?token={_activation_token(live_server, username)}")
        colleague.get_by_role("heading", name="Zugang einrichten").wait_for()
        assert_no_axe_violations(colleague, "activation page")
        colleague.get_by_label("Neues Passwort", exact=True).fill("jana-eigenes-passwort")
        colleague.get_by_label("Neues Passwort wiederholen").fill("jana-eigenes-passwort")
        colleague.get_by_role("button", name="Passwort festlegen").click()
        colleague.get_by_role("heading", name="Ihr Zugang ist eingerichtet").wait_for()
        colleague.get_by_role("navigation").get_by_role("link", name="Passwort ändern").click()
        form = colleague.locator("#password-form")
        form.wait_for()
        assert_no_axe_violations(colleague, "change password")
        form.get_by_label("Aktuelles Passwort").fill("jana-eigenes-passwort")
        form.get_by_label("Neues Passwort", exact=True).fill("jana-neues-passwort")
        form.get_by_label("Neues Passwort wiederholen").fill("jana-neues-passwort")
        form.get_by_role("button", name="Passwort ändern").click()
        colleague.get_by_text("Ihr Passwort wurde geändert.").wait_for()
        login(colleague, username, "jana-neues-passwort")
        colleague.goto("/#/provider/contacts")
        colleague.locator("#contact-list").get_by_text(world.provider).wait_for()

        item.get_by_role("button", name="Kontaktperson entfernen: Jana Kollegin").click()
        item.get_by_role("button", name="Ja, entfernen").click()
        page.locator("#contacts-status").get_by_text("Jana Kollegin wurde entfernt.").wait_for()
        item.get_by_text("entfernt", exact=True).wait_for()
        assert page.locator("#contact-list").get_by_role("button", name="Entfernen").count() == 0

        colleague.reload()  # the colleague's session has ended
        colleague.wait_for_url("**/#/login?next=*")
        colleague.locator("#login-password-form").wait_for()
    finally:
        context.close()
    assert page.js_errors == []
